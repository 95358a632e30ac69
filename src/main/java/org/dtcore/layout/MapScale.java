package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dtcore.memory.MemoryRange;

/**
 * The vertical axis of the SVG map. Addresses that hold something (RAM, a reservation, a crash kernel)
 * are drawn at true scale: each piece between two region edges gets its share of {@link #BAR} pixels by
 * its size, so six reservations in the first 0.5 GiB of 8 GiB of RAM stay in the top sixteenth of the bar
 * (as on mt8195). A piece too small to see still gets {@link #MIN_HEIGHT}, and a hole (no RAM, nothing
 * else) is a fixed break in the axis, so a 1 TiB gap does not push everything off the page. Addresses grow
 * downwards, as /proc/iomem lists them.
 */
final class MapScale {
    /** Height of the smallest piece: enough to see and to hover. */
    static final double MIN_HEIGHT = 12;
    /** Height of a hole: a break in the axis, not to scale. */
    static final double HOLE_HEIGHT = 28;
    /** Pixels that the mapped (non-hole) addresses share by size. */
    static final double BAR = 640;

    /**
     * One piece of the axis.
     *
     * @param range the addresses it stands for
     * @param y     top edge
     * @param height its height
     * @param hole  true when the piece is a hole, drawn as a break rather than to scale
     */
    record Piece(MemoryRange range, double y, double height, boolean hole) {
    }

    private final List<Piece> pieces;
    private final double top;

    /** The scale over {@code regions} (which may overlap; holes among them), starting at {@code top}. */
    MapScale(List<MemoryRange> regions, List<MemoryRange> holes, double top) {
        this.top = top;
        TreeSet<Long> cuts = new TreeSet<>(Long::compareUnsigned);
        long last = 0;
        for (MemoryRange r : regions) {
            cuts.add(r.start());
            if (r.end() != -1L) {
                cuts.add(r.end() + 1);
            }
            if (Long.compareUnsigned(r.end(), last) > 0) {
                last = r.end();
            }
        }
        List<MemoryRange> ranges = new ArrayList<>();
        Long prev = null;
        for (long c : cuts) {
            if (prev != null) {
                ranges.add(new MemoryRange(prev, c - 1));
            }
            prev = c;
        }
        if (prev != null && Long.compareUnsigned(prev, last) <= 0) {
            ranges.add(new MemoryRange(prev, last));
        }
        double mapped = 0;
        for (MemoryRange r : ranges) {
            if (!inHole(r, holes)) {
                mapped += bytes(r);
            }
        }
        List<Piece> out = new ArrayList<>();
        double y = top;
        for (MemoryRange r : ranges) {
            boolean hole = inHole(r, holes);
            double h = hole ? HOLE_HEIGHT : Math.max(MIN_HEIGHT, BAR * bytes(r) / mapped);
            out.add(new Piece(r, y, h, hole));
            y += h;
        }
        this.pieces = List.copyOf(out);
    }

    private static boolean inHole(MemoryRange r, List<MemoryRange> holes) {
        for (MemoryRange h : holes) {
            if (h.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** The size as a double (the whole space is 2^64). */
    private static double bytes(MemoryRange r) {
        long n = r.size();
        return n == 0 ? 0x1p64 : n >= 0 ? n : n + 0x1p64;
    }

    List<Piece> pieces() {
        return pieces;
    }

    double bottom() {
        return pieces.isEmpty() ? top : pieces.get(pieces.size() - 1).y() + pieces.get(pieces.size() - 1).height();
    }

    /** Where {@code address} lies on the axis, in proportion inside its piece. */
    double yAt(long address) {
        for (Piece p : pieces) {
            if (p.range().contains(address)) {
                double into = Long.compareUnsigned(address, p.range().start()) == 0 ? 0
                        : bytes(new MemoryRange(p.range().start(), address - 1)) / bytes(p.range());
                return p.y() + p.height() * into;
            }
        }
        return bottom();
    }

    /** The top of the piece starting at {@code address} (an edge of some region, so a piece starts there). */
    double yOf(long address) {
        for (Piece p : pieces) {
            if (p.range().contains(address)) {
                return p.y();
            }
        }
        return bottom();
    }

    /** The bottom of the piece that ends at {@code address}. */
    double yAfter(long address) {
        for (Piece p : pieces) {
            if (p.range().contains(address)) {
                return p.y() + p.height();
            }
        }
        return bottom();
    }
}
