package org.dtcore.crash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dtcore.context.Kallsyms;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;

/**
 * What kexec-tools reads from the running system to build a crash dump's ranges (SPEC §9 kexec-tools mode).
 *
 * @param iomem        /proc/iomem's lines in file order (arm64, riscv64, x86_64); empty when not read
 * @param kallsyms     /proc/kallsyms' symbols (get_kernel_sym), {@link Kallsyms#none} when unreadable
 * @param kcoreText    symbols standing in for /proc/kcore's kernel-text segment [_text, _end) that x86_64
 *                     reads (a System.map, else kallsyms); empty: {@code kallsyms} stands in
 * @param liveTree     /proc/device-tree as powerpc kexec-tools reads it (the live tree, a folder); empty when
 *                     not read
 * @param pageSize     the host's page size (getpagesize(), sysconf(_SC_PAGESIZE))
 * @param crashKernels the crash kernel regions to use instead of the system's, empty for the system's
 * @param directMapBase the kernel's linear-map base (page_offset_base), which x86_64 kexec-tools finds as
 *                     /proc/kcore's lowest segment
 */
public record KexecToolsInputs(Optional<List<IomemEntry>> iomem, Kallsyms kallsyms, Optional<Kallsyms> kcoreText,
                               Optional<DeviceTree> liveTree,
                               long pageSize, List<MemoryRange> crashKernels, long directMapBase) {
    /**
     * Inputs as read (the lists copied).
     *
     * @param iomem         /proc/iomem's lines in file order; empty when not read
     * @param kallsyms      /proc/kallsyms' symbols
     * @param kcoreText     symbols standing in for /proc/kcore's kernel-text segment; empty for {@code kallsyms}
     * @param liveTree      the live tree powerpc kexec-tools reads; empty when not read
     * @param pageSize      the host's page size in bytes
     * @param crashKernels  the crash kernel regions to use instead of the system's, empty for the system's
     * @param directMapBase the kernel's linear-map base
     * @throws NullPointerException when an Optional is null
     */
    public KexecToolsInputs {

        iomem = iomem.map(List::copyOf);
        Objects.requireNonNull(kcoreText, "kcoreText");
        Objects.requireNonNull(liveTree, "liveTree");
        crashKernels = List.copyOf(crashKernels);
    }
}
