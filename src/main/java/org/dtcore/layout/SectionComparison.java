package org.dtcore.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * Pairs an expected list with an actual one for a side-by-side finding: both sides sorted by a key
 * (a range's start, a node path), rows with equal keys paired and marked same or changed, the rest
 * shown on one side only. In exact mode every unpaired actual row is a difference; in subset mode
 * ("the board has at least these") it is context.
 *
 * @param <E> expected row type
 * @param <A> actual row type
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

    /** The finding {@code name} for the two lists; {@code noun} names one row ("range", "region"). */
    Finding compare(String name, String noun, List<E> expected, List<A> actual, boolean exact) {
        List<E> exp = new ArrayList<>(expected);
        exp.sort(Comparator.comparing(expectedKey));
        List<A> act = new ArrayList<>(actual);
        act.sort(Comparator.comparing(actualKey));
        List<DiffRow> rows = new ArrayList<>();
        int i = 0;
        int j = 0;
        int differences = 0;
        while (i < exp.size() || j < act.size()) {
            int c = i == exp.size() ? 1 : j == act.size() ? -1
                    : expectedKey.apply(exp.get(i)).compareTo(actualKey.apply(act.get(j)));
            DiffRow row;
            if (c == 0) {
                E e = exp.get(i++);
                A a = act.get(j++);
                row = matches.test(e, a) ? DiffRow.same(expectedText.apply(e), actualText.apply(a))
                        : DiffRow.changed(expectedText.apply(e), actualText.apply(a));
            } else if (c < 0) {
                row = new DiffRow(DiffRow.Mark.LEFT_ONLY, expectedText.apply(exp.get(i++)), "");
            } else {
                row = new DiffRow(exact ? DiffRow.Mark.RIGHT_ONLY : DiffRow.Mark.CONTEXT, "",
                        actualText.apply(act.get(j++)));
            }
            if (row.isDifference()) {
                differences++;
            }
            rows.add(row);
        }
        String summary = differences == 0
                ? (exact ? count(actual.size(), noun) + " as expected"
                        : "all " + count(expected.size(), "expected " + noun) + " present")
                : differences + " of " + rows.size() + " rows differ (" + count(expected.size(), noun) + " left, "
                        + actual.size() + " right)";
        return Finding.of(name, differences == 0, summary, rows);
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
