package org.dtcore.layout;

import java.util.List;

/**
 * The outcome of one section or rule of a check or diff, with the rows that show why.
 *
 * @param name    the section or rule name as the expectation file spells it ("ram", "rules.noRamBelow")
 * @param outcome passed, failed or not evaluated
 * @param summary one line: what was compared and what was found
 * @param rows    side-by-side rows (may be empty for a rule that needs none)
 */
public record Finding(String name, Outcome outcome, String summary, List<DiffRow> rows) {

    /** Whether a finding holds. */
    public enum Outcome { PASS, FAIL, NOT_EVALUATED }

    public Finding {
        rows = List.copyOf(rows);
    }

    public static Finding of(String name, boolean ok, String summary, List<DiffRow> rows) {
        return new Finding(name, ok ? Outcome.PASS : Outcome.FAIL, summary, rows);
    }

    public static Finding notEvaluated(String name, String why) {
        return new Finding(name, Outcome.NOT_EVALUATED, why, List.of());
    }

    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
