package org.dtcore.cli;

import org.dtcore.memory.Arch;
import picocli.CommandLine;

/** --arch values, with the aliases Arch.parse knows. */
final class ArchConverter implements CommandLine.ITypeConverter<Arch> {
    @Override
    public Arch convert(String value) {
        try {
            return Arch.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
