package org.dtcore.capture;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.memory.Arch;
import org.dtcore.memory.PageSize;
import org.dtcore.memory.MemoryRange;

/**
 * What a kdump loader knows besides the booted tree when it builds the capture kernel's tree (SPEC §11).
 *
 * @param arch              whose loader: powerpc adds its own properties and reservations; riscv and
 *                          powerpc put "elfcorehdr=ADDR " in front of the command line
 * @param crashKernels      the crash kernel region, then crashkernel-low if any (at least one)
 * @param elfCoreHeader     the core header segment: where it was loaded and its size, exactly (the kernel
 *                          reserves it unrounded)
 * @param initrd            the capture kernel's initrd segment, if any
 * @param bootargs          the capture kernel's command line as the user gave it, if any
 * @param backupStart       powerpc: where the copy of the first 64 KiB goes (required there)
 * @param bootedBlobAddress the booted blob's physical address, if known: the kernel drops a /memreserve/
 *                          entry of exactly (that address, the blob's totalsize)
 * @param pageSize          the running kernel's page size: an old initrd reservation may be page-rounded
 * @param rngReady          the running kernel's RNG was ready at load (rng_is_initialized()): it then writes
 *                          kaslr-seed and rng-seed, random values dtcore writes as zeros
 * @param crashKernelCma    the crashkernel CMA ranges (Linux 7.3), which the capture kernel gets as usable
 *                          memory after the crash kernel and crashkernel-low; empty otherwise
 */
