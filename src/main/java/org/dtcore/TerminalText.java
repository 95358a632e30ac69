package org.dtcore;

import java.util.Locale;

/**
 * Text that reaches a terminal: node names, bootargs, iomem names and file names come
 * from the input and may hold ESC, CR, a newline (legal in an FDT node name) or any other control
 * character. Every text output — error lines, warnings, tables, reports, the SVG map — passes such values
 * through {@link #escape}, so input can neither move the cursor, recolour the terminal, nor split a line.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /**
     * {@code s} with each control character (C0, DEL, C1) and each Unicode line or paragraph separator
     * written as {@code \n}, {@code \r}, {@code \t} or {@code \xNN} ({@code \\uNNNN} above 0xff); a
     * backslash stays as it is. The result is one line of printable text.
     *
     * @param s text from an input, or null
     * @return the text escaped, or null for null
     */
    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isISOControl(c) && c != '\u2028' && c != '\u2029') {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 8).append(s, 0, i);
            }
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c <= 0xff ? String.format(Locale.ROOT,"\\x%02x", (int) c) : String.format(Locale.ROOT,"\\u%04x", (int) c));
            }
        }
        return out == null ? s : out.toString();
    }
}
