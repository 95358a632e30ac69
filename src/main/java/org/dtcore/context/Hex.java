package org.dtcore.context;

import org.dtcore.memory.UnsignedText;

/**
 * Numbers as the kernel's text files print them (SPEC §0: unsigned 64-bit): hex with or without "0x"
 * ("%llx", "%pa"), and decimal ("%zu", VMCOREINFO_NUMBER's "%ld"). Failures name the file and field.
 */
final class Hex {
    private Hex() {
    }

    /**
     * Hex digits with an optional "0x"; more than 16 significant digits do not fit. Every caller reads a
     * file (sysfs, procfs, a symbol list, a vmcoreinfo note), so a failure describes the text and never
     * quotes it (issue 12 item 11: a file's contents stay out of error lines).
     */
    static long parse(String text, String where, String what) {
        String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
        if (!UnsignedText.isDigits(digits, 16)) {
            throw new ContextException(where, what + ": " + describe(text) + " is not a hex number");
        }
        String significant = digits.replaceFirst("^0+(?=.)", "");
        if (significant.length() > 16) {
            throw new ContextException(where, what + ": " + significant.length()
                    + " significant hex digits are wider than 64 bits");
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
            throw new ContextException(where, what + ": " + describe(text)
                    + " is not a number (\"0x\" hex or decimal)");
        }
    }

    /** What a bad number looks like, without its contents: its length and the first character at fault. */
    static String describe(String text) {
        if (text.isEmpty()) {
            return "an empty value";
        }
        int bad = text.startsWith("-") ? 1 : text.startsWith("0x") || text.startsWith("0X") ? 2 : 0;
        for (; bad < text.length(); bad++) {
            char c = text.charAt(bad);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                break;
            }
        }
        return "a value of " + text.length() + " characters"
                + (bad < text.length() ? " (character " + (bad + 1) + " is not a digit)" : "");
    }

    static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
