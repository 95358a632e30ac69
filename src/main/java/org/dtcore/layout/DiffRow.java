package org.dtcore.layout;

/**
 * One row of a side-by-side report: what the left side (expected, or A) says and what the right side
 * (actual, or B) says; an empty string where a side has nothing.
 *
 * @param mark  how the two sides relate
 * @param left  the left text
 * @param right the right text
 */
public record DiffRow(Mark mark, String left, String right) {

    /** How a row's two sides relate; {@link #symbol()} is the column reports print before the row. */
    public enum Mark {
        /** both sides agree */
        SAME(' '),
        /** both sides name the same thing and disagree about it */
        CHANGED('!'),
        /** only the left side has it (expected but missing; only in A) */
        LEFT_ONLY('<'),
        /** only the right side has it (not expected; only in B) */
        RIGHT_ONLY('>'),
        /** shown for context, not a difference (an actual row no subset check asked about) */
        CONTEXT('.');

        private final char symbol;

        Mark(char symbol) {
            this.symbol = symbol;
        }

        /**
         * The mark as reports print it before a row.
         *
         * @return ' ' same, '!' changed, '&lt;' left only, '&gt;' right only, '.' context
         */
        public char symbol() {
            return symbol;
        }
    }

    /** A row whose sides agree. */
    static DiffRow same(String left, String right) {
        return new DiffRow(Mark.SAME, left, right);
    }

    /** A row whose sides name the same thing and disagree about it. */
    static DiffRow changed(String left, String right) {
        return new DiffRow(Mark.CHANGED, left, right);
    }

    /**
     * Whether the row shows a difference: changed, or on one side only.
     *
     * @return false for rows that agree and rows shown for context
     */
    public boolean isDifference() {
        return mark == Mark.CHANGED || mark == Mark.LEFT_ONLY || mark == Mark.RIGHT_ONLY;
    }
}
