package org.dtcore.memory;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.RandomAccess;

/**
 * An immutable list of ranges stored as two primitive arrays: 16 bytes a range where a list of
 * {@link MemoryRange} records costs about 36. A map of a million RAM ranges (one {@code reg} of 1M tuples,
 * a 16 MB blob) must fit in a heap of a few times the blob; {@link #get} makes the record
 * when asked. Public so that holders of a map's lists (an expectation) can keep one without copying it.
 */
public final class RangeList extends AbstractList<MemoryRange> implements RandomAccess {
    private final long[] starts;
    private final long[] ends;
    private final int size;

    private RangeList(long[] starts, long[] ends, int size) {
        this.starts = starts;
        this.ends = ends;
        this.size = size;
    }

    /** The ranges in {@code starts}/{@code ends}, which the caller never changes again. */
    static RangeList over(long[] starts, long[] ends, int size) {
        return new RangeList(starts, ends, size);
    }

    /**
     * Whether the list is already a memory view (SPEC §3.7): sorted, disjoint, no two touching. Then
     * {@link Ranges#merged} returns it as it is, sharing the arrays.
     */
    boolean isMerged() {
        for (int i = 1; i < size; i++) {
            long prevEnd = ends[i - 1];
            if (prevEnd == -1L || Long.compareUnsigned(starts[i], prevEnd + 1) <= 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public MemoryRange get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        return new MemoryRange(starts[index], ends[index]);
    }

    @Override
    public int size() {
        return size;
    }

    /** Collects ranges in order; {@link #build} trims the arrays and makes the list. */
    static final class Builder {
        private long[] starts;
        private long[] ends;
        private int size;

        /** A builder with room for {@code capacity} ranges, so a known count never grows the arrays. */
        Builder(int capacity) {
            starts = new long[Math.max(capacity, 1)];
            ends = new long[Math.max(capacity, 1)];
        }

        void add(long start, long end) {
            if (size == starts.length) {
                int grown = Math.max(16, size + (size >> 1));
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
        }

        List<MemoryRange> build() {
            if (size == 0) {
                return List.of();
            }
            // full arrays are kept as they are: no second copy of a million ranges
            return size == starts.length ? new RangeList(starts, ends, size)
                    : new RangeList(Arrays.copyOf(starts, size), Arrays.copyOf(ends, size), size);
        }
    }
}
