package org.dtcore.kdump;

import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.memory.MemoryRange;

/**
 * A capture kernel's device tree to write (SPEC §11): the board's inputs and what the loader placed.
 *
 * @param inputs            the booted board and its sources ({@link KdumpInputs})
 * @param elfCoreHeader     where the core header segment is loaded
 * @param elfCoreHeaderSize its size, or empty for the size the kernel release reserves (from the context)
 * @param initrd            the capture kernel's initrd segment, if any
 * @param bootargs          the capture kernel's command line, if any
 * @param backupStart       powerpc: where the copy of the first 64 KiB is loaded
 * @param bootedFdtAddress  the booted blob's physical address, whose /memreserve/ entry is dropped
 */
public record CaptureDtbRequest(KdumpInputs inputs, long elfCoreHeader, OptionalLong elfCoreHeaderSize,
                                Optional<MemoryRange> initrd, Optional<String> bootargs, OptionalLong backupStart,
                                OptionalLong bootedFdtAddress) {
    /**
     * Checks the inputs are given; a null Optional or OptionalLong stands for empty.
     *
     * @param inputs            the booted board and its sources ({@link KdumpInputs})
     * @param elfCoreHeader     where the core header segment is loaded
     * @param elfCoreHeaderSize its size, or empty for the size the kernel release reserves (from the context)
     * @param initrd            the capture kernel's initrd segment, if any
     * @param bootargs          the capture kernel's command line, if any
     * @param backupStart       powerpc: where the copy of the first 64 KiB is loaded
     * @param bootedFdtAddress  the booted blob's physical address, whose /memreserve/ entry is dropped
     * @throws KdumpException BAD_REQUEST when {@code inputs} is null
     */
    public CaptureDtbRequest {
        if (inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the inputs are required");
        }
        elfCoreHeaderSize = elfCoreHeaderSize == null ? OptionalLong.empty() : elfCoreHeaderSize;
        initrd = initrd == null ? Optional.empty() : initrd;
        bootargs = bootargs == null ? Optional.empty() : bootargs;
        backupStart = backupStart == null ? OptionalLong.empty() : backupStart;
        bootedFdtAddress = bootedFdtAddress == null ? OptionalLong.empty() : bootedFdtAddress;
    }

    /**
     * The header at {@code address}, its size from the context, nothing else.
     *
     * @param inputs  the booted board and its sources
     * @param address the core header segment's physical start address
     * @return a request with no initrd, command line, backup region or booted blob address
     */
    public static CaptureDtbRequest of(KdumpInputs inputs, long address) {
        return new CaptureDtbRequest(inputs, address, OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    /**
     * This request with the core header segment's size given.
     *
     * @param size the segment's size in bytes (instead of the size the kernel release reserves)
     * @return a copy with the size given
     */
    public CaptureDtbRequest withElfCoreHeaderSize(long size) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, OptionalLong.of(size), initrd, bootargs, backupStart,
                bootedFdtAddress);
    }

    /**
     * This request with the capture kernel's initrd segment, which the tree's /chosen names.
     *
     * @param s the segment's inclusive physical range
     * @return a copy with the initrd given
     */
    public CaptureDtbRequest withInitrd(MemoryRange s) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, Optional.of(s), bootargs, backupStart,
                bootedFdtAddress);
    }

    /**
     * This request with the capture kernel's command line, written as /chosen's bootargs.
     *
     * @param s the command line
     * @return a copy with the command line given
     */
    public CaptureDtbRequest withBootargs(String s) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, initrd, Optional.of(s), backupStart,
                bootedFdtAddress);
    }

    /**
     * powerpc: this request with the copy of the first 64 KiB where the loader put it.
     *
     * @param address the backup region's physical start address
     * @return a copy with the address given
     */
    public CaptureDtbRequest withBackupStart(long address) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, initrd, bootargs,
                OptionalLong.of(address), bootedFdtAddress);
    }

    /**
     * This request with the booted blob's physical address, whose /memreserve/ entry the capture tree drops.
     *
     * @param address the booted blob's physical start address
     * @return a copy with the address given
     */
    public CaptureDtbRequest withBootedFdtAddress(long address) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, initrd, bootargs, backupStart,
                OptionalLong.of(address));
    }
}
