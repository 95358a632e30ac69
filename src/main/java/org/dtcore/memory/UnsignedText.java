package org.dtcore.memory;

/**
 * Unsigned numbers written as text (SPEC §0), by the kernel or by people. ASCII digits only:
 * {@link Long#parseUnsignedLong} also takes a leading '+' and any Unicode digit (fullwidth "１" is 1),
 * which no kernel file and no sane user writes, so they are refused rather than silently read.
 */
public final class UnsignedText {
    private UnsignedText() {
    }

    /** True when {@code s} is non-empty and every character is an ASCII digit of {@code radix} (8, 10, 16). */
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
     * The unsigned 64-bit value of {@code digits} in {@code radix}; NumberFormatException when they are
     * not {@link #isDigits} or do not fit in 64 bits.
     */
    public static long parse(String digits, int radix) {
        if (!isDigits(digits, radix)) {
            throw new NumberFormatException("'" + digits + "' is not base-" + radix + " ASCII digits");
        }
        return Long.parseUnsignedLong(digits, radix);
    }
}
