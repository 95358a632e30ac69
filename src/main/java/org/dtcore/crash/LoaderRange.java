package org.dtcore.crash;

import org.dtcore.text.Numbers;

/**
 * kexec-tools' struct memory_range (kexec/kexec.h): an inclusive [start, end] and a type. Unlike
 * {@link org.dtcore.memory.MemoryRange} it may hold what kexec-tools' arithmetic leaves behind (an end
 * below the start), because the models must be able to carry kexec-tools' values to the point where
 * dtcore refuses them with a message.
 */
public record LoaderRange(long start, long end, Type type) {

    /** The RANGE_* types kexec-tools gives /proc/iomem lines; only RAM becomes a PT_LOAD. */
    public enum Type { RAM, RESERVED, ACPI, ACPI_NVS, PMEM, PRAM }

    public static LoaderRange ram(long start, long end) {
        return new LoaderRange(start, end, Type.RAM);
    }

    public LoaderRange withStart(long s) {
        return new LoaderRange(s, end, type);
    }

    public LoaderRange withEnd(long e) {
        return new LoaderRange(start, e, type);
    }

    @Override
    public String toString() {
        return "[" + Numbers.hex(start) + "-" + Numbers.hex(end) + "]";
    }
}
