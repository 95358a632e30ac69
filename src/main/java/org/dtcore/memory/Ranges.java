package org.dtcore.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dtcore.text.ByteSize;

/**
 * Set algebra on lists of inclusive, unsigned ranges (SPEC §0). Every operation sorts once and then
 * sweeps, so it costs O(n log n) however many ranges there are; nothing here ever computes
 * {@code end + 1} where end is 2^64−1, so a range reaching the top of the address space is handled
 * like any other. Inputs are never modified; results are new, unmodifiable lists ({@link #merged}'s
 * stored as primitive columns, {@link RangeList}, 16 bytes a range).
 */
public final class Ranges {
    private Ranges() {
    }

    /**
     * The ranges in unsigned order of start, then end; duplicates and overlaps are kept.
     *
     * @param ranges ranges in any order
     * @return a new unmodifiable list of the same ranges, sorted
     */
    public static List<MemoryRange> sorted(List<MemoryRange> ranges) {
        List<MemoryRange> out = new ArrayList<>(ranges);
        out.sort(null);
        return List.copyOf(out);
    }

    /**
     * Sorted, with overlapping or touching ranges joined: the "memory view" of SPEC §3.7. The result is
     * disjoint and no two of its ranges touch.
     *
     * <p>The union depends only on the multiset of starts and the multiset of ends, so they are sorted
     * apart as primitive arrays (several times faster than sorting a million records) and swept: a start
     * is met before an end when it is at most one past it, which joins touching ranges too.
     *
     * @param ranges ranges in any order, overlapping or not
     * @return the union as sorted disjoint ranges; empty for no ranges
     */
    public static List<MemoryRange> merged(List<MemoryRange> ranges) {
        if (ranges instanceof RangeList r && r.isMerged()) {
            return r; // a million distinct chunks are their own memory view: share, do not copy
        }
        if (sortedByStart(ranges)) {
            return mergedSorted(ranges);
        }
        int n = ranges.size();
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int k = 0; k < n; k++) {
            MemoryRange r = ranges.get(k);
            // flipping the sign bit makes signed order the unsigned order Arrays.sort does not offer
            starts[k] = r.start() ^ Long.MIN_VALUE;
            ends[k] = r.end() ^ Long.MIN_VALUE;
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        RangeList.Builder out = new RangeList.Builder(n);
        int i = 0;
        int j = 0;
        while (i < n) {
            long runStart = starts[i++];
            int open = 1;
            while (open > 0) {
                long end = ends[j];
                if (i < n && (starts[i] <= end || (end != Long.MAX_VALUE && starts[i] == end + 1))) {
                    i++;
                    open++;
                } else {
                    j++;
                    if (--open == 0) {
                        out.add(runStart ^ Long.MIN_VALUE, end ^ Long.MIN_VALUE);
                    }
                }
            }
        }
        return out.build();
    }

