package org.dtcore.layout;

import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * What a kdump of the board must cover (SPEC §8): the architecture whose policy applies, the crash
 * kernel regions, and the ranges the dump lists. Evaluated only when a {@link CrashMemorySource} is given.
 * Null fields are the expectation file's absent ones ({@link Expectation}).
 *
 * @param arch         the architecture (SPEC §8 differs per architecture); null for the one the board is
 *                     read with
 * @param crashKernels crash kernel regions; null means "those /chosen gives" (SPEC §6)
 * @param dumpRanges   the exact ranges the dump covers, in order; null when not checked
 * @param omits        ranges no dump range may touch (e.g. a no-map firmware region)
 * @param includes     ranges the dump must cover in full
 */
public record CrashExpectation(Arch arch, List<MemoryRange> crashKernels, List<MemoryRange> dumpRanges,
                               List<MemoryRange> omits, List<MemoryRange> includes) {
    /**
     * Copies the lists ({@code omits} and {@code includes} are required, possibly empty).
     *
     * @param arch         the architecture (SPEC §8 differs per architecture); null for the one the board is
     *                     read with
     * @param crashKernels crash kernel regions; null means "those /chosen gives" (SPEC §6)
     * @param dumpRanges   the exact ranges the dump covers, in order; null when not checked
     * @param omits        ranges no dump range may touch (e.g. a no-map firmware region)
     * @param includes     ranges the dump must cover in full
     */
    public CrashExpectation {
        crashKernels = crashKernels == null ? null : List.copyOf(crashKernels);
        dumpRanges = dumpRanges == null ? null : List.copyOf(dumpRanges);
        omits = List.copyOf(omits);
        includes = List.copyOf(includes);
    }
}
