package org.dtcore.cli;

import org.dtcore.memory.MemoryRange;

/** How addresses and sizes are printed (SPEC §0): 0x%016x in tables, "0x..." in JSON, plus human units. */
final class AddressFormat {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private AddressFormat() {
    }

    static String hex16(long v) {
        String digits = Long.toHexString(v); // "0x%016x" without a Formatter: tables print one per address
        return "0x" + "0000000000000000".substring(digits.length()) + digits;
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** Size of a range as hex; the whole 64-bit space (size 2^64) prints as 0x10000000000000000. */
    static String sizeHex(MemoryRange r) {
        return r.size() == 0 ? "0x10000000000000000" : hex(r.size());
    }

    /** "2 GiB", "64 KiB", "1.5 MiB", "2124 B": exact when whole, else one decimal. */
    static String human(long bytes) {
        if (bytes == 0) {
            return "16 EiB";
        }
        double v = bytes >= 0 ? bytes : bytes + 0x1p64;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        if (v == Math.rint(v)) {
            return (long) v + " " + UNITS[unit];
        }
        // "%.1f" without a Formatter (which loads ~240 classes): round half up to one decimal
        long tenths = Math.round(v * 10);
        return tenths / 10 + "." + tenths % 10 + " " + UNITS[unit];
    }

    /** Human size of a range (its size may be 2^64). */
    static String human(MemoryRange r) {
        return human(r.size());
    }
}
