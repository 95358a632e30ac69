package org.dtcore.layout;

import java.util.List;
import java.util.Locale;
import org.dtcore.text.ByteSize;

/** Compares NUMA nodes (SPEC §3.6) by id: ranges and total where the expectation gives them. */
final class NumaCheck {
    private static final SectionComparison<ExpectedNumaNode, ExpectedNumaNode> NODES = new SectionComparison<>(
            NumaCheck::key, NumaCheck::text, NumaCheck::key, NumaCheck::text, NumaCheck::matches);

    private NumaCheck() {
    }

    static Finding compare(List<ExpectedNumaNode> expected, List<ExpectedNumaNode> actual, boolean exact) {
        return NODES.compare("numa", "node", expected, actual, exact);
    }

    private static boolean matches(ExpectedNumaNode e, ExpectedNumaNode a) {
        return (e.ranges() == null || e.ranges().equals(a.ranges()))
                && (e.total() == null || e.total().equals(a.total()));
    }

    private static String key(ExpectedNumaNode n) {
        return String.format(Locale.ROOT,"%010d", n.id());
    }

    private static String text(ExpectedNumaNode n) {
        return "node " + n.id() + ": " + (n.total() == null ? "*" : ByteSize.human(n.total()))
                + " in " + (n.ranges() == null ? "*" : RowText.ranges(n.ranges()));
    }
}
