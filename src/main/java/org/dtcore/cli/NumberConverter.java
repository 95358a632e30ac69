package org.dtcore.cli;

import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/** Unsigned 64-bit numbers in dtcore's one grammar (docs/numbers.md): 0x hex, or decimal with K/M/G/T/P/E. */
final class NumberConverter {
    private NumberConverter() {
    }

    /** {@code value} as a number; {@code what} (the option) names it in the usage error. */
    static long parse(String what, String value) {
        try {
            return Numbers.parse(value);
        } catch (TextException e) {
            throw CommandFailure.usage(what + " '" + value + "': " + e.getMessage());
        }
    }
}
