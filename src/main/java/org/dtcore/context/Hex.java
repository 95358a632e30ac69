package org.dtcore.context;

import org.dtcore.memory.UnsignedText;

/**
 * Numbers as the kernel's text files print them (SPEC §0: unsigned 64-bit): hex with or without "0x"
 * ("%llx", "%pa"), and decimal ("%zu", VMCOREINFO_NUMBER's "%ld"). Failures name the file and field.
 */
final class Hex {
    private Hex() {
    }

    /** Hex digits with an optional "0x"; more than 16 significant digits do not fit. */
    static long parse(String text, String where, String what) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (!UnsignedText.isDigits(digits, 16)) {
            throw new ContextException(where, what + ": '" + shorten(text) + "' is not a hex number");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 16) {
            throw new ContextException(where, what + ": '" + shorten(text) + "' is wider than 64 bits");
        }
        return Long.parseUnsignedLong(significant, 16);
    }

    /** "0x..." hex, else unsigned decimal, else (VMCOREINFO_NUMBER prints "%ld") negative decimal. */
    static long parseNumber(String text, String where, String what) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return parse(text, where, what);
        }
        try {
            return text.startsWith("-") ? -UnsignedText.parse(text.substring(1), 10) : UnsignedText.parse(text, 10);
        } catch (NumberFormatException e) {
            throw new ContextException(where, what + ": '" + shorten(text)
                    + "' is not a number (\"0x\" hex or decimal)");
        }
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
