package org.dtcore.layout;

import java.util.List;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;

/**
 * The per-architecture crash memory policy (SPEC §8) as the layout checks see it: which physical ranges a
 * dump of {@code map} covers, in the order the core header lists its PT_LOADs. {@link #LINUX} is the
 * crash package's policy; tests may pass their own. Without one, a check reports its {@code crash}
 * section as not evaluated.
 */
@FunctionalInterface
public interface CrashMemorySource {
    /** The current kernel's policy (SPEC §8, exclusion rule of Linux 6.8 and later). */
    CrashMemorySource LINUX = (map, arch, kernels) -> CrashPolicy.build(map, arch, kernels, CrashOptions.DEFAULT)
            .ranges();

    /**
     * The ranges a dump of {@code map} covers, in PT_LOAD order.
     *
     * @param map          the board's memory map
     * @param arch         the architecture whose policy applies
     * @param crashKernels the crash kernel regions (crashkernel, then crashkernel-low), already placed
     * @return the ranges the dump covers, kernel-map segment excluded
     */
    List<MemoryRange> dumpRanges(MemoryMap map, Arch arch, List<MemoryRange> crashKernels);
}
