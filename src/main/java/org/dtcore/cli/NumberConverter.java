package org.dtcore.cli;

import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;
import picocli.CommandLine;

/** Unsigned 64-bit numbers in dtcore's one grammar (docs/numbers.md): 0x hex, or decimal with K/M/G/T/P/E. */
final class NumberConverter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
        try {
            return Numbers.parse(value);
        } catch (TextException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
