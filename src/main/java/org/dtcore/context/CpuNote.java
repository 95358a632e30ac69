package org.dtcore.context;

import java.util.Comparator;

/**
 * One CPU's crash note buffer (SPEC §9, §10): {@code /sys/devices/system/cpu/cpuN/crash_notes} (physical
 * address) and {@code crash_notes_size}.
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
