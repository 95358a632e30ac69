package org.dtcore.cli;

import org.dtcore.memory.UnsignedText;

/** Unsigned 64-bit numbers as users write them: 0x hex, decimal, with an optional K/M/G/T suffix. */
final class NumberConverter {
    private NumberConverter() {
    }

    /** {@code value} as a number; {@code what} (the option) names it in the usage error. */
    static long parse(String what, String value) {
        String t = value.trim();
        int shift = 0;
        if (!t.isEmpty()) {
            int idx = "KMGTPE".indexOf(Character.toUpperCase(t.charAt(t.length() - 1)));
            if (idx >= 0 && !(t.startsWith("0x") || t.startsWith("0X"))) {
                shift = 10 * (idx + 1);
                t = t.substring(0, t.length() - 1);
            }
        }
        try {
            long n = t.startsWith("0x") || t.startsWith("0X") ? UnsignedText.parse(t.substring(2), 16)
                    : UnsignedText.parse(t, 10);
            if (shift > 0 && Long.numberOfLeadingZeros(n) < shift) {
                throw CommandFailure.usage(what + " '" + value + "' does not fit in 64 bits");
            }
            return n << shift;
        } catch (NumberFormatException e) {
            throw CommandFailure.usage(what + " '" + value + "' is not a number (0x hex or decimal,"
                    + " optional K/M/G/T suffix)");
        }
    }
}
