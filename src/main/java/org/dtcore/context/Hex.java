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

    /** Hex digits with an optional "0x"; more than 16 significant digits do not fit. */
    static long parse(String text, String where, String what) {
        try {
            return Numbers.hexDigits(text);
        } catch (TextException e) {
            throw new ContextException(BAD_VALUE, where, what + ": " + e.getMessage());
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
            throw new ContextException(BAD_VALUE, where, what + ": '" + shorten(text)
                    + "' is not a number (\"0x\" hex or decimal)");
        }
    }

    static String shorten(String s) {
        return Numbers.shorten(s);
    }
}
