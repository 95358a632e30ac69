package org.dtcore.layout;

import java.util.List;

/**
 * The findings of a check (expected against actual) or a diff (A against B), in section order.
 *
 * @param mode       a check, which passes or fails, or a diff, which finds two sides the same or not
 * @param leftTitle  heading of the left column ("expected", or A's file name)
 * @param rightTitle heading of the right column ("actual", or B's file name)
 * @param findings   one per section or rule
 */
public record CheckReport(Mode mode, String leftTitle, String rightTitle, List<Finding> findings) {

    /** What the report is: its words ("FAIL" or "DIFF", "missing" or "only in A") follow from it. */
    public enum Mode {
        /** an expectation checked against a board: sections pass or fail */
        CHECK,
        /** two boards or two core headers compared: sections are the same or differ */
        DIFF
    }

    public CheckReport {
        findings = List.copyOf(findings);
    }

    /** A check's report. */
    public CheckReport(String leftTitle, String rightTitle, List<Finding> findings) {
        this(Mode.CHECK, leftTitle, rightTitle, findings);
    }

    /** True when no finding failed (not-evaluated ones do not fail a check); for a diff, the sides are equal. */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::failed);
    }

    public List<Finding> failures() {
        return findings.stream().filter(Finding::failed).toList();
    }

    /**
     * The readable report ({@link ReportText}) with only the rows that differ; with {@code failuresOnly} the
     * passing sections are left out.
     */
    public String text(boolean failuresOnly) {
        return ReportText.render(this, failuresOnly, false);
    }

    /** As {@link #text(boolean)}; with {@code allRows} a failing section shows its agreeing rows too. */
    public String text(boolean failuresOnly, boolean allRows) {
        return ReportText.render(this, failuresOnly, allRows);
    }

    /** The report of one finding alone, as a JUnit failure's text shows it. */
    public String text(Finding f, boolean allRows) {
        return ReportText.render(new CheckReport(mode, leftTitle, rightTitle, List.of(f)), true, allRows, false);
    }
}
