package org.dtcore.crash;

import java.util.List;
import java.util.Optional;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;

/**
 * How crash memory is cut.
 *
 * @param rule           crash_exclude_mem_range's generation (SPEC §8: current ≥ 6.8, or legacy)
 * @param kernelCapacity give the crash_mem array the capacity the architecture's kernel gives it, so a
 *                       split that does not fit fails as the kernel's -ENOMEM does; false = unbounded
 * @param kernel         the release whose spare crash_mem slots apply ({@link KernelVersion#crashMemSpareSlots});
 *                       empty: 6.12's
 * @param cma            crashkernel CMA ranges (Linux 7.3, {@link KernelVersion#crashKernelCma}), cut out
 *                       after the crash kernels as crash_exclude_core_ranges() does; empty otherwise
 */
public record CrashOptions(ExclusionRule rule, boolean kernelCapacity, Optional<KernelVersion> kernel,
                           List<MemoryRange> cma) {
    /** The current exclusion rule with the kernel's capacity, 6.12's spare slots and no CMA. */
    public static final CrashOptions DEFAULT = new CrashOptions(ExclusionRule.CURRENT, true);

    /**
     * Options as given; a null {@code kernel} is empty, a null {@code cma} none.
     *
     * @param rule           crash_exclude_mem_range's generation
     * @param kernelCapacity whether crash_mem has the kernel's capacity (false: unbounded)
     * @param kernel         the release whose spare crash_mem slots apply; empty: 6.12's
     * @param cma            crashkernel CMA ranges to cut out after the crash kernels
     */
    public CrashOptions {
        kernel = kernel == null ? Optional.empty() : kernel;
        cma = List.copyOf(cma == null ? List.of() : cma);
    }

    /**
     * Options without a release or CMA.
     *
     * @param rule           crash_exclude_mem_range's generation
     * @param kernelCapacity whether crash_mem has the kernel's capacity (false: unbounded)
     */
    public CrashOptions(ExclusionRule rule, boolean kernelCapacity) {
        this(rule, kernelCapacity, Optional.empty(), List.of());
    }

    /**
     * These options with another exclusion rule.
     *
     * @param r crash_exclude_mem_range's generation
     * @return the new options
     */
    public CrashOptions withRule(ExclusionRule r) {
        return new CrashOptions(r, kernelCapacity, kernel, cma);
    }

    /**
     * These options for a kernel release's rules.
     *
     * @param k the release; null: none (6.12's capacities)
     * @return the new options (the exclusion rule is not changed: {@link ExclusionRule#of} gives the release's)
     */
    public CrashOptions withKernel(KernelVersion k) {
        return new CrashOptions(rule, kernelCapacity, Optional.ofNullable(k), cma);
    }

    /**
     * These options with crashkernel CMA ranges to cut out.
     *
     * @param ranges the CMA ranges; null or empty for none
     * @return the new options
     */

    public CrashOptions withCma(List<MemoryRange> ranges) {
        return new CrashOptions(rule, kernelCapacity, kernel, ranges);
    }

    /** The release whose rules apply: the given one, else 6.12 (what the capacities were first read from). */
    KernelVersion release() {
        return kernel.orElse(KernelVersion.LINUX_6_12);
    }
}
