package org.dtcore.layout;

import org.dtcore.TerminalText;
import java.util.List;
import org.dtcore.text.Columns;

/**
 * Renders a {@link CheckReport} as text: one status line per finding, and under a failing one the rows that
 * differ (all its rows when asked) with the left and right sides in two aligned columns, a mark column in
 * front ({@link DiffRow.Mark}); then one line with the count. A check's status words are {@code ok},
 * {@code FAIL} and {@code n/e}; a diff's are {@code same} and {@code DIFF}, since it compares and judges
 * nothing. The same text is {@code dtcore check}'s output and {@link BoardLayoutAssert}'s failure message.
 */
final class ReportText {
    private ReportText() {
    }

    static String render(CheckReport report, boolean failuresOnly, boolean allRows) {
        return render(report, failuresOnly, allRows, true);
    }

    static String render(CheckReport report, boolean failuresOnly, boolean allRows, boolean total) {
        boolean check = report.mode() == CheckReport.Mode.CHECK;
        StringBuilder b = new StringBuilder();
        for (Finding f : report.findings()) {
            if (failuresOnly && !f.failed()) {
                continue;
            }
            String status = switch (f.outcome()) {
                case PASS -> check ? "ok  " : "same";
                case FAIL -> check ? "FAIL" : "DIFF";
                case NOT_EVALUATED -> "n/e ";
            };
            // names and summaries quote node paths from the input: terminal-safe
            b.append(Columns.hang(status + ' ' + TerminalText.escape(f.name()) + ": " + TerminalText.escape(f.summary()),
                    5)).append('\n');
            List<DiffRow> rows = allRows ? f.rows() : f.rows().stream().filter(DiffRow::isDifference).toList();
            if (f.failed() && !rows.isEmpty()) {
                table(report.leftTitle(), report.rightTitle(), rows, b);
            }
        }
        if (total) {
            b.append(total(report, check)).append('\n');
        }
        return b.toString();
    }

    /** The last line: how many sections failed (differ) of how many. */
    private static String total(CheckReport report, boolean check) {
        int n = report.findings().size();
        int failed = report.failures().size();
        if (n == 0) {
            return check ? "nothing checked: the expectation has no section" : "nothing compared";
        }
        if (check) {
            return failed == 0 ? (n == 1 ? "1 check holds" : "all " + n + " checks hold")
                    : failed + " of " + n + " checks failed";
        }
        return failed == 0 ? "no differences in " + SectionComparison.count(n, "section")
                : failed + " of " + n + " sections differ";
    }

    /**
     * The rows side by side when both columns fit {@link Columns#WIDTH}; else each row as two lines, the
     * left side then the right one under it, so nothing runs past the 100 columns a terminal and a CI log show.
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
