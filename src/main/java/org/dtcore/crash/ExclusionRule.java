package org.dtcore.crash;

import org.dtcore.memory.KernelVersion;

/**
 * Which generation of the kernel's {@code crash_exclude_mem_range} to follow (SPEC §8 "Exclusion").
 * Both assume sorted, disjoint ranges and take out the inclusive exclusion [s, e].
 */
public enum ExclusionRule {
    /**
     * Linux 6.8 and later: every range overlapping [s, e] loses the overlap. A range covered whole is
     * removed; one that strictly contains [s, e] splits in two, the upper piece in the next slot; a split
     * that would need a slot past {@code max_nr_ranges} fails (-ENOMEM) before anything changes.
     */
    CURRENT,

    /**
     * Linux 5.9 to 6.7: ranges covered whole are removed and the scan goes on, but the first range that
     * [s, e] only partly covers is trimmed (or split) and the scan stops there, so ranges after it keep
     * their overlap. A split reports -ENOMEM only when the split range sits in the last slot of the array;
     * with the array full and the split earlier, those kernels write one range past its end (fixed in
     * 6.8), which dtcore refuses rather than imitates.
     */
    LEGACY;

    /**
     * SPEC §8: crash_exclude_mem_range() of {@code kernel}. 6.1's (kernel/kexec_file.c) removes every range
     * it covers whole but trims or splits only the first one it covers partly, then returns; 6.12's
     * (kernel/crash_core.c) cuts every overlapping range. SPEC dates the rewrite to 6.8.
     *
     * @param kernel the release
     * @return {@link #CURRENT} from 6.8 on, else {@link #LEGACY}
     */

    public static ExclusionRule of(KernelVersion kernel) {
        return kernel.excludesEveryOverlap() ? CURRENT : LEGACY;
    }
}
