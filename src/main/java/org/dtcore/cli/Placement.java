package org.dtcore.cli;

import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.memory.MemoryRange;

/**
 * An {@code ADDR[,SIZE]} option as given (--elfcorehdr, --initrd, --vmcoreinfo): an address and, when said, a
 * size; each number in dtcore's one grammar (docs/numbers.md). With its size it is a {@link MemoryRange}, the
 * one (address, size) type, checked by the one wrap check; what a size may be is otherwise the caller's rule.
 */
record Placement(String option, long address, OptionalLong size) {

    static Placement parse(String option, String value) {
        long[] n = ContextOptions.numbers(option, value, 1, 2, "ADDR[,SIZE]");
        return new Placement(option, n[0], n.length > 1 ? OptionalLong.of(n[1]) : OptionalLong.empty());
    }

    /** The size, or null when not said (PartialContext's "not said"). */
    Long sizeOrNull() {
        return size.isPresent() ? size.getAsLong() : null;
    }

    /** The range ADDR,SIZE names, when a size was said ({@link MemoryRange#ofSize}: not 0, no wrap). */
    Optional<MemoryRange> range() {
        return size.isPresent() ? Optional.of(MemoryRange.ofSize(address, size.getAsLong(), option))
                : Optional.empty();
    }
}
