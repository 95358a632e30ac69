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
    public enum Outcome {
        /** the section matches, the rule holds; in a diff, the two sides are the same */
        PASS,
        /** the section differs, the rule is broken; in a diff, the two sides differ */
        FAIL,
        /** the section could not be checked (a crash section without a policy or an architecture) */
        NOT_EVALUATED
    }

    /**
     * Copies the rows.
     *
     * @param name    the section or rule name as the expectation file spells it ("ram", "rules.noRamBelow")
     * @param outcome passed, failed or not evaluated
     * @param summary one line: what was compared and what was found
     * @param rows    side-by-side rows (may be empty for a rule that needs none)
     */
    public Finding {
        rows = List.copyOf(rows);
    }

    /** A finding that passed when {@code ok}, else failed. */
    static Finding of(String name, boolean ok, String summary, List<DiffRow> rows) {
        return new Finding(name, ok ? Outcome.PASS : Outcome.FAIL, summary, rows);
    }

    /** A finding not evaluated, {@code why} its summary. */
    static Finding notEvaluated(String name, String why) {
        return new Finding(name, Outcome.NOT_EVALUATED, why, List.of());
    }

    /**
     * Whether this finding failed.
     *
     * @return true for {@link Outcome#FAIL} only (not evaluated is not a failure)
     */
    public boolean failed() {
        return outcome == Outcome.FAIL;
    }
}
