package org.dtcore.text;

/**
 * The kernel's {@code memparse()} (lib/cmdline.c), used only where the kernel's own syntax is read:
 * {@code crashkernel=} and {@code mem=} in bootargs. Unlike dtcore's grammar ({@link Numbers}) it takes
 * C's base prefixes through {@code simple_strtoull(ptr, &endptr, 0)}: {@code 0x} hex, a leading {@code 0}
 * octal ({@code 010M} is 8 MiB), else decimal, then one suffix {@code K M G T P E} in either case. Where the
 * kernel stops at the first character it cannot use, dtcore refuses the text, so a typo is not read as a
 * smaller number.
 */
public final class Memparse {
    private Memparse() {
    }

    /**
     * The value the kernel's memparse gives a number, refusing what it would stop short at.
     *
     * @param text the number as in bootargs, surrounding blanks ignored ({@code "256M"}, {@code "0x1000"},
     *             {@code "010M"})
     * @return the value, unsigned
     * @throws TextException of kind {@link TextException.Kind#NOT_A_NUMBER} when anything but the number and
     *                       one suffix is there, or {@link TextException.Kind#TOO_WIDE} past 64 bits
     */
    public static long parse(String text) {
        String t = text.strip();
        boolean hex = t.startsWith("0x") || t.startsWith("0X");
        int shift = 0;
        if (!t.isEmpty()) {
            char last = t.charAt(t.length() - 1);
            int idx = Numbers.SUFFIXES.indexOf(Character.toUpperCase(last));
            // simple_strtoull takes every hex digit first, so "0x1E" is 30, not 1 EiB
            if (idx >= 0 && !(hex && Character.digit(last, 16) >= 0)) {
                shift = 10 * (idx + 1);
                t = t.substring(0, t.length() - 1);
            }
        }
        int radix = 10;
        String digits = t;
        if (hex) {
            radix = 16;
            digits = t.substring(2);
        } else if (t.length() > 1 && t.charAt(0) == '0') {
            radix = 8;
            digits = t.substring(1);
        }
        if (!Numbers.isDigits(digits, radix)) {
            throw new TextException(TextException.Kind.NOT_A_NUMBER, Numbers.describe(text) + " is not a number"
                    + " (the kernel's memparse: 0x hex, 0 octal or decimal, optional K/M/G/T/P/E)");
        }
        long n;
        try {
            n = Long.parseUnsignedLong(digits, radix);
        } catch (NumberFormatException e) {
            throw Numbers.tooWide(text);
        }
        return Numbers.shifted(n, shift, text);
    }
}
