package org.dtcore.text;

import java.util.Locale;

/**
 * Tables fit {@value #WIDTH} columns, as readelf and lsblk users expect: fixed columns first,
 * then the free text (a node path, a warning); free text that would pass the edge goes on lines of its
 * own, indented, and is cut into pieces no wider than the table.
 */
public final class Columns {
    /** The width of every table and wrapped line dtcore prints, in characters. */
    public static final int WIDTH = 100;
    private static final String NL = System.lineSeparator();

    private Columns() {
    }

    /**
     * A table row's fixed columns and its free text, on one line when they fit {@link #WIDTH}.
     *
     * @param head   the fixed columns
     * @param tail   the free text (a node path, a warning)
     * @param indent spaces before each line of the tail when it goes below the head
     * @return {@code head + " " + tail}, or the head (trailing blanks stripped), a line separator and the
     *         tail wrapped by {@link #wrap}
     */
    public static String fit(String head, String tail, int indent) {
        if (head.length() + 1 + tail.length() <= WIDTH) {
            return head + " " + tail;
        }
        return head.stripTrailing() + NL + wrap(tail, indent);
    }

    /**
     * Text cut at blanks into lines no wider than {@link #WIDTH}, each indented the same. A word longer
     * than a line is cut where the line ends.
     *
     * @param text   the text, one line
     * @param indent spaces before every line
     * @return the lines joined by the platform's line separator, without a final one
     */
    public static String wrap(String text, int indent) {
        return wrap(text, indent, indent);
    }

    /**
     * Text with a hanging indent: the first line from column 0, the others indented, none wider than
     * {@link #WIDTH}.
     *
     * @param text   the text, one line
     * @param indent spaces before every line but the first
     * @return the lines joined by the platform's line separator, without a final one
     */
    public static String hang(String text, int indent) {
        return wrap(text, 0, indent);
    }

    private static String wrap(String text, int first, int indent) {
        String pad = " ".repeat(first);
        int room = WIDTH - first;
        StringBuilder b = new StringBuilder();
        int at = 0;
        while (at < text.length()) {
            int end = Math.min(text.length(), at + room);
            if (end < text.length()) {
                int space = text.lastIndexOf(' ', end);
                if (space > at) {
                    end = space;
                }
            }
            if (at > 0) {
                b.append(NL);
            }
            b.append(pad).append(text, at, end);
            pad = " ".repeat(indent);
            room = WIDTH - indent;
            at = end;
            while (at < text.length() && text.charAt(at) == ' ') {
                at++;
            }
        }
        return b.toString();
    }

    /**
     * A count with its noun, plural by an added "s": "1 range", "2 ranges", "0 ranges".
     *
     * @param n    the count
     * @param noun the noun in the singular, with a regular plural
     * @return the count, a blank and the noun
     */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /**
     * Text left-aligned in a column, as {@code String.format(Locale.ROOT, "%-Ns", s)} but without a
     * Formatter.
     *
     * @param s     the text
     * @param width the column's width in characters
     * @return {@code s} followed by blanks up to {@code width}; {@code s} itself when it is as wide or wider
     */
    public static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
