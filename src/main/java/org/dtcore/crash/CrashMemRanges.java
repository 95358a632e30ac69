package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;

/**
 * A model of the kernel's {@code struct crash_mem}: an array of at most {@code max_nr_ranges} ranges, of
 * which {@code nr_ranges} are in use, that {@code crash_exclude_mem_range} cuts holes into (SPEC §8).
 *
 * <p>Each range is held as a {@link MemoryChunk}, so the NUMA node, hotplug flag and origin of the memory
 * it came from stay with it through trimming and splitting (both pieces of a split keep them): SPEC §8
 * keeps memblock boundaries per node and flags, and the crash layer needs them after exclusion.
 *
 * <p>Invariant: ranges are sorted by start and disjoint (touching is allowed: two NUMA nodes may meet).
 * The kernel fills the array from its memblock walk, which gives that order; it lets {@link #exclude}
 * binary-search to the first overlap instead of scanning a million ranges from the front.
 */
public final class CrashMemRanges {
    private final ExclusionRule rule;
    private final int capacity; // max_nr_ranges, or UNBOUNDED
    private final ArrayList<MemoryChunk> chunks = new ArrayList<>();

    private static final int UNBOUNDED = -1;

    private CrashMemRanges(ExclusionRule rule, int capacity) {
        this.rule = rule;
        this.capacity = capacity;
    }

    /**
     * An empty list with no capacity limit (exclusion never fails).
     *
     * @param rule which generation of crash_exclude_mem_range cuts it
     * @return the list
     */
    public static CrashMemRanges unbounded(ExclusionRule rule) {
        return new CrashMemRanges(rule, UNBOUNDED);
    }

    /**
     * An empty list of fixed capacity, as the kernel's allocation is.
     *
     * @param maxNrRanges how many ranges it can hold ({@code max_nr_ranges})
     * @param rule        which generation of crash_exclude_mem_range cuts it
     * @return the list
     * @throws CrashException ({@link CrashException.Kind#MISUSE}) when {@code maxNrRanges} is negative
     */
    public static CrashMemRanges withCapacity(int maxNrRanges, ExclusionRule rule) {
        if (maxNrRanges < 0) {
            throw new CrashException(CrashException.Kind.MISUSE, "", "crash memory capacity " + maxNrRanges + " is negative");
        }
        return new CrashMemRanges(rule, maxNrRanges);
    }

    /**
     * A list holding {@code chunks} sorted by start; an empty {@code capacity} means unbounded. Chunks
     * that overlap are refused: the kernel's array never holds overlapping ranges.
     *
     * @param chunks   the chunks, in any order
     * @param rule     which generation of crash_exclude_mem_range cuts it
     * @param capacity {@code max_nr_ranges}; empty: unbounded
     * @return the list
     * @throws CrashException when chunks overlap ({@link CrashException.Kind#MISUSE}) or exceed the capacity
     *                        ({@link CrashException.Kind#CAPACITY})
     */
    public static CrashMemRanges of(List<MemoryChunk> chunks, ExclusionRule rule, OptionalInt capacity) {
        CrashMemRanges out = capacity.isPresent()
                ? withCapacity(capacity.getAsInt(), rule) : unbounded(rule);
        List<MemoryChunk> sorted = new ArrayList<>(chunks);
        sorted.sort(MemoryChunk.BY_RANGE);
        out.chunks.ensureCapacity(sorted.size());
        for (MemoryChunk c : sorted) {
            out.add(c);
        }
        return out;
    }

    /**
     * Appends a chunk, as the kernel's memblock walk fills the array.
     *
     * @param chunk a chunk that starts above the last one's end
     * @return this list
     * @throws CrashException when the capacity is full ({@link CrashException.Kind#CAPACITY}) or the chunk
     *                        does not start above the last one ({@link CrashException.Kind#MISUSE})
     */
    public CrashMemRanges add(MemoryChunk chunk) {
        if (capacity != UNBOUNDED && chunks.size() >= capacity) {
            throw new CrashException(CrashException.Kind.CAPACITY, "", "crash memory ranges: capacity " + capacity + " full, cannot add "
                    + chunk.range());
        }
        if (!chunks.isEmpty()) {
            MemoryRange last = chunks.get(chunks.size() - 1).range();
            if (Long.compareUnsigned(chunk.range().start(), last.end()) <= 0) {
                throw new CrashException(CrashException.Kind.MISUSE, "", "crash memory ranges must be sorted and disjoint: "
                        + chunk.range() + " does not start above " + last);
            }
        }
        chunks.add(chunk);
        return this;
    }

    /**
     * Takes a range out as {@code crash_exclude_mem_range} of the chosen {@link ExclusionRule} does; a cut
     * that overlaps nothing changes nothing.
     *
     * @param cut the inclusive range to take out
     * @throws CrashException ({@link CrashException.Kind#CAPACITY}) when a split needs a slot the capacity
     *                        does not have; the list is then unchanged, as the kernel's -ENOMEM leaves it
     */
    public void exclude(MemoryRange cut) {
        int first = firstEndingAtOrAbove(cut.start());
        if (first == chunks.size() || Long.compareUnsigned(chunks.get(first).range().start(), cut.end()) > 0) {
            return; // nothing overlaps
        }
        if (rule == ExclusionRule.CURRENT) {
            excludeCurrent(cut, first);
        } else {
            excludeLegacy(cut, first);
        }
    }

    /**
     * Applies {@link #exclude} to each range in order.
     *
     * @param cuts the inclusive ranges to take out, in the order the kernel takes them
     * @throws CrashException ({@link CrashException.Kind#CAPACITY}) when a split does not fit; the cuts before
     *                        it stay applied
     */
    public void excludeAll(List<MemoryRange> cuts) {
        for (MemoryRange cut : cuts) {
            exclude(cut);
        }
    }