public record CaptureRequest(Arch arch, List<MemoryRange> crashKernels, MemoryRange elfCoreHeader,
                             Optional<MemoryRange> initrd, Optional<String> bootargs, OptionalLong backupStart,
                             OptionalLong bootedBlobAddress, long pageSize, boolean rngReady,
                             List<MemoryRange> crashKernelCma) {
    /**
     * A request without crashkernel CMA.
     *
     * @param arch              whose loader
     * @param crashKernels      the crash kernel region, then crashkernel-low if any
     * @param elfCoreHeader     the core header segment, exactly
     * @param initrd            the capture kernel's initrd segment, if any
     * @param bootargs          the capture kernel's command line, if any
     * @param backupStart       powerpc: where the copy of the first 64 KiB goes
     * @param bootedBlobAddress the booted blob's physical address, if known
     * @param pageSize          the running kernel's page size in bytes
     * @param rngReady          whether the running kernel's RNG was ready at load
     * @throws CaptureException as the canonical constructor
     */
    public CaptureRequest(Arch arch, List<MemoryRange> crashKernels, MemoryRange elfCoreHeader,
                          Optional<MemoryRange> initrd, Optional<String> bootargs, OptionalLong backupStart,
                          OptionalLong bootedBlobAddress, long pageSize, boolean rngReady) {
        this(arch, crashKernels, elfCoreHeader, initrd, bootargs, backupStart, bootedBlobAddress, pageSize, rngReady,
                List.of());
    }

    /**
     * A request for a kernel whose RNG was not ready at load (as on the recorded 6.1 kernels).
     *
     * @param arch              whose loader
     * @param crashKernels      the crash kernel region, then crashkernel-low if any
     * @param elfCoreHeader     the core header segment, exactly
     * @param initrd            the capture kernel's initrd segment, if any
     * @param bootargs          the capture kernel's command line, if any
     * @param backupStart       powerpc: where the copy of the first 64 KiB goes
     * @param bootedBlobAddress the booted blob's physical address, if known
     * @param pageSize          the running kernel's page size in bytes
     * @throws CaptureException as the canonical constructor
     */
    public CaptureRequest(Arch arch, List<MemoryRange> crashKernels, MemoryRange elfCoreHeader,
                          Optional<MemoryRange> initrd, Optional<String> bootargs, OptionalLong backupStart,
                          OptionalLong bootedBlobAddress, long pageSize) {
        this(arch, crashKernels, elfCoreHeader, initrd, bootargs, backupStart, bootedBlobAddress, pageSize, false);
    }

    /**
     * A request, checked.
     *
     * @param arch              whose loader
     * @param crashKernels      the crash kernel region, then crashkernel-low if any
     * @param elfCoreHeader     the core header segment, exactly
     * @param initrd            the capture kernel's initrd segment, if any
     * @param bootargs          the capture kernel's command line, if any
     * @param backupStart       powerpc: where the copy of the first 64 KiB goes
     * @param bootedBlobAddress the booted blob's physical address, if known
     * @param pageSize          the running kernel's page size in bytes
     * @param rngReady          whether the running kernel's RNG was ready at load
     * @param crashKernelCma    the crashkernel CMA ranges; null or empty for none
     * @throws CaptureException ({@link CaptureException.Kind#BAD_REQUEST}) without a crash kernel region or
     *                          with more than two, or with a page size that is not a power of two from
     *                          1 KiB to 1 GiB
     */
    public CaptureRequest {
        crashKernels = List.copyOf(crashKernels);
        crashKernelCma = List.copyOf(crashKernelCma == null ? List.of() : crashKernelCma);
        if (crashKernels.isEmpty() || crashKernels.size() > 2) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "crash kernel",
                    "give the crash kernel region and at most a crashkernel-low one; found " + crashKernels.size());
        }
        if (PageSize.problem(pageSize).isPresent()) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "page size", PageSize.problem(pageSize).get());
        }
    }

    /**
     * A request with the architecture's default page size and nothing optional.
     *
     * @param arch          whose loader
     * @param crashKernels  the crash kernel region, then crashkernel-low if any
     * @param elfCoreHeader the core header segment, exactly
     * @return the request
     * @throws CaptureException without a crash kernel region or with more than two
     */
    public static CaptureRequest of(Arch arch, List<MemoryRange> crashKernels, MemoryRange elfCoreHeader) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty(), arch.defaultPageSize());
    }

    /**
     * This request with an initrd segment.
     *
     * @param s the segment the loader placed the capture kernel's initrd in
     * @return the new request
     */
    public CaptureRequest withInitrd(MemoryRange s) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, Optional.of(s), bootargs, backupStart,
                bootedBlobAddress, pageSize, rngReady, crashKernelCma);
    }

    /**
     * This request with the capture kernel's command line.
     *
     * @param s the command line as the user gave it (riscv and powerpc get "elfcorehdr=" put in front)
     * @return the new request
     */
    public CaptureRequest withBootargs(String s) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, initrd, Optional.of(s), backupStart,
                bootedBlobAddress, pageSize, rngReady, crashKernelCma);
    }

    /**
     * This request with powerpc's backup address.
     *
     * @param address where the loader copies the first 64 KiB
     * @return the new request
     */
    public CaptureRequest withBackupStart(long address) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, initrd, bootargs, OptionalLong.of(address),
                bootedBlobAddress, pageSize, rngReady, crashKernelCma);
    }

    /**
     * This request with the booted blob's physical address.
     *
     * @param address where the booted blob lies; the /memreserve/ entry of exactly it is dropped
     * @return the new request
     */
    public CaptureRequest withBootedBlobAddress(long address) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, initrd, bootargs, backupStart,
                OptionalLong.of(address), pageSize, rngReady, crashKernelCma);
    }

    /**
     * This request with the running kernel's page size.
     *
     * @param size the page size in bytes
     * @return the new request
     * @throws CaptureException when {@code size} is not a power of two from 1 KiB to 1 GiB
     */
    public CaptureRequest withPageSize(long size) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, initrd, bootargs, backupStart,
                bootedBlobAddress, size, rngReady, crashKernelCma);
    }

    /**
     * This request with the RNG's state at load.
     *
     * @param ready whether rng_is_initialized() was true (then kaslr-seed and rng-seed are written, as zeros)
     * @return the new request
     */
    public CaptureRequest withRngReady(boolean ready) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, initrd, bootargs, backupStart, bootedBlobAddress,
                pageSize, ready, crashKernelCma);
    }

    /**
     * This request with the crashkernel CMA ranges the capture kernel also gets.
     *
     * @param ranges the CMA ranges; null or empty for none
     * @return the new request
     */
    public CaptureRequest withCrashKernelCma(List<MemoryRange> ranges) {
        return new CaptureRequest(arch, crashKernels, elfCoreHeader, initrd, bootargs, backupStart, bootedBlobAddress,
                pageSize, rngReady, ranges);
    }

    /**
     * The crash kernel region proper.
     *
     * @return the first of {@link #crashKernels()} (crashk_res)
     */

    public MemoryRange crashKernel() {
        return crashKernels.get(0);
    }
}
