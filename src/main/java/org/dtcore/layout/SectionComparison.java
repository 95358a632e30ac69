package org.dtcore.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Pairs a left list with a right one for a side-by-side finding: both sides sorted by a key (a range's
 * start, a node path), rows with equal keys paired and marked same or changed, the rest shown on one side
 * only. In exact mode every unpaired right row is a difference; in subset mode ("the board has at least
 * these") it is context. The summary counts what differs in the words of the report's
 * {@link CheckReport.Mode}: a check's "2 regions differ, 1 missing; 6 expected, 5 found", a diff's
 * "1 chunk changed; 1 in A, 1 in B".
 *
 * @param <E> left (expected, or A) row type
 * @param <A> right (actual, or B) row type
 */
final class SectionComparison<E, A> {
    private final Function<E, String> expectedKey;
    private final Function<E, String> expectedText;
    private final Function<A, String> actualKey;
    private final Function<A, String> actualText;
    private final BiPredicate<E, A> matches;

    SectionComparison(Function<E, String> expectedKey, Function<E, String> expectedText,
                      Function<A, String> actualKey, Function<A, String> actualText, BiPredicate<E, A> matches) {
        this.expectedKey = expectedKey;
        this.expectedText = expectedText;
        this.actualKey = actualKey;
        this.actualText = actualText;
        this.matches = matches;
    }

    /** A check's finding {@code name} for the two lists; {@code noun} names one row ("range", "region"). */
    Finding compare(String name, String noun, List<E> expected, List<A> actual, boolean exact) {
        return compare(CheckReport.Mode.CHECK, name, noun, expected, actual, exact);
    }

    /** The finding {@code name} for the two lists, its summary in the words of {@code mode}. */
    Finding compare(CheckReport.Mode mode, String name, String noun, List<E> expected, List<A> actual,
                    boolean exact) {
        List<E> exp = new ArrayList<>(expected);
        exp.sort(Comparator.comparing(expectedKey));
        List<A> act = new ArrayList<>(actual);
        act.sort(Comparator.comparing(actualKey));
        List<DiffRow> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        int changed = 0;
        int leftOnly = 0;
        int rightOnly = 0;
        while (i < exp.size() || j < act.size()) {
            int c = i == exp.size() ? 1 : j == act.size() ? -1
                    : expectedKey.apply(exp.get(i)).compareTo(actualKey.apply(act.get(j)));
            if (c == 0) {
                E e = exp.get(i++);
                A a = act.get(j++);
                boolean same = matches.test(e, a);
                changed += same ? 0 : 1;
                rows.add(same ? DiffRow.same(expectedText.apply(e), actualText.apply(a))
                        : DiffRow.changed(expectedText.apply(e), actualText.apply(a)));
            } else if (c < 0) {
                leftOnly++;
                rows.add(new DiffRow(DiffRow.Mark.LEFT_ONLY, expectedText.apply(exp.get(i++)), ""));
            } else {
                rightOnly += exact ? 1 : 0;
                rows.add(new DiffRow(exact ? DiffRow.Mark.RIGHT_ONLY : DiffRow.Mark.CONTEXT, "",
                        actualText.apply(act.get(j++))));
            }
        }
        boolean ok = changed + leftOnly + rightOnly == 0;
        return Finding.of(name, ok, summary(mode, noun, ok, exact, changed, leftOnly, rightOnly, expected.size(),
                actual.size()), rows);
    }

    private static String summary(CheckReport.Mode mode, String noun, boolean ok, boolean exact, int changed,
                                  int leftOnly, int rightOnly, int left, int right) {
        boolean check = mode == CheckReport.Mode.CHECK;
        if (ok) {
            return !check ? count(left, noun) + ", the same in A and B"
                    : exact ? count(right, noun) + " as expected"
                    : "all " + count(left, "expected " + noun) + " present";
        }
        List<String> parts = new ArrayList<>();
        int first = changed > 0 ? changed : leftOnly > 0 ? leftOnly : rightOnly;
        String firstNoun = first == 1 ? noun : noun + "s";
        if (changed > 0) {
            parts.add(check ? changed + " " + firstNoun + (changed == 1 ? " differs" : " differ")
                    : changed + " " + firstNoun + " changed");
        }
        if (leftOnly > 0) {
            parts.add((parts.isEmpty() ? leftOnly + " " + firstNoun : Integer.toString(leftOnly))
                    + (check ? " missing" : " only in A"));
        }
        if (rightOnly > 0) {
            parts.add((parts.isEmpty() ? rightOnly + " " + firstNoun : Integer.toString(rightOnly))
                    + (check ? " unexpected" : " only in B"));
        }
        return String.join(", ", parts) + "; " + (check
                ? left + " expected, " + right + " found"
                : left + " in A, " + right + " in B");
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
