package org.dtcore.memory;

import org.dtcore.text.Numbers;

/**
 * The one rule for a page size given by a user, a context file or an expectation file: a power of two
 * from 1 KiB to 1 GiB. Linux's PAGE_SIZE is 4, 16 or 64 KiB on every architecture dtcore models (256 KiB
 * on some ppc44x); the bounds are wide enough for those and narrow enough that a typo (0, 2G, 8E) is
 * refused everywhere alike instead of meaning 4 KiB in one command and an error in another.
 */
public final class PageSize {
    public static final long MIN = 1L << 10;
    public static final long MAX = 1L << 30;

    private PageSize() {
    }

    /** Null when {@code bytes} is a page size, else what is wrong with it, for the caller's exception. */
    public static String problem(long bytes) {
        if (Long.bitCount(bytes) == 1 && bytes >= MIN && bytes <= MAX) {
            return null;
        }
        return "page size " + Numbers.hex(bytes) + " is not a power of two from 1 KiB to 1 GiB";
    }
}
