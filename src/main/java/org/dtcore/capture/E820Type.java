package org.dtcore.capture;

import java.util.Optional;

/**
 * An e820 entry's type (arch/x86/include/asm/e820/types.h) and the name /sys/firmware/memmap and
 * /proc/iomem give it (e820_type_to_string(), arch/x86/kernel/e820.c; the same in 6.1, 6.12 and 7.3).
 */
public enum E820Type {
    RAM(1, "System RAM"),
    RESERVED(2, "Reserved"),
    ACPI(3, "ACPI Tables"),
    NVS(4, "ACPI Non-volatile Storage"),
    UNUSABLE(5, "Unusable memory"),
    PMEM(7, "Persistent Memory"),
    PRAM(12, "Persistent Memory (legacy)"),
    SOFT_RESERVED(0xefff_ffffL, "Soft Reserved");

    private final long code;
    private final String text;

    E820Type(long code, String text) {
        this.code = code;
        this.text = text;
    }

    /** The number in struct e820_entry (u32). */
    public long code() {
        return code;
    }

    /** The name sysfs prints ("System RAM", "Reserved" ...). */
    public String text() {
        return text;
    }

    /** The type whose e820_type_to_string() name is exactly {@code name}, if any. */
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
