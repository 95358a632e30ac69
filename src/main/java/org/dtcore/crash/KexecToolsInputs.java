package org.dtcore.crash;

import java.util.List;

import org.dtcore.context.Kallsyms;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;

/**
 * What kexec-tools reads from the running system to build a crash dump's ranges (SPEC §9 kexec-tools mode).
 *
 * @param iomem        /proc/iomem's lines in file order (arm64, riscv64, x86_64), or null
 * @param kallsyms     /proc/kallsyms' symbols (get_kernel_sym), {@link Kallsyms#none} when unreadable
 * @param kcoreText    symbols standing in for /proc/kcore's kernel-text segment [_text, _end) that x86_64
 *                     reads (a System.map, else kallsyms), or null
 * @param liveTree     /proc/device-tree as powerpc kexec-tools reads it (the live tree, a folder), or null
 * @param pageSize     the host's page size (getpagesize(), sysconf(_SC_PAGESIZE))
 * @param crashKernels the crash kernel regions to use instead of the system's, empty for the system's
 * @param directMapBase the kernel's linear-map base (page_offset_base), which x86_64 kexec-tools finds as
 *                     /proc/kcore's lowest segment
 */
public record KexecToolsInputs(List<IomemEntry> iomem, Kallsyms kallsyms, Kallsyms kcoreText, DeviceTree liveTree,
                               long pageSize, List<MemoryRange> crashKernels, long directMapBase) {
    /**
     * Inputs as read (the lists copied; {@code iomem} stays null when not read).
     *
     * @param iomem         /proc/iomem's lines in file order, or null
     * @param kallsyms      /proc/kallsyms' symbols
     * @param kcoreText     symbols standing in for /proc/kcore's kernel-text segment, or null
     * @param liveTree      the live tree powerpc kexec-tools reads, or null
     * @param pageSize      the host's page size in bytes
     * @param crashKernels  the crash kernel regions to use instead of the system's, empty for the system's
     * @param directMapBase the kernel's linear-map base
     */
    public KexecToolsInputs {

        iomem = iomem == null ? null : List.copyOf(iomem);
        crashKernels = List.copyOf(crashKernels);
    }
}
