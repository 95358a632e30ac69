package org.dtcore.fdt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The strings block a writer builds (SPEC §1): property names, NUL-terminated, in the order they are
 * first needed. Laid out as dtc 1.6.1 lays it out, so {@link FdtWriter} output matches {@code dtc -O dtb}
 * byte for byte: a name already present at any offset of the block is reused there, including as the
 * tail of a longer name ("cells" is found inside "#address-cells"), and the lowest such offset wins.
 * Otherwise the name is appended.
 *
 * <p>dtc compares each name at every offset of the block, which is quadratic. Here the names are first
 * {@link #add collected} in the order they are needed, then {@link #layOut laid out} at once: a name is a
 * tail of another exactly when its bytes reversed begin the other's reversed, so with every name sorted
 * by its reversed bytes the names that hold it as a tail are one run of that order, and the first of them
 * to be appended (the lowest offset: a later name starts past an earlier one's end) is a range minimum.
 * O(n log n) in the names' bytes, and memory linear in them, whatever they are.
 */
final class StringTable {
    private final Map<String, Integer> names = new LinkedHashMap<>(); // name -> offset, once laid out
    private byte[] block;

    /** Notes {@code name} as needed next (a name already noted keeps its first place). */
    void add(String name) {
        if (block != null) {
            throw new IllegalStateException("the strings block is laid out already");
        }
        names.putIfAbsent(name, -1);
    }

    /** The offset of {@code name}, which was {@link #add added} before {@link #layOut}. */
    int offsetOf(String name) {
        Integer at = names.get(name);
        if (at == null || at < 0) {
            throw new IllegalStateException("name not laid out: " + name);
        }
        return at;
    }

    int size() {
        return block.length;
    }

    byte[] toByteArray() {
        return block.clone();
    }

    /** Gives every added name its offset, as dtc would find or append it in the order they were added. */
    void layOut() {
        int n = names.size();
        String[] order = names.keySet().toArray(new String[0]);
        byte[][] bytes = new byte[n][];
        byte[][] reversed = new byte[n][];
        for (int i = 0; i < n; i++) {
            bytes[i] = order[i].getBytes(StandardCharsets.UTF_8);
            reversed[i] = reverse(bytes[i]);
        }
        Integer[] sorted = new Integer[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = i;
        }
        Arrays.sort(sorted, (a, b) -> Arrays.compareUnsigned(reversed[a], reversed[b]));
        int[] rank = new int[n]; // name -> its place in the reversed order
        for (int r = 0; r < n; r++) {
            rank[sorted[r]] = r;
        }
        MinTree appended = new MinTree(n); // place -> the earliest-appended name there, or none
        int[] offsets = new int[n];
        boolean[] isAppended = new boolean[n];
        long size = 0;
        for (int i = 0; i < n; i++) {
            byte[] prefix = reversed[i];
            // the run of names whose reversed bytes begin with this one's (two names can share bytes:
            // an unpaired surrogate is written as '?'), this one among them
            int from = firstPlace(sorted, reversed, prefix, rank[i], false);
            int to = firstPlace(sorted, reversed, prefix, rank[i], true);
            int holder = appended.min(from, to);
            if (holder >= 0) {
                offsets[i] = offsets[holder] + bytes[holder].length - bytes[i].length;
            } else {
                offsets[i] = (int) size;
                size += bytes[i].length + 1;
                if (size > FdtWriter.MAX_TOTAL_SIZE) {
                    throw FdtException.of(FdtException.Kind.TOO_LARGE, "the property names come to more than"
                            + " an FDT blob can hold (libfdt caps totalsize at INT_MAX)");
                }
                isAppended[i] = true;
                appended.set(rank[i], i);
            }
        }
        block = new byte[(int) size];
        int k = 0;
        for (String name : order) {
            names.put(name, offsets[k]);
            if (isAppended[k]) {
                System.arraycopy(bytes[k], 0, block, offsets[k], bytes[k].length);
            }
            k++;
        }
    }

    /**
     * With {@code past}, the first place after {@code at} whose reversed name does not begin with
     * {@code prefix}; without, the first place at or before {@code at} whose reversed name equals it.
     */
    private static int firstPlace(Integer[] sorted, byte[][] reversed, byte[] prefix, int at, boolean past) {
        int lo = past ? at + 1 : 0;
        int hi = past ? sorted.length : at;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            byte[] r = reversed[sorted[mid]];
            boolean inRun = past ? r.length >= prefix.length && Arrays.equals(r, 0, prefix.length, prefix, 0,
                    prefix.length) : Arrays.equals(r, prefix);
            if (past == inRun) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    /** Range minimum over places, each holding a name's index (its order of first need) or none. */
    private static final class MinTree {
        private static final int NONE = Integer.MAX_VALUE;
        private final int leaves;
        private final int[] tree;

        MinTree(int n) {
            int l = 1;
            while (l < Math.max(1, n)) {
                l <<= 1;
            }
            leaves = l;
            tree = new int[2 * l];
            Arrays.fill(tree, NONE);
        }

        void set(int place, int value) {
            int at = place + leaves;
            tree[at] = Math.min(tree[at], value);
            for (at >>= 1; at > 0; at >>= 1) {
                tree[at] = Math.min(tree[2 * at], tree[2 * at + 1]);
            }
        }

        /** The least value in places [from, to), or -1. */
        int min(int from, int to) {
            int best = NONE;
            for (int lo = from + leaves, hi = to + leaves; lo < hi; lo >>= 1, hi >>= 1) {
                if ((lo & 1) == 1) {
                    best = Math.min(best, tree[lo++]);
                }
                if ((hi & 1) == 1) {
                    best = Math.min(best, tree[--hi]);
                }
            }
            return best == NONE ? -1 : best;
        }
    }
}
