package org.dtcore.context;

import org.dtcore.TerminalText;
import java.util.List;

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
 * @param kernelText        the kernel image mapping, or null when unknown
 * @param linearMapBase     virtual address the linear map starts at (PAGE_OFFSET)
 * @param physOffset        physical address mapped at linearMapBase
 * @param pageSize          kernel page size
 * @param eFlags            ELF header e_flags (0, or 2 for some ppc64 ELFv2 kernels)
 * @param notices           each default relied on, named, in the order chosen, with what it concerns
 */
public record CrashContext(List<CpuNote> cpus, long vmcoreinfoAddress, long vmcoreinfoSize, KernelText kernelText,
                           long linearMapBase, long physOffset, long pageSize, int eFlags,
                           List<ContextWarning> notices) {
    /**
     * A context of these fields (the lists copied: the record stays immutable).
     *
     * @param cpus              crash note of each possible CPU, ascending id
     * @param vmcoreinfoAddress physical address of the vmcoreinfo note
     * @param vmcoreinfoSize    its size in bytes
     * @param kernelText        the kernel image mapping, or null when unknown
     * @param linearMapBase     virtual address the linear map starts at
     * @param physOffset        physical address mapped at linearMapBase
     * @param pageSize          kernel page size in bytes
     * @param eFlags            ELF header e_flags
     * @param notices           each default relied on
     */
    public CrashContext {
        cpus = List.copyOf(cpus);
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
