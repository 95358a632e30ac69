package org.dtcore.context;

/**
 * One CPU's crash note buffer (SPEC §9, §10): {@code /sys/devices/system/cpu/cpuN/crash_notes} (physical
 * address) and {@code crash_notes_size}.
 */
public record CpuNote(int cpu, long address, long size) {
}
