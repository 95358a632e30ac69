package org.dtcore.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Places text lines in a column so that none overlaps the next: each wants to sit at a given y (the
 * middle of what it names), and is pushed down just enough when the one above is in the way. A leader
 * line joins a pushed label to its place.
 */
final class LabelColumn {
    /**
     * A label placed.
     *
     * @param text    the text
     * @param wantY   where it names (baseline wanted)
     * @param y       the baseline it got
     * @param cssClass its class in the SVG
     */
    record Placed(String text, double wantY, double y, String cssClass) {
    }

    private record Wish(String text, double y, String cssClass) {
    }

    private final double lineHeight;
    private final List<Wish> wishes = new ArrayList<>();

    LabelColumn(double lineHeight) {
        this.lineHeight = lineHeight;
    }

    void add(String text, double y, String cssClass) {
        wishes.add(new Wish(text, y, cssClass));
    }

    /** Every label at a baseline at least one line below the one above it, the first no higher than {@code top}. */
    List<Placed> place(double top) {
        List<Wish> sorted = new ArrayList<>(wishes);
        sorted.sort(Comparator.comparingDouble(Wish::y));
        List<Placed> out = new ArrayList<>();
        double next = top;
        for (Wish w : sorted) {
            double y = Math.max(w.y(), next);
            out.add(new Placed(w.text(), w.y(), y, w.cssClass()));
            next = y + lineHeight;
        }
        return out;
    }

    /** The longest label in characters. */
    int widestChars() {
        return wishes.stream().mapToInt(w -> w.text().length()).max().orElse(0);
    }
}
