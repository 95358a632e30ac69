package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_OPTIONS;

import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * How to read memory out of a device tree. Build them with {@link #forArch} (or {@link #DEFAULT}) and the
 * {@code with...} methods: {@code ScanOptions.forArch(Arch.ARM64).withPageSize(64 << 10)}.
 *
 * @param arch               the architecture whose rules apply (SPEC §3.5), or null for the generic rules
 *                           (4 KiB page alignment, nothing clipped)
 * @param pageSize           page size for alignment (SPEC §3.5); 0 means the architecture's default
 * @param legacyMemoryRule   the rule up to Linux 5.16: memory nodes at any depth, and ppc32's root child
 *                           {@code memory@0} without device_type (SPEC §3.1)
 * @param kernelLoadAddress  riscv64's MIN_MEMBLOCK_ADDR (the kernel's physical load address), or -1 for
 *                           the documented default "lowest RAM + 2 MiB" (SPEC §3.5)
 * @param applyUsableMemoryRange apply /chosen linux,usable-memory-range as a capture kernel does (SPEC §6)
 * @param kernel             the running kernel's release, whose rules apply ({@link KernelVersion}); null when
 *                           unknown: then riscv64 drops RAM below its load address and powerpc rounds its
 *                           memory limit as 6.1 does
 */
public record ScanOptions(Arch arch, long pageSize, boolean legacyMemoryRule, long kernelLoadAddress,
                          boolean applyUsableMemoryRange, KernelVersion kernel) {

    // arch and kernel stay nullable components rather than Optionals: these are options a caller builds
    // (forArch and the with... methods), not a result a caller reads, and their null means "the generic
    // rules" / "the release is unknown", which the accessors' callers in this module test for directly.

    /**
     * Checks the page size.
     *
     * @param arch                   the architecture, or null for the generic rules
     * @param pageSize               page size in bytes, or 0 for the architecture's default
     * @param legacyMemoryRule       the rule up to Linux 5.16
     * @param kernelLoadAddress      riscv64's kernel load address, or -1 for the default
     * @param applyUsableMemoryRange apply /chosen linux,usable-memory-range
     * @param kernel                 the running kernel's release, or null when unknown
     * @throws MemoryMapException BAD_OPTIONS for a page size {@link PageSize} refuses
     */
    public ScanOptions {
        if (pageSize != 0 && PageSize.problem(pageSize).isPresent()) { // 0: the architecture's default
            throw new MemoryMapException(BAD_OPTIONS, "scan options", PageSize.problem(pageSize).get());
        }
    }

    /** Generic rules, 4 KiB pages, current Linux. */
    public static final ScanOptions DEFAULT = new ScanOptions(null, 0, false, -1, true, null);

    /**
     * {@code arch}'s rules with its default page size and nothing else given; the {@code with...} methods
     * change one setting each (the way to build options: the canonical constructor takes the sentinels).
     *
     * @param arch the architecture whose rules apply, or null for the generic rules
     * @return the options
     */
    public static ScanOptions forArch(Arch arch) {
        return new ScanOptions(arch, 0, false, -1, true, null);
    }

    /**
     * These options with another page size, for alignment (SPEC §3.5).
     *
     * @param size the page size in bytes; 0 for the architecture's default
     * @return these options with that page size
     * @throws MemoryMapException BAD_OPTIONS for a page size {@link PageSize} refuses
     */
    public ScanOptions withPageSize(long size) {
        return new ScanOptions(arch, size, legacyMemoryRule, kernelLoadAddress, applyUsableMemoryRange, kernel);
    }

    /**
     * These options with the memory node rule up to Linux 5.16, or the current one (SPEC §3.1).
     *
     * @param legacy true for the rule up to Linux 5.16, false for the current one
     * @return these options with that rule
     */
    public ScanOptions withLegacyMemoryRule(boolean legacy) {
        return new ScanOptions(arch, pageSize, legacy, kernelLoadAddress, applyUsableMemoryRange, kernel);
    }

    /**
     * These options with riscv64's kernel load address, below which 6.1 drops RAM (SPEC §3.5).
     *
     * @param address the physical load address; -1 for the default, lowest RAM + 2 MiB
     * @return these options with that address
     */
    public ScanOptions withKernelLoadAddress(long address) {
        return new ScanOptions(arch, pageSize, legacyMemoryRule, address, applyUsableMemoryRange, kernel);
    }

    /**
     * These options with /chosen linux,usable-memory-range applied as a capture kernel does (the default) or
     * read as a first kernel would ignore it.
     *
     * @param apply true to apply it (a capture kernel), false to ignore it (a first kernel)
     * @return these options with that choice
     */
    public ScanOptions withUsableMemoryRange(boolean apply) {
        return new ScanOptions(arch, pageSize, legacyMemoryRule, kernelLoadAddress, apply, kernel);
    }

    /**
     * These options with the running kernel's release, whose rules apply ({@link KernelVersion}).
     *
     * @param version the running kernel's release; null when unknown
     * @return these options with that release
     */
    public ScanOptions withKernel(KernelVersion version) {
        return new ScanOptions(arch, pageSize, legacyMemoryRule, kernelLoadAddress, applyUsableMemoryRange, version);
    }

    /**
     * What differs from the defaults, in words: "arm64 rules, 64 KiB pages, Linux 6.12" (a page size of 0,
     * a load address of -1 or no release say nothing, since the defaults apply).
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(arch == null ? "generic rules" : arch + " rules");
        if (pageSize != 0) {
            b.append(", ").append(ByteSize.human(pageSize)).append(" pages");
        }
        if (legacyMemoryRule) {
            b.append(", memory nodes at any depth (before Linux 5.16)");
        }
        if (kernelLoadAddress != -1) {
            b.append(", kernel loaded at ").append(Numbers.hex(kernelLoadAddress));
        }
        if (!applyUsableMemoryRange) {
            b.append(", linux,usable-memory-range not applied");
        }
        if (kernel != null) {
            b.append(", ").append(kernel);
        }
        return b.toString();
    }

    /**
     * The page size in force: the given one, else the architecture's default, else 4 KiB.
     *
     * @return the page size in bytes
     */
    public long effectivePageSize() {
        if (pageSize != 0) {
            return pageSize;
        }
        return arch == null ? 4096 : arch.defaultPageSize();
    }
}