    // SPEC §8: ≥ 6.8 takes the overlap out of every range it meets.
    private void excludeCurrent(MemoryRange cut, int first) {
        int last = first;
        while (last + 1 < chunks.size()
                && Long.compareUnsigned(chunks.get(last + 1).range().start(), cut.end()) <= 0) {
            last++;
        }
        MemoryChunk lo = chunks.get(first);
        if (first == last && strictlyInside(cut, lo.range())) {
            split(cut, first, false);
            return;
        }
        // Only the first range can keep a lower part and only the last an upper part; everything
        // between (and those two when covered whole) goes. One sublist clear keeps this O(n).
        List<MemoryChunk> keep = new ArrayList<>(2);
        if (Long.compareUnsigned(lo.range().start(), cut.start()) < 0) {
            keep.add(lo.withRange(new MemoryRange(lo.range().start(), cut.start() - 1)));
        }
        MemoryChunk hi = chunks.get(last);
        if (Long.compareUnsigned(hi.range().end(), cut.end()) > 0) {
            keep.add(hi.withRange(new MemoryRange(cut.end() + 1, hi.range().end())));
        }
        List<MemoryChunk> window = chunks.subList(first, last + 1);
        window.clear();
        window.addAll(keep);
    }

    // SPEC §8 legacy (5.9–6.7): remove ranges covered whole, then trim or split the first one only partly
    // covered, and stop.
    private void excludeLegacy(MemoryRange cut, int first) {
        int end = first;
        while (end < chunks.size() && cut.contains(chunks.get(end).range())) {
            end++;
        }
        chunks.subList(first, end).clear();
        int i = first;
        if (i == chunks.size() || !chunks.get(i).range().overlaps(cut)) {
            return;
        }
        MemoryChunk c = chunks.get(i);
        MemoryRange r = c.range();
        if (strictlyInside(cut, r)) {
            split(cut, i, true);
        } else if (Long.compareUnsigned(cut.start(), r.start()) > 0) {
            chunks.set(i, c.withRange(new MemoryRange(r.start(), cut.start() - 1)));
        } else {
            chunks.set(i, c.withRange(new MemoryRange(cut.end() + 1, r.end())));
        }
    }

    private void split(MemoryRange cut, int i, boolean legacy) {
        MemoryChunk c = chunks.get(i);
        if (capacity != UNBOUNDED) {
            if (legacy && i == capacity - 1) {
                throw full(cut, c, "the split range is in the last slot (Linux ≤ 6.7 returns -ENOMEM)");
            }
            if (legacy && chunks.size() >= capacity) {
                // Linux ≤ 6.7 checks only the slot index, so this case wrote past the array: refuse it.
                throw full(cut, c, "Linux ≤ 6.7 would write past its array here (fixed in 6.8)");
            }
            if (chunks.size() >= capacity) {
                throw full(cut, c, "the kernel returns -ENOMEM");
            }
        }
        MemoryRange r = c.range();
        chunks.set(i, c.withRange(new MemoryRange(r.start(), cut.start() - 1)));
        chunks.add(i + 1, c.withRange(new MemoryRange(cut.end() + 1, r.end())));
    }

    private CrashException full(MemoryRange cut, MemoryChunk c, String why) {
        return new CrashException(CrashException.Kind.CAPACITY, "", "crash memory ranges: capacity " + capacity + " full: excluding "
                + cut + " splits " + c.range() + " and needs one more slot; " + why);
    }

    private static boolean strictlyInside(MemoryRange cut, MemoryRange r) {
        return Long.compareUnsigned(cut.start(), r.start()) > 0 && Long.compareUnsigned(cut.end(), r.end()) < 0;
    }

    /** Index of the first range whose end is ≥ address (ends ascend because ranges are disjoint). */
    private int firstEndingAtOrAbove(long address) {
        int lo = 0;
        int hi = chunks.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(chunks.get(mid).range().end(), address) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Which generation of crash_exclude_mem_range cuts this list.
     *
     * @return the rule given at creation
     */
    public ExclusionRule rule() {
        return rule;
    }

    /**
     * The capacity.
     *
     * @return {@code max_nr_ranges}; empty when unbounded
     */
    public OptionalInt maxNrRanges() {
        return capacity == UNBOUNDED ? OptionalInt.empty() : OptionalInt.of(capacity);
    }

    /**
     * How many ranges are in use.
     *
     * @return {@code nr_ranges}
     */
    public int nrRanges() {
        return chunks.size();
    }

    /**
     * One chunk by index.
     *
     * @param i its index, 0 to {@link #nrRanges()} − 1
     * @return the chunk
     * @throws CrashException ({@link CrashException.Kind#MISUSE}) when there is no such index
     */
    public MemoryChunk chunk(int i) {
        if (i < 0 || i >= chunks.size()) {
            throw new CrashException(CrashException.Kind.MISUSE, "", "crash memory range " + i + " does not exist (" + chunks.size()
                    + " in use)");
        }
        return chunks.get(i);
    }

    /**
     * The chunks in use.
     *
     * @return a copy, in address order
     */
    public List<MemoryChunk> chunks() {
        return List.copyOf(chunks);
    }

    /**
     * The ranges in use.
     *
     * @return a copy of each chunk's range, in address order
     */

    public List<MemoryRange> ranges() {
        List<MemoryRange> out = new ArrayList<>(chunks.size());
        for (MemoryChunk c : chunks) {
            out.add(c.range());
        }
        return List.copyOf(out);
    }
}
