package org.dtcore.layout;

import java.util.Locale;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.UnsignedText;

/**
 * Addresses and sizes as expectation files and reports write them (SPEC §0): {@code "0x..."} hex or
 * decimal, with an optional binary suffix {@code K M G T P E} ({@code "256M"}, {@code "0x10K"} is not
 * accepted: a suffix goes with decimal only, as the command line's numbers do). Unsigned 64-bit.
 */
public final class SizeText {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private SizeText() {
    }

    /** The value of {@code text}; throws IllegalArgumentException saying what is accepted. */
    public static long parse(String text) {
        String t = text.trim();
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        int shift = 0;
        if (!hex && !t.isEmpty()) {
            char last = Character.toUpperCase(t.charAt(t.length() - 1));
            int idx = "KMGTPE".indexOf(last);
            if (idx >= 0) {
                shift = 10 * (idx + 1);
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            String digits = hex ? t.substring(2) : t.trim();
            // ASCII only (UnsignedText): "\uff11G" was once read as 1 GiB
            long n = UnsignedText.parse(digits, hex ? 16 : 10);
            if (shift > 0 && n != 0 && Long.numberOfLeadingZeros(n) < shift) {
                throw new IllegalArgumentException("'" + text + "' does not fit in 64 bits");
            }
            return n << shift;
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + text + "' is not a number (\"0x...\" hex, or decimal with an"
                    + " optional K/M/G/T suffix such as \"256M\")");
        }
    }

    /**
     * A range written {@code "START-END"} (inclusive, SPEC §0) or {@code "START+SIZE"}:
     * {@code "0x40000000-0xbfffffff"}, {@code "0x40000000+2G"}.
     */
    public static MemoryRange parseRange(String text) {
        int plus = text.indexOf('+');
        int dash = text.indexOf('-');
        if ((plus < 0) == (dash < 0)) {
            throw new IllegalArgumentException("'" + text + "' is not a range (START-END or START+SIZE,"
                    + " e.g. 0x40000000+2G)");
        }
        long start = parse(text.substring(0, Math.max(plus, dash)));
        long other = parse(text.substring(Math.max(plus, dash) + 1));
        if (plus >= 0) {
            if (other == 0) {
                throw new IllegalArgumentException("'" + text + "' has size 0");
            }
            if (Long.compareUnsigned(start + other - 1, start) < 0) {
                throw new IllegalArgumentException("'" + text + "' wraps past 2^64");
            }
            return new MemoryRange(start, start + other - 1);
        }
        if (Long.compareUnsigned(start, other) > 0) {
            throw new IllegalArgumentException("'" + text + "' ends before it starts");
        }
        return new MemoryRange(start, other);
    }

    /** {@code "0x" + hex}, lower case, no leading zeros (SPEC §12 JSON). */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /** {@code 0x%016x} as tables print addresses (SPEC §0). */
    public static String hex16(long v) {
        return String.format("0x%016x", v);
    }

    /**
     * The shortest exact form a person would write: {@code "256M"}, {@code "4G"}, {@code "0x1800"}; a size
     * of 0 stands for 2^64 (a range covering the whole space, SPEC §0) and prints {@code "16E"}.
     */
    public static String compact(long v) {
        if (v == 0) {
            return "16E";
        }
        for (int i = 5; i >= 0; i--) {
            int shift = 10 * (i + 1);
            if (Long.numberOfTrailingZeros(v) >= shift) {
                return Long.toUnsignedString(v >>> shift) + "KMGTPE".charAt(i);
            }
        }
        return hex(v);
    }

    /** "2 GiB", "64 KiB", "1.5 MiB": exact when whole, else one decimal; 0 means 2^64 ("16 EiB"). */
    public static String human(long bytes) {
        if (bytes == 0) {
            return "16 EiB";
        }
        double v = bytes >= 0 ? bytes : bytes + 0x1p64;
        int unit = 0;
        while (v >= 1024 && unit < UNITS.length - 1) {
            v /= 1024;
            unit++;
        }
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%d %s", (long) v, UNITS[unit])
                : String.format(Locale.ROOT, "%.1f %s", v, UNITS[unit]);
    }

    /** "0x0000000040000000-0x00000000bfffffff": a range as report rows print it. */
    public static String range(MemoryRange r) {
        return hex16(r.start()) + "-" + hex16(r.end());
    }
}
