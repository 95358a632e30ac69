package org.dtcore.layout;

import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;

/**
 * The per-architecture crash memory policy (SPEC §8) as the layout checks see it: which physical ranges a
 * dump of {@code map} covers, in the order the core header lists its PT_LOADs. The crash package
 * supplies it ({@code (map, arch, kernels) -> CrashMemory.of(...).ranges()}); without one, a check
 * reports its {@code crash} section as not evaluated.
 */
@FunctionalInterface
public interface CrashMemorySource {
    /**
     * @param map          the board's memory map
     * @param arch         the architecture whose policy applies
     * @param crashKernels the crash kernel regions (crashkernel, then crashkernel-low), already placed
     * @return the ranges the dump covers, kernel-map segment excluded
     */
    List<MemoryRange> dumpRanges(MemoryMap map, Arch arch, List<MemoryRange> crashKernels);
}
