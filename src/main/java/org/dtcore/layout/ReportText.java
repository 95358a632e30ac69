package org.dtcore.layout;

import org.dtcore.TerminalText;
import java.util.List;
import org.dtcore.text.Columns;

/**
 * Renders a {@link CheckReport} as text: one status line per finding, and for a failing one its rows
 * with the left and right sides in two aligned columns, a mark column in front ({@link DiffRow.Mark}).
 * The same text is {@code dtcore check}'s output and {@link BoardLayoutAssert}'s failure message.
 */
final class ReportText {
    private ReportText() {
    }

    static String render(CheckReport report, boolean failuresOnly) {
        StringBuilder b = new StringBuilder();
        for (Finding f : report.findings()) {
            if (failuresOnly && !f.failed()) {
                continue;
            }
            String status = switch (f.outcome()) {
                case PASS -> "ok  ";
                case FAIL -> "FAIL";
                case NOT_EVALUATED -> "n/e ";
            };
            // names and summaries quote node paths from the input: terminal-safe (issue 12 item 8)
            b.append(Columns.hang(status + ' ' + TerminalText.escape(f.name()) + ": " + TerminalText.escape(f.summary()),
                    5)).append('\n');
            if (f.failed() && !f.rows().isEmpty()) {
                table(report.leftTitle(), report.rightTitle(), f.rows(), b);
            }
        }
        if (!failuresOnly || b.length() == 0) {
            long failed = report.failures().size();
            b.append(failed == 0 ? "all " + report.findings().size() + " checks hold"
                    : failed + " of " + report.findings().size() + " checks failed").append('\n');
        }
        return b.toString();
    }

    /**
     * The rows side by side when both columns fit {@link Columns#WIDTH}; else each row as two lines, the
     * left side then the right one under it, so nothing runs past the edge (issue 13).
     */
    private static void table(String leftTitle, String rightTitle, List<DiffRow> raw, StringBuilder b) {
        List<DiffRow> rows = raw.stream().map(r -> new DiffRow(r.mark(), TerminalText.escape(r.left()),
                TerminalText.escape(r.right()))).toList();
        leftTitle = TerminalText.escape(leftTitle);
        rightTitle = TerminalText.escape(rightTitle);
        int width = leftTitle.length();
        int right = rightTitle.length();
        for (DiffRow r : rows) {
            width = Math.max(width, r.left().length());
            right = Math.max(right, r.right().length());
        }
        if (6 + width + 3 + right <= Columns.WIDTH) {
            b.append(sideBySide(' ', leftTitle, rightTitle, width));
            for (DiffRow r : rows) {
                b.append(sideBySide(r.mark().symbol(), r.left(), r.right(), width));
            }
            return;
        }
        b.append(Columns.wrap("(" + leftTitle + " first, " + rightTitle + " below it)", 6)).append('\n');
        for (DiffRow r : rows) {
            String both = Columns.wrap(r.left().isEmpty() ? "-" : r.left(), 6) + "\n"
                    + Columns.wrap(r.right().isEmpty() ? "-" : r.right(), 6);
            b.append("    ").append(r.mark().symbol()).append(both.substring(5)).append('\n');
        }
    }

    private static String sideBySide(char mark, String left, String right, int width) {
        return ("    " + mark + " " + Columns.pad(left, width) + " | " + right).stripTrailing() + "\n";
    }
}
