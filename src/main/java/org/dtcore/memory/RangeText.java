package org.dtcore.memory;

import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * A range written as one string in dtcore's inputs (docs/numbers.md), the same in every option, file and
 * the Java API:
 * <ul>
 * <li>{@code START-END}, inclusive, as /proc/iomem prints it: both ends hex, {@code 0x} optional
 * ({@code ada00000-bd9fffff}, {@code 0x40000000-0xbfffffff}); {@code 40000000-50000000} is hex;</li>
 * <li>{@code START+SIZE} and {@code SIZE@START} (the kernel's {@code crashkernel=} order): numbers in
 * dtcore's grammar ({@code 0x40000000+2G}, {@code 256M@0x60000000}).</li>
 * </ul>
 */
public final class RangeText {
    private RangeText() {
    }

    /**
     * The range {@code text} names; TextException says what is wrong.
     *
     * @param text the range in one of the forms above; blanks around it are ignored
     * @return the range
     * @throws org.dtcore.text.TextException NOT_A_RANGE (or the number's kind) saying what is wrong
     */
    public static MemoryRange parse(String text) {
        String t = text.strip();
        int at = t.indexOf('@');
        int plus = t.indexOf('+');
        int dash = t.indexOf('-');
        int forms = (at >= 0 ? 1 : 0) + (plus >= 0 ? 1 : 0) + (dash >= 0 ? 1 : 0);
        if (forms != 1 || Math.max(at, Math.max(plus, dash)) == 0) {
            throw new TextException(TextException.Kind.NOT_A_RANGE, Numbers.describe(text) + " is not a"
                    + " range (START-END in hex as /proc/iomem prints it, START+SIZE or SIZE@START)");
        }
        if (dash >= 0) {
            long start = Numbers.hexDigits(t.substring(0, dash));
            long end = Numbers.hexDigits(t.substring(dash + 1));
            if (Long.compareUnsigned(start, end) > 0) {
                throw bad(text, "ends before it starts");
            }
            return new MemoryRange(start, end);
        }
        int sep = Math.max(at, plus);
        long first = Numbers.parse(t.substring(0, sep));
        long second = Numbers.parse(t.substring(sep + 1));
        return ofSize(at >= 0 ? second : first, at >= 0 ? first : second, text);
    }

    /**
     * {@code "0x0000000040000000-0x00000000bfffffff"}: a range as tables and reports print it (SPEC §0).
     *
     * @param r a range
     * @return START-END, 16 hex digits each with 0x
     */
    public static String format(MemoryRange r) {
        return Numbers.hex16(r.start()) + "-" + Numbers.hex16(r.end());
    }

    private static MemoryRange ofSize(long start, long size, String text) {
        try {
            return MemoryRange.ofSize(start, size, ""); // the one wrap check (SPEC §0)
        } catch (MemoryMapException e) {
            throw bad(text, "is empty or runs past 2^64: " + e.detail());
        }
    }

    private static TextException bad(String text, String what) {
        return new TextException(TextException.Kind.BAD_RANGE, "the range " + what);
    }
}
