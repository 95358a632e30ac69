package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_RANGE;

import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * An inclusive range of physical addresses {@code [start, end]}, unsigned 64-bit (SPEC §0), as the
 * kernel's {@code struct range} and /proc/iomem write them. Inclusive ends let a range reach 2^64−1.
 *
 * @param start the first address
 * @param end   the last address (inclusive), not below {@code start} as unsigned numbers
 */
public record MemoryRange(long start, long end) implements Comparable<MemoryRange> {

    /**
     * Checks the order.
     *
     * @param start the first address
     * @param end   the last address (inclusive)
     * @throws MemoryMapException BAD_RANGE when {@code start} is above {@code end} (unsigned)
     */
    public MemoryRange {
        if (Long.compareUnsigned(start, end) > 0) {
            throw new MemoryMapException(BAD_RANGE, "",
                    "range start " + Numbers.hex(start) + " is above its end " + Numbers.hex(end));
        }
    }

    /**
     * The range of {@code size} bytes from {@code base} (SPEC §0: convert once at the edge). A size of 0
     * has no inclusive form and a base + size that passes 2^64 wraps: both are refused, naming
     * {@code where}.
     *
     * @param base  the first address
     * @param size  the bytes, unsigned; at least 1
     * @param where what the message names as the numbers' place (a node path and property)
     * @return the range {@code [base, base + size - 1]}
     * @throws MemoryMapException BAD_RANGE for a size of 0 or a range that wraps past 2^64
     */
    public static MemoryRange ofSize(long base, long size, String where) {
        return new MemoryRange(base, endOf(base, size, where));
    }

    /**
     * The inclusive end of {@code size} bytes from {@code base}, refused as {@link #ofSize} refuses.
     *
     * @param base  the first address
     * @param size  the bytes, unsigned; at least 1
     * @param where what the message names as the numbers' place (a node path and property)
     * @return {@code base + size - 1}
     * @throws MemoryMapException BAD_RANGE for a size of 0 or a range that wraps past 2^64
     */
    public static long endOf(long base, long size, String where) {
        if (size == 0) {
            throw new MemoryMapException(BAD_RANGE, where, "range at " + Numbers.hex(base) + " has size 0");
        }
        if (wraps(base, size)) {
            throw new MemoryMapException(BAD_RANGE, where,
                    "base " + Numbers.hex(base) + " + size " + Numbers.hex(size) + " wraps past 2^64");
        }
        return base + size - 1;
    }

    /**
     * SPEC §0, the one wrap check: true when {@code size} (≥ 1) bytes from {@code base} pass 2^64, so no
     * inclusive end holds them. Callers that must fail in their own layer's terms ask this first.
     *
     * @param base the first address
     * @param size the bytes, unsigned; at least 1
     * @return true when the last byte would be past 2^64 - 1
     */
    public static boolean wraps(long base, long size) {
        return Long.compareUnsigned(base + size - 1, base) < 0;
    }

    /**
     * The size in bytes, end − start + 1. The whole 64-bit space has size 2^64, which a long cannot
     * hold: it is reported as 0, the same wrap the kernel's u64 arithmetic gives.
     *
     * @return the size in bytes, unsigned; 0 for the whole 64-bit space
     */
    public long size() {
        return end - start + 1;
    }

    /**
     * The size as a count that can say 2^64 (the whole space) apart from 0.
     *
     * @return the size, 2^64 for the whole space
     */
    public ByteSize length() {
        return ByteSize.ofInclusive(start, end);
    }

    /**
     * Whether an address lies in the range.
     *
     * @param address a physical address, unsigned
     * @return true when {@code start <= address <= end}, unsigned
     */
    public boolean contains(long address) {
        return Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) <= 0;
    }

    /**
     * Whether a range lies wholly in this one.
     *
     * @param other another range
     * @return true when every address of {@code other} lies in this range
     */
    public boolean contains(MemoryRange other) {
        return contains(other.start) && contains(other.end);
    }

    /**
     * Whether two ranges share an address.
     *
     * @param other another range
     * @return true when the two ranges share at least one address
     */
    public boolean overlaps(MemoryRange other) {
        return Long.compareUnsigned(start, other.end) <= 0 && Long.compareUnsigned(other.start, end) <= 0;
    }

    /**
     * True when the two ranges overlap or {@code other} starts right after this one (or vice versa).
     *
     * @param other another range
     * @return true when the two ranges would merge into one range
     */
    public boolean touches(MemoryRange other) {
        return overlaps(other)
                || (end != -1L && end + 1 == other.start)
                || (other.end != -1L && other.end + 1 == start);
    }

    /**
     * Unsigned order by start, then by end.
     *
     * @param o another range
     * @return negative, 0 or positive as this range sorts before, with or after {@code o}
     */
    @Override
    public int compareTo(MemoryRange o) {
        int c = Long.compareUnsigned(start, o.start);
        return c != 0 ? c : Long.compareUnsigned(end, o.end);
    }

    /** {@return the range as {@code [0x0000000080000000-0x00000000bfffffff]}: 16 hex digits each} */
    @Override
    public String toString() {
        return "[" + Numbers.hex16(start) + "-" + Numbers.hex16(end) + "]";
    }
}
