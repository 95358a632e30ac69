package org.dtcore.text;

import java.util.Optional;

/**
 * A count of bytes from 0 to 2^64 inclusive: the size of an inclusive 64-bit range (SPEC §0), a total of
 * RAM, a reservation's size. A long alone cannot say both 0 and 2^64 (the whole space wraps to 0), so
 * {@code full} marks 2^64 and {@code bytes} is then 0. The one formatter for sizes (docs/numbers.md).
 *
 * @param bytes the count, unsigned, when not {@code full}
 * @param full  true for exactly 2^64 bytes
 */
public record ByteSize(long bytes, boolean full) implements Comparable<ByteSize> {
    /** No bytes: an empty total, never a range's size (a range holds at least one byte). */
    public static final ByteSize ZERO = new ByteSize(0, false);
    /** The whole 64-bit space. */
    public static final ByteSize FULL = new ByteSize(0, true);

    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    /**
     * Checks that 2^64 carries no low count.
     *
     * @param bytes the count, unsigned, when not {@code full}
     * @param full  true for exactly 2^64 bytes
     * @throws IllegalArgumentException when {@code full} is true and {@code bytes} is not 0
     */
    public ByteSize {
        if (full && bytes != 0) {
            throw new IllegalArgumentException("2^64 bytes carries no low count");
        }
    }

    /**
     * A plain count, which can never be 2^64.
     *
     * @param bytes the count, unsigned (a negative long is above 2^63)
     * @return that size; {@link #ZERO} for 0
     */
    public static ByteSize of(long bytes) {
        return bytes == 0 ? ZERO : new ByteSize(bytes, false);
    }

    /**
     * The size of an inclusive range (SPEC §0), the one place where 2^64 arises.
     *
     * @param start the first byte, unsigned
     * @param end   the last byte, unsigned, not below {@code start}
     * @return 1 byte to 2^64 bytes ({@link #FULL} for {@code [0, 0xffffffffffffffff]})
     */
    public static ByteSize ofInclusive(long start, long end) {
        long n = end - start + 1;
        return n == 0 ? FULL : new ByteSize(n, false);
    }

    /**
     * {@link #human()} of a plain count.
     *
     * @param bytes the count, unsigned (0 is nothing, never 2^64)
     * @return the count as a person reads it, such as {@code "1.5 GiB"}
     */
    public static String human(long bytes) {
        return of(bytes).human();
    }

    /**
     * {@link #compact()} of a plain count.
     *
     * @param bytes the count, unsigned
     * @return the shortest exact form, such as {@code "256M"}; {@code "0"} for 0
     */
    public static String compact(long bytes) {
        return of(bytes).compact();
    }

    /**
     * Whether this is no bytes at all. 2^64 is not zero, though its {@code bytes} is 0.
     *
     * @return true for {@link #ZERO} only
     */
    public boolean isZero() {
        return !full && bytes == 0;
    }

    /**
     * The sum of two sizes; 2^64 is reachable, more is not.
     *
     * @param other the size to add
     * @return the sum, {@link #FULL} when it is exactly 2^64
     * @throws TextException of kind {@link TextException.Kind#TOO_WIDE} when the sum passes 2^64
     */
    public ByteSize plus(ByteSize other) {
        if (isZero()) {
            return other;
        }
        if (other.isZero()) {
            return this;
        }
        long sum = bytes + other.bytes;
        boolean carry = Long.compareUnsigned(sum, bytes) < 0;
        if (full || other.full || carry) {
            if (carry && sum == 0 && !full && !other.full) {
                return FULL;
            }
            throw new TextException(TextException.Kind.TOO_WIDE, "a size above 2^64 bytes");
        }
        return new ByteSize(sum, false);
    }

    @Override
    public int compareTo(ByteSize o) {
        if (full != o.full) {
            return full ? 1 : -1;
        }
        return Long.compareUnsigned(bytes, o.bytes);
    }

    /**
     * As a person reads it, never misleading: exact when it is a whole or quarter number of its largest
     * unit ({@code "2 GiB"}, {@code "1.5 GiB"}), else a whole number of the next smaller unit when that is
     * short ({@code "2046 MiB"}), else rounded to one decimal and marked {@code ~} ({@code "~24.0 GiB"}).
     *
     * @return the size in binary units, B to EiB; 2^64 is {@code "16 EiB"}
     */
    public String human() {
        if (full) {
            return "16 EiB";
        }
        int unit = bytes == 0 ? 0 : Math.min((63 - Long.numberOfLeadingZeros(bytes)) / 10, UNITS.length - 1);
        int shift = 10 * unit;
        long whole = bytes >>> shift;
        long rest = shift == 0 ? 0 : bytes & ((1L << shift) - 1);
        if (rest == 0) {
            return Long.toUnsignedString(whole) + " " + UNITS[unit];
        }
        if (rest % (1L << (shift - 2)) == 0) { // a quarter: .25, .5 or .75, exact in two decimals
            long quarters = rest >>> (shift - 2);
            String frac = quarters == 2 ? ".5" : quarters == 1 ? ".25" : ".75";
            return whole + frac + " " + UNITS[unit];
        }
        long smaller = bytes >>> (shift - 10);
        if ((bytes & ((1L << (shift - 10)) - 1)) == 0 && smaller < 10240) {
            return smaller + " " + UNITS[unit - 1];
        }
        double v = (bytes >= 0 ? bytes : bytes + 0x1p64) / (double) (1L << shift);
        long tenths = Math.round(v * 10);
        return "~" + tenths / 10 + "." + tenths % 10 + " " + UNITS[unit];
    }

    /**
     * The shortest exact form dtcore's grammar reads back ({@link Numbers#parseSize}): {@code "0"},
     * {@code "256M"}, {@code "4G"}, {@code "0x1800"}; 2^64 is {@code "16E"}.
     *
     * @return a whole number of the largest binary unit that divides the size, else hex
     */
    public String compact() {
        if (full) {
            return "16E";
        }
        if (bytes == 0) {
            return "0";
        }
        for (int i = Numbers.SUFFIXES.length() - 1; i >= 0; i--) {
            int shift = 10 * (i + 1);
            if (Long.numberOfTrailingZeros(bytes) >= shift) {
                return Long.toUnsignedString(bytes >>> shift) + Numbers.SUFFIXES.charAt(i);
            }
        }
        return Numbers.hex(bytes);
    }

    /**
     * The size in hex as JSON writes sizes (docs/numbers.md).
     *
     * @return {@code "0x..."} ({@link Numbers#hex}); empty for 2^64, which has no 64-bit form (JSON then
     *         writes {@code null})
     */
    public Optional<String> hex() {
        return full ? Optional.empty() : Optional.of(Numbers.hex(bytes));
    }

    @Override
    public String toString() {
        return compact();
    }
}
