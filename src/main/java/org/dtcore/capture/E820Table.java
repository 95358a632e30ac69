package org.dtcore.capture;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dtcore.memory.MemoryRange;

/**
 * What an x86 kernel makes of the e820 entries it boots with (arch/x86/kernel/e820.c, the same in 6.1,
 * 6.12 and 7.3): e820__memory_setup_default() appends them and e820__update_table() sorts them, resolves
 * overlaps (the larger type number wins) and joins touching entries of one type, except PRAM and
 * soft-reserved ones; the result is copied to e820_table_firmware, which /sys/firmware/memmap shows.
 */
final class E820Table {
    private E820Table() {
    }

    /** A change point: an entry's start or its exclusive end. */
    private record Point(long address, int entry, boolean start) {
    }

    /**
     * e820__update_table(): the sanitized table. A table of fewer than two entries is left as it is, and so is
     * one with an entry whose end wraps past 2^64 ("unreasonable addresses"); the caller warns about both.
     */
    static List<E820Entry> sanitize(List<E820Entry> entries) {
        if (entries.size() < 2 || wraps(entries)) {
            return List.copyOf(entries);
        }
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            MemoryRange r = entries.get(i).range();
            points.add(new Point(r.start(), i, true));
            points.add(new Point(r.end() + 1, i, false));
        }
        // cpcompare(): by address; at one address a start sorts before an end
        points.sort(Comparator.comparing(Point::address, Long::compareUnsigned)
                .thenComparing(p -> p.start() ? 0 : 1));
        List<Integer> overlap = new ArrayList<>();
        List<E820Entry> out = new ArrayList<>();
        E820Type last = null;
        long lastAddress = 0;
        for (Point p : points) {
            if (p.start()) {
                overlap.add(p.entry());
            } else {
                overlap.remove(Integer.valueOf(p.entry()));
            }
            E820Type current = null;
            for (int i : overlap) {
                E820Type t = entries.get(i).type();
                if (current == null || Long.compareUnsigned(t.code(), current.code()) > 0) {
                    current = t;
                }
            }
            if (current != last || current != null && !current.merges()) {
                if (last != null && p.address() != lastAddress) {
                    out.add(new E820Entry(new MemoryRange(lastAddress, p.address() - 1), last));
                }
                if (current != null) {
                    lastAddress = p.address();
                }
                last = current;
            }
        }
        return List.copyOf(out);
    }

    /** __append_e820_table()'s "64-bit overflow" and e820__update_table()'s unreasonable address. */
    static boolean wraps(List<E820Entry> entries) {
        for (E820Entry e : entries) {
            if (e.range().end() == -1L) {
                return true;
            }
        }
        return false;
    }
}
