package org.dtcore.crash;


/**
 * How crash memory is cut.
 *
 * @param rule          crash_exclude_mem_range's generation (SPEC §8: current ≥ 6.8, or legacy)
 * @param kernelCapacity give the crash_mem array the capacity the architecture's kernel gives it, so a
 *                      split that does not fit fails as the kernel's -ENOMEM does; false = unbounded
 */
public record CrashOptions(ExclusionRule rule, boolean kernelCapacity) {
    public static final CrashOptions DEFAULT = new CrashOptions(ExclusionRule.CURRENT, true);

    public CrashOptions withRule(ExclusionRule r) {
        return new CrashOptions(r, kernelCapacity);
    }
}
