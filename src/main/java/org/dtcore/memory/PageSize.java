package org.dtcore.memory;

import java.util.Optional;
import org.dtcore.text.Numbers;

/**
 * The one rule for a page size given by a user, a context file or an expectation file: a power of two
 * from 1 KiB to 1 GiB. Linux's PAGE_SIZE is 4, 16 or 64 KiB on every architecture dtcore models (256 KiB
 * on some ppc44x); the bounds are wide enough for those and narrow enough that a typo (0, 2G, 8E) is
 * refused everywhere alike instead of meaning 4 KiB in one command and an error in another.
 */
public final class PageSize {
    /** The smallest page size taken, 1 KiB. */
    public static final long MIN = 1L << 10;
    /** The largest page size taken, 1 GiB. */
    public static final long MAX = 1L << 30;

    private PageSize() {
    }

    /**
     * Checks a page size against the rule.
     *
     * @param bytes the page size in bytes
     * @return what is wrong with it, for the caller's exception ("page size 0x3000 is not a power of two from
     *         1 KiB to 1 GiB"); empty when it is a page size
     */
    public static Optional<String> problem(long bytes) {
        if (Long.bitCount(bytes) == 1 && bytes >= MIN && bytes <= MAX) {
            return Optional.empty();
        }
        return Optional.of("page size " + Numbers.hex(bytes) + " is not a power of two from 1 KiB to 1 GiB");
    }
}
