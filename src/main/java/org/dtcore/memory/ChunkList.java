package org.dtcore.memory;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The chunks of a scan, stored as columns: each chunk's start and end in primitive
 * arrays and an index into the few distinct origins (node, property, NUMA node, hotplug flag) the tree
 * has. 20 bytes a chunk where a {@link MemoryChunk} with its {@link MemoryRange} costs about 68, so one
 * {@code reg} of a million tuples (a 16 MB blob) maps in a heap of a few times the blob.
 *
 * <p>While scanning it is a growable list ({@link #add}); {@link #sort} sorts by range, which is free when
 * the scan met the chunks in order (the common case); {@link #frozen} gives the immutable list a
 * {@link MemoryMap} keeps. {@link #get} makes the record when asked.
 */
final class ChunkList extends AbstractList<MemoryChunk> implements RandomAccess {
    // equals and hashCode written out: a record's generated ones bootstrap java.lang.runtime.ObjectMethods,
    // which spins ~15 LambdaForm classes per run that the class archive cannot hold (docs/performance.md)
    private record Origin(String node, String property, int numaNode, boolean hotpluggable) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Origin other && Objects.equals(node, other.node)
                    && Objects.equals(property, other.property)
                    && numaNode == other.numaNode && hotpluggable == other.hotpluggable;
        }

        @Override
        public int hashCode() {
            return Objects.hash(node, property, numaNode, hotpluggable);
        }

        @Override
        public String toString() {
            return node + " " + property + " " + numaNode + " " + hotpluggable;
        }
    }

    private long[] starts = new long[16];
    private long[] ends = new long[16];
    private int[] origin = new int[16];
    private final List<Origin> origins = new ArrayList<>();
    private final Map<Origin, Integer> originIndex = new HashMap<>();
    private int size;
    private boolean frozen;

    /** A growable column list holding {@code chunks}. */
    static ChunkList of(List<MemoryChunk> chunks) {
        ChunkList out = new ChunkList();
        out.ensureCapacity(chunks.size());
        for (MemoryChunk c : chunks) {
            out.add(c);
        }
        return out;
    }

    @Override
    public MemoryChunk get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        Origin o = origins.get(origin[index]);
        return new MemoryChunk(new MemoryRange(starts[index], ends[index]), o.node(), o.property(), o.numaNode(),
                o.hotpluggable());
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean add(MemoryChunk c) {
        if (frozen) {
            throw new UnsupportedOperationException("a map's chunks do not change");
        }
        if (size == starts.length) {
            int grown = size + (size >> 1);
            starts = Arrays.copyOf(starts, grown);
            ends = Arrays.copyOf(ends, grown);
            origin = Arrays.copyOf(origin, grown);
        }
        starts[size] = c.range().start();
        ends[size] = c.range().end();
        origin[size] = originOf(c);
        size++;
        modCount++;
        return true;
    }

    /** Room for {@code more} chunks beyond those held: a scan that knows a tuple count grows the arrays once. */
    void ensureCapacity(int more) {
        long needed = (long) size + more;
        if (needed > starts.length && needed <= Integer.MAX_VALUE - 8) {
            starts = Arrays.copyOf(starts, (int) needed);
            ends = Arrays.copyOf(ends, (int) needed);
            origin = Arrays.copyOf(origin, (int) needed);
        }
    }

    private int originOf(MemoryChunk c) {
        Origin o = new Origin(c.node(), c.property(), c.numaNode(), c.hotpluggable());
        // consecutive chunks nearly always share their origin: skip the hash lookup then
        if (size > 0 && origins.get(origin[size - 1]).equals(o)) {
            return origin[size - 1];
        }
        Integer known = originIndex.get(o);
        if (known != null) {
            return known;
        }
        origins.add(o);
        originIndex.put(o, origins.size() - 1);
        return origins.size() - 1;
    }

    /**
     * Sorts by range (the only order a map uses): nothing to do when already in order; otherwise the
     * chunks are sorted as records and stored again.
     */
    @Override
    public void sort(Comparator<? super MemoryChunk> byRange) {
        if (frozen) {
            throw new UnsupportedOperationException("a map's chunks do not change");
        }
        if (inOrder()) {
            return;
        }
        List<MemoryChunk> all = new ArrayList<>(this);
        all.sort(byRange);
        size = 0;
        for (MemoryChunk c : all) {
            add(c);
        }
    }

    private boolean inOrder() {
        for (int i = 1; i < size; i++) {
            int byStart = Long.compareUnsigned(starts[i - 1], starts[i]);
            if (byStart > 0 || byStart == 0 && Long.compareUnsigned(ends[i - 1], ends[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    /** This list, trimmed and no longer changeable. */
    ChunkList frozen() {
        if (size != starts.length) {
            starts = Arrays.copyOf(starts, size);
            ends = Arrays.copyOf(ends, size);
            origin = Arrays.copyOf(origin, size);
        }
        originIndex.clear();
        frozen = true;
        return this;
    }

    boolean isFrozen() {
        return frozen;
    }

    /**
     * The chunks' ranges as a list view, without a record per chunk kept; once frozen, an immutable
     * {@link RangeList} over the same arrays.
     */
    List<MemoryRange> ranges() {
        return frozen ? RangeList.over(starts, ends, size) : new AbstractRanges();
    }

    private final class AbstractRanges extends AbstractList<MemoryRange> implements RandomAccess {
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
    }
}
