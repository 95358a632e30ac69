package org.dtcore.context;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dtcore.TerminalText;

/**
 * What a device tree cannot say (SPEC §10), gathered from options, a JSON file or a system root.
 *
 * <p>The linear map is described uniformly for every architecture as
 * {@code vaddr = linearMapBase + (paddr − physOffset)} (mod 2^64, SPEC §9): ppc64 and x86_64 have
 * physOffset 0; arm64's is PHYS_OFFSET; riscv64's is phys_ram_base.
 *
 * @param cpus              crash note of each possible CPU, ascending id (kexec-tools mode skips absent ones)
 * @param vmcoreinfoAddress physical address of the vmcoreinfo note
 * @param vmcoreinfoSize    its size (0x1024 with 4 KiB pages)
 * @param kernelText        the kernel image mapping; empty when unknown (then no kernel-map PT_LOAD can be
 *                          written)
 * @param linearMapBase     virtual address the linear map starts at (PAGE_OFFSET)
 * @param physOffset        physical address mapped at linearMapBase
 * @param pageSize          kernel page size
 * @param eFlags            ELF header e_flags (0, or 2 for some ppc64 ELFv2 kernels)
 * @param notices           each default relied on, named, in the order chosen, with what it concerns
 */
public record CrashContext(List<CpuNote> cpus, long vmcoreinfoAddress, long vmcoreinfoSize,
                           Optional<KernelText> kernelText,
                           long linearMapBase, long physOffset, long pageSize, int eFlags,
                           List<ContextWarning> notices) {
    /**
     * A context of these fields (the lists copied: the record stays immutable).
     *
     * @param cpus              crash note of each possible CPU, ascending id
     * @param vmcoreinfoAddress physical address of the vmcoreinfo note
     * @param vmcoreinfoSize    its size in bytes
     * @param kernelText        the kernel image mapping; empty when unknown
     * @throws NullPointerException when {@code kernelText} is null (give {@code Optional.empty()})
     * @param linearMapBase     virtual address the linear map starts at
     * @param physOffset        physical address mapped at linearMapBase
     * @param pageSize          kernel page size in bytes
     * @param eFlags            ELF header e_flags
     * @param notices           each default relied on
     */
    public CrashContext {
        cpus = List.copyOf(cpus);
        Objects.requireNonNull(kernelText, "kernelText: Optional.empty() when unknown");
        notices = List.copyOf(notices);
    }

    /**
     * The texts of {@link #notices()}, in order, terminal-safe wherever they are printed: they quote file
     * and node names ({@link org.dtcore.TerminalText}).
     *
     * @return one line per default relied on; empty when every field was given
     */
    public List<String> warnings() {
        return ContextWarning.texts(notices).stream().map(TerminalText::escape).toList();
    }

    /**
     * The linear-map virtual address of a physical address (SPEC §9; wraps mod 2^64 as the kernel's
     * arithmetic does).
     *
     * @param paddr the physical address
     * @return {@code linearMapBase + (paddr − physOffset)}
     */

    public long linearVirtual(long paddr) {
        return linearMapBase + (paddr - physOffset);
    }
}
