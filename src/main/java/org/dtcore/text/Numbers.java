package org.dtcore.text;

/**
 * The one grammar for numbers in dtcore's own inputs: options, context files and expectation files
 * (docs/numbers.md). Unsigned 64-bit (SPEC §0), ASCII only, surrounding blanks ignored:
 * <ul>
 * <li>{@code 0x} hex: {@code 0x40000000} (no suffix: {@code E} is a hex digit);</li>
 * <li>decimal, with an optional binary suffix {@code K M G T P E} (either case): {@code 4096}, {@code 256M};</li>
 * <li>no octal and no sign: a decimal with a leading zero ({@code 010M}) is refused, because the kernel's
 * memparse reads it as octal and a person as decimal.</li>
 * </ul>
 * Numbers the kernel prints in its own files are read by {@link #hexDigits} (/proc/iomem, sysfs
 * {@code %llx}) and {@link Memparse} ({@code crashkernel=}, {@code mem=}).
 *
 * <p>It is also the one hex formatter: {@link #hex}, {@link #hex16}, {@link #hex8} and {@link #plainHex}
 * write every hex number dtcore prints, without a {@code Formatter} (no locale, and none of the ~40 classes
 * a Formatter loads on a one-shot run).
 */
public final class Numbers {
    static final String SUFFIXES = "KMGTPE";

    private Numbers() {
    }

    /**
     * A number in dtcore's grammar (the class comment).
     *
     * @param text {@code 0x} hex or decimal with an optional binary suffix; surrounding blanks are ignored
     * @return the value, unsigned 64-bit
     * @throws TextException that says what is accepted: {@link TextException.Kind#NOT_A_NUMBER},
     *                       {@link TextException.Kind#LEADING_ZERO} or {@link TextException.Kind#TOO_WIDE}
     */
    public static long parse(String text) {
        String t = text.strip();
        if (t.startsWith("0x") || t.startsWith("0X")) {
            if (!isDigits(t.substring(2), 16)) {
                throw notANumber(text);
            }
            return hexDigits(t, text);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            int idx = SUFFIXES.indexOf(Character.toUpperCase(t.charAt(t.length() - 1)));
            if (idx >= 0) {
                shift = 10 * (idx + 1);
                t = t.substring(0, t.length() - 1);
            }
        }
        if (!isDigits(t, 10)) {
            throw notANumber(text);
        }
        if (t.length() > 1 && t.charAt(0) == '0') {
            throw new TextException(TextException.Kind.LEADING_ZERO, describe(text) + " has a leading zero"
                    + " (octal is not accepted; write decimal without it, or \"0x...\" hex)");
        }
        return shifted(decimal(t, text), shift, text);
    }

    /**
     * The value of {@code text} as a size: dtcore's grammar up to 2^64 bytes ({@code 16E} is the whole
     * 64-bit space, which has no 64-bit count: the result then says {@link ByteSize#FULL}).
     *
     * @param text a number as {@link #parse} reads it, or {@code 16E} / {@code 0x10000000000000000}
     * @return the size, 0 to 2^64 bytes
     * @throws TextException as {@link #parse} does
     */
    public static ByteSize parseSize(String text) {
        String t = text.strip();
        if (t.equals("16E") || t.equals("16e") || t.equalsIgnoreCase("0x10000000000000000")) {
            return ByteSize.FULL;
        }
        return ByteSize.of(parse(text));
    }

    /** {@code n << shift}, refused when bits would be lost. */
    static long shifted(long n, int shift, String text) {
        if (shift > 0 && n != 0 && Long.numberOfLeadingZeros(n) < shift) {
            throw tooWide(text);
        }
        return n << shift;
    }

    /**
     * Hex digits with an optional {@code 0x}, as the kernel prints addresses in /proc/iomem and sysfs
     * ({@code %llx}, {@code %pa}); leading zeros are fine, more than 16 significant digits are not.
     *
     * @param text the digits, surrounding blanks ignored
     * @return the value, unsigned
     * @throws TextException of kind {@link TextException.Kind#NOT_A_NUMBER} or
     *                       {@link TextException.Kind#TOO_WIDE}
     */
    public static long hexDigits(String text) {
        return hexDigits(text.strip(), text);
    }

    private static long hexDigits(String t, String original) {
        String digits = t.startsWith("0x") || t.startsWith("0X") ? t.substring(2) : t;
        if (!isDigits(digits, 16)) {
            throw new TextException(TextException.Kind.NOT_A_NUMBER, describe(original) + " is not a hex number");
        }
        int first = 0;
        while (first < digits.length() - 1 && digits.charAt(first) == '0') {
            first++;
        }
        if (digits.length() - first > 16) {
            throw tooWide(original);
        }
        return Long.parseUnsignedLong(digits, first, digits.length(), 16);
    }

