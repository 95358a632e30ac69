package org.dtcore.layout;

import java.util.List;

/**
 * The findings of a check (expected against actual) or a diff (A against B), in section order.
 *
 * @param leftTitle  heading of the left column ("expected", or A's file name)
 * @param rightTitle heading of the right column ("actual", or B's file name)
 * @param findings   one per section or rule
 */
public record CheckReport(String leftTitle, String rightTitle, List<Finding> findings) {
    public CheckReport {
        findings = List.copyOf(findings);
    }

    /** True when no finding failed (not-evaluated ones do not fail a check). */
    public boolean passed() {
        return findings.stream().noneMatch(Finding::failed);
    }

    public List<Finding> failures() {
        return findings.stream().filter(Finding::failed).toList();
    }

    /** The readable report ({@link ReportText}); with {@code failuresOnly} the passing sections are left out. */
    public String text(boolean failuresOnly) {
        return ReportText.render(this, failuresOnly);
    }
}
