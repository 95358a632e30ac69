package org.dtcore.text;

import java.util.Locale;

/**
 * Tables fit {@value #WIDTH} columns, as readelf and lsblk users expect: fixed columns first,
 * then the free text (a node path, a warning); free text that would pass the edge goes on lines of its
 * own, indented, and is cut into pieces no wider than the table.
 */
public final class Columns {
    public static final int WIDTH = 100;
    private static final String NL = System.lineSeparator();

    private Columns() {
    }

    /** {@code head + " " + tail} on one line when it fits, else the tail below it, indented by {@code indent}. */
    public static String fit(String head, String tail, int indent) {
        if (head.length() + 1 + tail.length() <= WIDTH) {
            return head + " " + tail;
        }
        return head.stripTrailing() + NL + wrap(tail, indent);
    }

    /** {@code text} in pieces of at most WIDTH columns, each after {@code indent} spaces. */
    public static String wrap(String text, int indent) {
        return wrap(text, indent, indent);
    }

    /** {@code text} from column 0, its continuation lines after {@code indent} spaces (a hanging indent). */
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

    /** "1 range", "2 ranges". */
    public static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** {@code String.format(Locale.ROOT,"%-Ns", s)} without a Formatter. */
    public static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