    /**
     * Unsigned decimal digits (no sign, no suffix, no blanks), as sysfs and VMCOREINFO print counts.
     *
     * @param text the digits
     * @return the value, unsigned
     * @throws TextException of kind {@link TextException.Kind#NOT_A_NUMBER} or
     *                       {@link TextException.Kind#TOO_WIDE}
     */
    public static long decimalDigits(String text) {
        if (!isDigits(text, 10)) {
            throw new TextException(TextException.Kind.NOT_A_NUMBER, describe(text) + " is not a decimal number");
        }
        return decimal(text, text);
    }

    static long decimal(String digits, String original) {
        try {
            return Long.parseUnsignedLong(digits, 10);
        } catch (NumberFormatException e) {
            throw tooWide(original);
        }
    }

    private static TextException notANumber(String text) {
        return new TextException(TextException.Kind.NOT_A_NUMBER, describe(text) + " is not a number"
                + " (\"0x...\" hex, or decimal with an optional K/M/G/T/P/E suffix such as \"256M\")");
    }

    static TextException tooWide(String text) {
        return new TextException(TextException.Kind.TOO_WIDE, describe(text) + " does not fit in 64 bits");
    }

    /**
     * True when {@code s} is non-empty and every character is an ASCII digit of {@code radix} (8, 10, 16).
     * {@link Long#parseUnsignedLong} alone would also take a '+' and any Unicode digit (fullwidth "１").
     *
     * @param s     the text to test
     * @param radix 8, 10 or 16 (hex digits in either case)
     * @return false for an empty {@code s}
     */
    public static boolean isDigits(String s, int radix) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= '0' && c <= '9' && c - '0' < radix
                    || radix == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * A number as printf's {@code 0x%x} prints it: JSON values and messages (SPEC §12).
     *
     * @param v the value, unsigned
     * @return {@code 0x} and lower-case digits without leading zeros; {@code 0x0} for 0
     */
    public static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    /**
     * A 64-bit address as printf's {@code 0x%016x} prints it, so addresses line up in tables (SPEC §0).
     *
     * @param v the value, unsigned
     * @return {@code 0x} and 16 lower-case digits
     */
    public static String hex16(long v) {
        return padded("0x", v, 16);
    }

    /**
     * A 32-bit value such as a magic number, as printf's {@code 0x%08x} prints it.
     *
     * @param v the value, unsigned
     * @return {@code 0x} and at least 8 lower-case digits (more when {@code v} needs them)
     */
    public static String hex8(long v) {
        return padded("0x", v, 8);
    }

    /**
     * The digits alone, no {@code 0x}, zero-padded to at least {@code width}: printf's {@code %x} (width 1),
     * {@code %02x}, {@code %08x} ... The value is unsigned 64-bit: pass an int as
     * {@code Integer.toUnsignedLong} to print it as C prints an unsigned int.
     *
     * @param v     the value, unsigned
     * @param width the fewest digits; more when {@code v} needs them
     * @return lower-case digits
     */
    public static String plainHex(long v, int width) {
        return padded("", v, width);
    }

    /**
     * {@code prefix}, zeros, then the digits: one concatenation of a substring of zeros, no builder, since
     * tables print two of these per row (docs/performance.md).
     */
    private static String padded(String prefix, long v, int width) {
        String digits = Long.toHexString(v);
        int pad = width - digits.length();
        if (pad <= 0) {
            return prefix + digits;
        }
        return prefix + (pad <= ZEROS.length() ? ZEROS.substring(0, pad) : "0".repeat(pad)) + digits;
    }

    private static final String ZEROS = "0000000000000000";

    /**
     * What a bad number looks like, without its contents (the text may come from any file, a link to
     * /etc/passwd included): its length, and the first character that is no hex digit after an optional
     * sign or 0x. The caller says where it was; a command-line option may quote its own argument.
     *
     * @param text the text that did not read as a number
     * @return "a value of 5 characters (character 3 is not a digit)", or "an empty value"
     */
    public static String describe(String text) {
        if (text.isEmpty()) {
            return "an empty value";
        }
        int bad = text.startsWith("-") || text.startsWith("+") ? 1 : 0;
        if (text.startsWith("0x", bad) || text.startsWith("0X", bad)) {
            bad += 2;
        }
        for (; bad < text.length(); bad++) {
            char c = text.charAt(bad);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                break;
            }
        }
        return "a value of " + text.length() + " character" + (text.length() == 1 ? "" : "s")
                + (bad < text.length() ? " (character " + (bad + 1) + " is not a digit)" : "");
    }

    /**
     * Text of any length cut for a message.
     *
     * @param s the text
     * @return {@code s} when it has at most 40 characters, else its first 37 and {@code "..."}
     */
    public static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
