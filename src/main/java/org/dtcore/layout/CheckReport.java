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

    /**
     * Copies the findings.
     *
     * @param mode       a check, which passes or fails, or a diff, which finds two sides the same or not
     * @param leftTitle  heading of the left column ("expected", or A's file name)
     * @param rightTitle heading of the right column ("actual", or B's file name)
     * @param findings   one per section or rule
     */
    public CheckReport {
        findings = List.copyOf(findings);
    }

    /**
     * A check's report.
     *
     * @param leftTitle  heading of the left column ("expected")
     * @param rightTitle heading of the right column ("actual")
     * @param findings   one per section or rule
     */
    public CheckReport(String leftTitle, String rightTitle, List<Finding> findings) {
        this(Mode.CHECK, leftTitle, rightTitle, findings);
    }

    /**
     * Whether the check passed, or the diff found the two sides the same.
     *
     * @return true when no finding failed (not-evaluated ones do not fail a check)
     */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::failed);
    }

    /**
     * The findings that failed, in section order.
     *
     * @return the failed findings; empty when the check passed
     */
    public List<Finding> failures() {
        return findings.stream().filter(Finding::failed).toList();
    }

    /**
     * The readable report ({@link ReportText}) with only the rows that differ; with {@code failuresOnly} the
     * passing sections are left out.
     *
     * @param failuresOnly true to leave out the sections that passed (and those not evaluated)
     * @return the report, lines ending in a line feed
     */
    public String text(boolean failuresOnly) {
        return ReportText.render(this, failuresOnly, false);
    }

    /**
     * As {@link #text(boolean)}; with {@code allRows} a failing section shows its agreeing rows too.
     *
     * @param failuresOnly true to leave out the sections that passed (and those not evaluated)
     * @param allRows      true to show a failing section's agreeing rows too, not only those that differ
     * @return the report, lines ending in a line feed
     */
    public String text(boolean failuresOnly, boolean allRows) {
        return ReportText.render(this, failuresOnly, allRows);
    }

    /**
     * The report of one finding alone, as a JUnit failure's text shows it.
     *
     * @param f       a finding of this report
     * @param allRows true to show the agreeing rows too, not only those that differ
     * @return the finding's section of the report, under this report's column headings
     */
    public String text(Finding f, boolean allRows) {
        return ReportText.render(new CheckReport(mode, leftTitle, rightTitle, List.of(f)), true, allRows, false);
    }
}