    /** True when starts never descend (unsigned): the common case, since scans meet RAM in address order. */
    private static boolean sortedByStart(List<MemoryRange> ranges) {
        for (int k = 1; k < ranges.size(); k++) {
            if (Long.compareUnsigned(ranges.get(k - 1).start(), ranges.get(k).start()) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #merged} of ranges already in order of start: one sweep, no arrays (a 262,144-LMB pseries
     * map would otherwise sort two 2 MiB arrays that are already in order).
     */
    private static List<MemoryRange> mergedSorted(List<MemoryRange> ranges) {
        RangeList.Builder out = new RangeList.Builder(ranges.size());
        sweepSorted(ranges, (start, end) -> {
            out.add(start, end);
            return true;
        });
        return out.build();
    }

    /** Receives each joined run of a sweep; returning false stops it. */
    private interface Runs {
        boolean take(long start, long end);
    }

    /** The joined runs of ranges in order of start, in order, each handed to {@code runs}. */
    private static void sweepSorted(List<MemoryRange> ranges, Runs runs) {
        int n = ranges.size();
        int k = 0;
        while (k < n) {
            MemoryRange first = ranges.get(k++);
            long runStart = first.start();
            long runEnd = first.end();
            // join every later range that starts inside the run or right after it (never past 2^64-1)
            while (k < n) {
                MemoryRange r = ranges.get(k);
                if (Long.compareUnsigned(r.start(), runEnd) > 0 && (runEnd == -1L || r.start() != runEnd + 1)) {
                    break;
                }
                if (Long.compareUnsigned(r.end(), runEnd) > 0) {
                    runEnd = r.end();
                }
                k++;
            }
            if (!runs.take(runStart, runEnd)) {
                return;
            }
        }
    }

    /**
     * The addresses in {@code from} that are in no range of {@code remove}, as a merged list. Both sides
     * may be unsorted and overlapping. (Boundaries inside {@code from} are not kept: a caller that must
     * keep per-chunk boundaries, as SPEC §8 does, uses the crash package's CrashMemRanges.)
     *
     * @param from   the addresses to keep from
     * @param remove the addresses to take out
     * @return what is left, sorted, disjoint and merged; empty when {@code remove} covers {@code from}
     */
    public static List<MemoryRange> subtract(List<MemoryRange> from, List<MemoryRange> remove) {
        List<MemoryRange> keep = merged(from);
        List<MemoryRange> cut = merged(remove);
        List<MemoryRange> out = new ArrayList<>();
        int j = 0;
        for (MemoryRange f : keep) {
            while (j < cut.size() && Long.compareUnsigned(cut.get(j).end(), f.start()) < 0) {
                j++;
            }
            long cursor = f.start();
            boolean consumed = false;
            while (j < cut.size() && Long.compareUnsigned(cut.get(j).start(), f.end()) <= 0) {
                MemoryRange c = cut.get(j);
                if (Long.compareUnsigned(c.start(), cursor) > 0) {
                    out.add(new MemoryRange(cursor, c.start() - 1));
                }
                if (Long.compareUnsigned(c.end(), f.end()) >= 0) {
                    // c may reach into the next range of keep: leave j on it
                    consumed = true;
                    break;
                }
                cursor = c.end() + 1; // c.end < f.end, so this cannot wrap
                j++;
            }
            if (!consumed) {
                out.add(new MemoryRange(cursor, f.end()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The addresses that are in both {@code a} and {@code b}, as a merged list.
     *
     * @param a ranges in any order
     * @param b ranges in any order
     * @return the common addresses, sorted, disjoint and merged; empty when the two do not meet
     */
    public static List<MemoryRange> intersect(List<MemoryRange> a, List<MemoryRange> b) {
        List<MemoryRange> x = merged(a);
        List<MemoryRange> y = merged(b);
        List<MemoryRange> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < x.size() && j < y.size()) {
            MemoryRange p = x.get(i);
            MemoryRange q = y.get(j);
            long lo = Long.compareUnsigned(p.start(), q.start()) >= 0 ? p.start() : q.start();
            long hi = Long.compareUnsigned(p.end(), q.end()) <= 0 ? p.end() : q.end();
            if (Long.compareUnsigned(lo, hi) <= 0) {
                out.add(new MemoryRange(lo, hi));
            }
            if (Long.compareUnsigned(p.end(), q.end()) <= 0) {
                i++;
            } else {
                j++;
            }
        }
        return List.copyOf(out);
    }

    /**
     * The bytes {@code ranges} cover, overlaps counted once: from 0 (none) to 2^64 (the whole space).
     *
     * @param ranges ranges in any order, overlapping or not
     * @return the bytes covered
     */
    public static ByteSize totalBytes(List<MemoryRange> ranges) {
        ByteSize total = ByteSize.ZERO;
        for (MemoryRange r : merged(ranges)) {
            total = total.plus(r.length());
        }
        return total;
    }

    /**
     * Bytes covered by the ranges, each address counted once. The whole 64-bit space holds 2^64 bytes,
     * one more than an unsigned long can say: the total saturates at 2^64−1 (returned as -1L), as
     * {@link MemoryMap#totalRam()} does.
     *
     * @param ranges ranges in any order, overlapping or not
     * @return the bytes covered, unsigned; -1L (2^64-1) for the whole space
     */
    public static long totalSize(List<MemoryRange> ranges) {
        if (sortedByStart(ranges)) {
            return totalSizeSorted(ranges);
        }
        long total = 0;
        for (MemoryRange r : merged(ranges)) {
            long size = r.size();
            if (size == 0) { // the whole space: MemoryRange.size() wraps to 0
                return -1L;
            }
            long next = total + size;
            if (Long.compareUnsigned(next, total) < 0) {
                return -1L;
            }
            total = next;
        }
        return total;
    }

    /** {@link #totalSize} of ranges in order of start, summed while sweeping: no merged list is built. */
    private static long totalSizeSorted(List<MemoryRange> ranges) {
        long[] total = {0};
        sweepSorted(ranges, (start, end) -> {
            long size = end - start + 1;
            long next = total[0] + size;
            // the whole space (size wraps to 0) or a sum past 2^64-1 saturates, as totalSize says
            if (size == 0 || Long.compareUnsigned(next, total[0]) < 0) {
                total[0] = -1L;
                return false;
            }
            total[0] = next;
            return true;
        });
        return total[0];
    }
}
