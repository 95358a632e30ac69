package org.dtcore.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Some of a {@link CrashContext}'s fields, as one source gives them (SPEC §10): command-line options, a
 * JSON context file, a vmcoreinfo note, or a system root. Layers are stacked with {@link #overriddenBy}
 * (options over context file over vmcoreinfo note over system root) and the rest is filled from the
 * per-architecture defaults by {@link ContextDefaults}.
 *
 * <p>A null field means "this source does not say". Two fields need a third state:
 * <ul>
 * <li>{@code kernelText}: null = not said; {@code Optional.empty()} = said to be absent (no kernel map).</li>
 * <li>a {@link CpuNote} whose size is 0 has a known address but no {@code crash_notes_size}: the
 *     architecture's note size fills it in (SPEC §9).</li>
 * </ul>
 * The CPU list is taken whole from the highest layer that has one; lists are never merged per CPU.
 *
 * <p>Why nulls and not Optional here: a layer is an input being stacked, and "not said" must stay
 * distinct from "said to be absent" for {@code kernelText} (an {@code Optional<Optional<...>>} otherwise);
 * the stacking is one rule for every field ({@link #overriddenBy}). The result every caller reads,
 * {@link CrashContext}, has no nulls.
 *
 * @param cpus              crash notes of the possible CPUs, or null
 * @param vmcoreinfoAddress physical address of the vmcoreinfo note, or null
 * @param vmcoreinfoSize    its size, or null
 * @param kernelText        see above
 * @param linearMapBase     PAGE_OFFSET, or null
 * @param physOffset        physical address at linearMapBase, or null
 * @param pageSize          kernel page size, or null
 * @param eFlags            ELF e_flags, or null
 * @param vaBits            virtual address bits (arm64, riscv64: chooses PAGE_OFFSET), or null
 * @param notices           what this source noticed, in order
 */
public record PartialContext(List<CpuNote> cpus, Long vmcoreinfoAddress, Long vmcoreinfoSize,
                             Optional<KernelText> kernelText, Long linearMapBase, Long physOffset, Long pageSize,
                             Integer eFlags, Integer vaBits, List<ContextWarning> notices) {

    /** A source that says nothing. */
    public static final PartialContext EMPTY = new PartialContext(null, null, null, null, null, null, null, null, null,
            List.of());

    /**
     * A layer of these fields (the lists copied); null fields are "not said", as in the class comment.
     *
     * @param cpus              crash notes of the possible CPUs, or null
     * @param vmcoreinfoAddress physical address of the vmcoreinfo note, or null
     * @param vmcoreinfoSize    its size, or null
     * @param kernelText        null: not said; empty: no kernel text
     * @param linearMapBase     PAGE_OFFSET, or null
     * @param physOffset        physical address at linearMapBase, or null
     * @param pageSize          kernel page size, or null
     * @param eFlags            ELF e_flags, or null
     * @param vaBits            virtual address bits, or null
     * @param notices           what this source noticed, in order
     */
    public PartialContext {
        cpus = cpus == null ? null : List.copyOf(cpus);
        notices = List.copyOf(notices);
    }

    /**
     * The texts of {@link #notices()}, in order.
     *
     * @return one line per notice; empty when the source noticed nothing
     */
    public List<String> warnings() {
        return ContextWarning.texts(notices);
    }

    /**
     * Stacks a higher layer on this one.
     *
     * @param higher the layer that wins where it says something
     * @return this layer with every field {@code higher} gives replaced by its value; the warnings of both,
     *         this one's first
     */
    public PartialContext overriddenBy(PartialContext higher) {
        List<ContextWarning> all = new ArrayList<>(notices);
        all.addAll(higher.notices);
        return new PartialContext(
                pick(higher.cpus, cpus),
                pick(higher.vmcoreinfoAddress, vmcoreinfoAddress),
                pick(higher.vmcoreinfoSize, vmcoreinfoSize),
                pick(higher.kernelText, kernelText),
                pick(higher.linearMapBase, linearMapBase),
                pick(higher.physOffset, physOffset),
                pick(higher.pageSize, pageSize),
                pick(higher.eFlags, eFlags),
                pick(higher.vaBits, vaBits),
                all);
    }

    private static <T> T pick(T higher, T lower) {
        return higher != null ? higher : lower;
    }

    /**
     * This layer with a CPU list (it replaces the whole list of any lower layer).
     *
     * @param notes the notes, a size 0 meaning "the architecture's size"; null: not said
     * @return the new layer
     */
    public PartialContext withCpus(List<CpuNote> notes) {
        return new PartialContext(notes, vmcoreinfoAddress, vmcoreinfoSize, kernelText, linearMapBase, physOffset,
                pageSize, eFlags, vaBits, notices);
    }

    /**
     * This layer with the vmcoreinfo note's place.
     *
     * @param address its physical address; null: not said
     * @param size    its size in bytes; null: not said (the page's default applies)
     * @return the new layer
     */
    public PartialContext withVmcoreinfo(Long address, Long size) {
        return new PartialContext(cpus, address, size, kernelText, linearMapBase, physOffset, pageSize, eFlags,
                vaBits, notices);
    }

    /**
     * This layer with the kernel image mapping.
     *
     * @param text null: not said; empty: there is no kernel text (no kernel PT_LOAD)
     * @return the new layer
     */
    public PartialContext withKernelText(Optional<KernelText> text) {
        return new PartialContext(cpus, vmcoreinfoAddress, vmcoreinfoSize, text, linearMapBase, physOffset, pageSize,
                eFlags, vaBits, notices);
    }

    /**
     * This layer with the linear map.
     *
     * @param base   PAGE_OFFSET; null: not said
     * @param offset the physical address mapped at {@code base}; null: not said
     * @return the new layer
     */
    public PartialContext withLinearMap(Long base, Long offset) {
        return new PartialContext(cpus, vmcoreinfoAddress, vmcoreinfoSize, kernelText, base, offset, pageSize, eFlags,
                vaBits, notices);
    }

    /**
     * This layer with the kernel page size.
     *
     * @param size the page size in bytes; null: not said
     * @return the new layer
     */
    public PartialContext withPageSize(Long size) {
        return new PartialContext(cpus, vmcoreinfoAddress, vmcoreinfoSize, kernelText, linearMapBase, physOffset, size,
                eFlags, vaBits, notices);
    }

    /**
     * This layer with the ELF header's e_flags.
     *
     * @param flags the 32-bit word; null: not said
     * @return the new layer
     */
    public PartialContext withEFlags(Integer flags) {
        return new PartialContext(cpus, vmcoreinfoAddress, vmcoreinfoSize, kernelText, linearMapBase, physOffset,
                pageSize, flags, vaBits, notices);
    }

    /**
     * This layer with VA_BITS (arm64, riscv64: it chooses PAGE_OFFSET when no base is given).
     *
     * @param bits virtual address bits, 1 to 64; null: not said
     * @return the new layer
     */
    public PartialContext withVaBits(Integer bits) {
        return new PartialContext(cpus, vmcoreinfoAddress, vmcoreinfoSize, kernelText, linearMapBase, physOffset,
                pageSize, eFlags, bits, notices);
    }

    /**
     * This layer with one more warning that concerns every header ({@link ContextWarning#general(String)}).
     *
     * @param warning the line shown to the user
     * @return the new layer
     */
    public PartialContext withWarning(String warning) {
        return withWarning(ContextWarning.general(warning));
    }

    /**
     * This layer with one more warning, after the others.
     *
     * @param warning the warning
     * @return the new layer
     */
    public PartialContext withWarning(ContextWarning warning) {

        List<ContextWarning> all = new ArrayList<>(notices);
        all.add(warning);
        return new PartialContext(cpus, vmcoreinfoAddress, vmcoreinfoSize, kernelText, linearMapBase, physOffset,
                pageSize, eFlags, vaBits, all);
    }
}
