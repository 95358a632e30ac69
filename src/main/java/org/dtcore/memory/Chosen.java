package org.dtcore.memory;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code /chosen} says about memory (SPEC §6). Every field is optional; ranges are inclusive.
 *
 * @param usableMemoryRanges {@code linux,usable-memory-range}: first the main range, then the low one
 * @param elfCoreHeader      {@code linux,elfcorehdr}
 * @param initrd             {@code linux,initrd-start} .. {@code linux,initrd-end} (end exclusive in the tree)
 * @param crashKernels       crash kernel regions: powerpc's {@code linux,crashkernel-base}/{@code -size},
 *                           a {@code crashkernel=SIZE@OFFSET} in bootargs, or "Crash kernel" lines of /proc/iomem
 * @param memoryLimit        the amount of RAM the kernel keeps, rounded as it rounds it: {@code mem=} in
 *                           bootargs (arm64, riscv64, powerpc) or powerpc's {@code linux,memory-limit} (SPEC §6)
 * @param kernelEnd          powerpc's {@code linux,kernel-end}
 * @param bootargs           {@code bootargs} as Linux copies it: up to the first NUL (SPEC §6)
 * @param crashKernelCma     the bytes {@code crashkernel=SIZE,cma} asks for (Linux 7.3,
 *                           {@link KernelVersion#crashKernelCma}), placed at boot in up to
 *                           {@link KernelVersion#CRASH_CMA_RANGES_MAX} ranges the tree cannot tell
 */
public record Chosen(List<MemoryRange> usableMemoryRanges,
                     Optional<MemoryRange> elfCoreHeader,
                     Optional<MemoryRange> initrd,
                     List<MemoryRange> crashKernels,
                     Optional<Long> memoryLimit,
                     Optional<Long> kernelEnd,
                     Optional<String> bootargs,
                     OptionalLong crashKernelCma) {

    /** Starts the warning given when bootargs ask for a crash kernel without saying where (SPEC §6). */
    public static final String UNPLACED_CRASH_KERNEL = "crashkernel= gives no offset";

    /** A tree without /chosen, or one that says nothing about memory: every field empty. */
    public static final Chosen NONE = new Chosen(List.of(), Optional.empty(), Optional.empty(),
            List.of(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Copies the lists.
     *
     * @param usableMemoryRanges {@code linux,usable-memory-range}, main range first
     * @param elfCoreHeader      {@code linux,elfcorehdr}
     * @param initrd             the initrd, inclusive
     * @param crashKernels       crash kernel regions
     * @param memoryLimit        the RAM the kernel keeps, in bytes
     * @param kernelEnd          powerpc's {@code linux,kernel-end}
     * @param bootargs           {@code bootargs} up to the first NUL
     * @param crashKernelCma     the bytes {@code crashkernel=SIZE,cma} asks for; null is taken as empty
     */
    public Chosen {
        usableMemoryRanges = List.copyOf(usableMemoryRanges);
        crashKernels = List.copyOf(crashKernels);
        crashKernelCma = crashKernelCma == null ? OptionalLong.empty() : crashKernelCma;
    }

    /**
     * /chosen without crashkernel CMA (every release before 7.3, and a 7.3 command line without ",cma").
     *
     * @param usableMemoryRanges {@code linux,usable-memory-range}, main range first
     * @param elfCoreHeader      {@code linux,elfcorehdr}
     * @param initrd             the initrd, inclusive
     * @param crashKernels       crash kernel regions
     * @param memoryLimit        the RAM the kernel keeps, in bytes
     * @param kernelEnd          powerpc's {@code linux,kernel-end}
     * @param bootargs           {@code bootargs} up to the first NUL
     */
    public Chosen(List<MemoryRange> usableMemoryRanges, Optional<MemoryRange> elfCoreHeader,
                  Optional<MemoryRange> initrd, List<MemoryRange> crashKernels, Optional<Long> memoryLimit,
                  Optional<Long> kernelEnd, Optional<String> bootargs) {
        this(usableMemoryRanges, elfCoreHeader, initrd, crashKernels, memoryLimit, kernelEnd, bootargs,
                OptionalLong.empty());
    }
}
