package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.dtcore.memory.MemoryRange;

/**
 * The vertical axis of the SVG map: a broken, log-like scale. The address span is cut at every edge of
 * every region drawn, and each piece gets a height from a clamped log of its size, so a 64 KiB region
 * stays visible next to 64 GiB of RAM and a 1 TiB hole does not push everything off the page. Addresses
 * grow downwards, as /proc/iomem lists them.
 */
final class MapScale {
    /** Height of the smallest piece: enough to see and to hover. */
    static final double MIN_HEIGHT = 12;
    /** Height of the largest piece. */
    static final double MAX_HEIGHT = 110;
    /** Pixels per doubling of size above 4 KiB. */
    private static final double PER_DOUBLING = 4.5;

    /**
     * One piece of the axis.
     *
     * @param range the addresses it stands for
     * @param y     top edge
     * @param height its height
     */
    record Piece(MemoryRange range, double y, double height) {
    }

    private final List<Piece> pieces;
    private final double top;

    /** The scale over {@code regions} (which may overlap), starting at {@code top}. */
    MapScale(List<MemoryRange> regions, double top) {
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
        List<Piece> out = new ArrayList<>();
        double y = top;
        Long prev = null;
        for (long c : cuts) {
            if (prev != null) {
                MemoryRange piece = new MemoryRange(prev, c - 1);
                double h = height(piece.size());
                out.add(new Piece(piece, y, h));
                y += h;
            }
            prev = c;
        }
        if (prev != null && Long.compareUnsigned(prev, last) <= 0) {
            MemoryRange piece = new MemoryRange(prev, last);
            out.add(new Piece(piece, y, height(piece.size())));
        }
        this.pieces = List.copyOf(out);
    }

    /** The height of a piece of {@code size} bytes (0 stands for 2^64). */
    static double height(long size) {
        double bits = size == 0 ? 64 : 64 - Long.numberOfLeadingZeros(size - 1);
        return Math.max(MIN_HEIGHT, Math.min(MAX_HEIGHT, MIN_HEIGHT + PER_DOUBLING * (bits - 12)));
    }

    List<Piece> pieces() {
        return pieces;
    }

    double bottom() {
        return pieces.isEmpty() ? top : pieces.get(pieces.size() - 1).y() + pieces.get(pieces.size() - 1).height();
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
