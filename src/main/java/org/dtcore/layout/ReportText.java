package org.dtcore.layout;

import org.dtcore.TerminalText;
import java.util.List;

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
            b.append(status).append(' ').append(TerminalText.escape(f.name())).append(": ")
                    .append(TerminalText.escape(f.summary())).append('\n');
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

    private static void table(String leftTitle, String rightTitle, List<DiffRow> rows, StringBuilder b) {
        int width = TerminalText.escape(leftTitle).length();
        for (DiffRow r : rows) {
            width = Math.max(width, TerminalText.escape(r.left()).length());
        }
        String format = "    %c %-" + width + "s | %s%n";
        b.append(String.format(format, ' ', TerminalText.escape(leftTitle), TerminalText.escape(rightTitle)));
        for (DiffRow r : rows) {
            b.append(String.format(format, r.mark().symbol(), TerminalText.escape(r.left()),
                    TerminalText.escape(r.right())).stripTrailing()).append('\n');
        }
    }
}
