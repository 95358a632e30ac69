package org.dtcore.context;

import java.util.Comparator;

/**
 * One CPU's crash note buffer (SPEC §9, §10): {@code /sys/devices/system/cpu/cpuN/crash_notes} (physical
 * address) and {@code crash_notes_size}.
 *
 * @param cpu     the CPU's logical number (N in cpuN)
 * @param address the note buffer's physical address
 * @param size    its size in bytes; 0 in a {@link PartialContext} when unknown (the architecture's size
 *                fills it in)
 */

public record CpuNote(int cpu, long address, long size) {
    /** Notes by CPU number; a class, since {@code Comparator.comparingInt} spins a lambda the archive lacks. */
    public static final Comparator<CpuNote> BY_CPU = new Comparator<>() {
        @Override
        public int compare(CpuNote a, CpuNote b) {
            return Integer.compare(a.cpu(), b.cpu());
        }
    };
}
