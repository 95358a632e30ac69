package org.dtcore.cli;

import java.util.OptionalLong;

/**
 * An {@code ADDR[,SIZE]} option as given (--elfcorehdr, --initrd, --vmcoreinfo): an address and, when said, a
 * size; each number in dtcore's one grammar (docs/numbers.md). What a size may be is the caller's rule.
 */
record Placement(long address, OptionalLong size) {

    static Placement parse(String option, String value) {
        long[] n = ContextOptions.numbers(option, value, 1, 2, "ADDR[,SIZE]");
        return new Placement(n[0], n.length > 1 ? OptionalLong.of(n[1]) : OptionalLong.empty());
    }

    /** The size, or null when not said (PartialContext's "not said"). */
    Long sizeOrNull() {
        return size.isPresent() ? size.getAsLong() : null;
    }
}
