package org.dtcore.capture;

import java.util.Optional;

/**
 * An e820 entry's type (arch/x86/include/asm/e820/types.h) and the name /sys/firmware/memmap and
 * /proc/iomem give it (e820_type_to_string(), arch/x86/kernel/e820.c; the same in 6.1, 6.12 and 7.3).
 */
public enum E820Type {
    /** E820_TYPE_RAM (1): usable memory. */
    RAM(1, "System RAM"),
    /** E820_TYPE_RESERVED (2): not to be used. */
    RESERVED(2, "Reserved"),
    /** E820_TYPE_ACPI (3): ACPI tables, reclaimable once read. */
    ACPI(3, "ACPI Tables"),
    /** E820_TYPE_NVS (4): ACPI non-volatile storage, kept across sleep. */
    NVS(4, "ACPI Non-volatile Storage"),
    /** E820_TYPE_UNUSABLE (5): memory with errors. */
    UNUSABLE(5, "Unusable memory"),
    /** E820_TYPE_PMEM (7): persistent memory (ACPI 6.0). */
    PMEM(7, "Persistent Memory"),
    /** E820_TYPE_PRAM (12): legacy persistent memory (ADR, NVDIMM); never merged. */
    PRAM(12, "Persistent Memory (legacy)"),
    /** E820_TYPE_SOFT_RESERVED (0xefffffff): EFI_MEMORY_SP special-purpose memory; never merged. */
    SOFT_RESERVED(0xefff_ffffL, "Soft Reserved");

    private final long code;
    private final String text;

    E820Type(long code, String text) {
        this.code = code;
        this.text = text;
    }

    /**
     * The type's number.
     *
     * @return the value in struct e820_entry's u32 type field
     */
    public long code() {
        return code;
    }

    /**
     * The type's name.
     *
     * @return what /sys/firmware/memmap and /proc/iomem print ("System RAM", "Reserved" ...)
     */
    public String text() {
        return text;
    }

    /**
     * The type of a name.
     *
     * @param name a type text as sysfs prints it, without its newline
     * @return the type whose e820_type_to_string() name is exactly {@code name}; empty for any other text
     */

    public static Optional<E820Type> ofText(String name) {
        for (E820Type t : values()) {
            if (t.text.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /**
     * e820_nomerge() (6.1, 6.12; e820_type_mergeable() in 7.3): PRAM and soft-reserved ranges may mark
     * distinct platform ranges, so e820__update_table() never joins two of them.
     */
    boolean merges() {
        return this != PRAM && this != SOFT_RESERVED;
    }
}
