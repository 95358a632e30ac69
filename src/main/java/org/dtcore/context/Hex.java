package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_VALUE;

import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * Numbers as the kernel's text files print them (SPEC §0: unsigned 64-bit): hex with or without "0x"
 * ("%llx", "%pa"), and decimal ("%zu", VMCOREINFO_NUMBER's "%ld"). The reading is {@link Numbers}'; this
 * adds the file and field to its failures.
 */
final class Hex {
    private Hex() {
    }

    /**
     * Hex digits with an optional "0x"; more than 16 significant digits do not fit. Every caller reads a
     * file (sysfs, procfs, a symbol list, a vmcoreinfo note), so a failure describes the text and never
     * quotes it: the file may be any file a link leads to, and its contents stay out of error lines.
     */
    static long parse(String text, String where, String what) {
        // the reading is Numbers'; the messages never echo the file's contents
        try {
            return Numbers.hexDigits(text);
        } catch (TextException e) {
            if (e.kind() == TextException.Kind.TOO_WIDE) {
                String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
                throw new ContextException(BAD_VALUE, where, what + ": " + digits.replaceFirst("^0+(?=.)", "").length()
                        + " significant hex digits are wider than 64 bits");
            }
            throw new ContextException(BAD_VALUE, where, what + ": " + describe(text) + " is not a hex number");
        }
    }

    /** "0x..." hex, else unsigned decimal, else (VMCOREINFO_NUMBER prints "%ld") negative decimal. */
    static long parseNumber(String text, String where, String what) {
        if (text.startsWith("0x") || text.startsWith("0X")) {
            return parse(text, where, what);
        }
        try {
            return text.startsWith("-") ? -Numbers.decimalDigits(text.substring(1)) : Numbers.decimalDigits(text);
        } catch (TextException e) {
            throw new ContextException(BAD_VALUE, where, what + ": " + describe(text)
                    + " is not a number (\"0x\" hex or decimal)");
        }
    }

    /** What a bad number looks like, without its contents: its length and the first character at fault. */
    static String describe(String text) {
        return Numbers.describe(text);
    }

    static String shorten(String s) {
        return Numbers.shorten(s);
    }
}
