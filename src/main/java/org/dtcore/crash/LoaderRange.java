package org.dtcore.crash;

import org.dtcore.text.Numbers;

/**
 * kexec-tools' struct memory_range (kexec/kexec.h): an inclusive [start, end] and a type. Unlike
 * {@link org.dtcore.memory.MemoryRange} it may hold what kexec-tools' arithmetic leaves behind (an end
 * below the start), because the models must be able to carry kexec-tools' values to the point where
 * dtcore refuses them with a message.
 *
 * @param start the first address
 * @param end   the last address (inclusive); may lie below {@code start}, see above
 * @param type  what kexec-tools took the line for
 */
public record LoaderRange(long start, long end, Type type) {

    /** The RANGE_* types kexec-tools gives /proc/iomem lines; only RAM becomes a PT_LOAD. */
    public enum Type {
        /** RANGE_RAM: a line whose name contains "System RAM". */
        RAM,
        /** RANGE_RESERVED: "reserved" or "Reserved". */

        RESERVED,
        /** RANGE_ACPI: "ACPI Tables". */
        ACPI,
        /** RANGE_ACPI_NVS: "ACPI Non-volatile Storage". */
        ACPI_NVS,
        /** RANGE_PMEM: "Persistent Memory". */
        PMEM,
        /** RANGE_PRAM: "Persistent Memory (legacy)". */
        PRAM
    }

    /**
     * A RAM range.
     *
     * @param start the first address
     * @param end   the last address (inclusive)
     * @return the range, of type {@link Type#RAM}
     */
    public static LoaderRange ram(long start, long end) {
        return new LoaderRange(start, end, Type.RAM);
    }

    /**
     * This range with another start, as kexec-tools' cutting code moves it.
     *
     * @param s the new first address
     * @return the new range, same end and type
     */
    public LoaderRange withStart(long s) {
        return new LoaderRange(s, end, type);
    }

    /**
     * This range with another end.
     *
     * @param e the new last address (inclusive)
     * @return the new range, same start and type
     */
    public LoaderRange withEnd(long e) {

        return new LoaderRange(start, e, type);
    }

    @Override
    public String toString() {
        return "[" + Numbers.hex(start) + "-" + Numbers.hex(end) + "]";
    }
}
