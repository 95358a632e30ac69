package org.dtcore.fdt;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * libfdt's fdt_subnode_offset over one node's children ({@link LibfdtLookup#subnode}: the first child
 * named exactly so, or — for a name without '@' — the first "name@unit") without a walk per question,
 * for a merge that adds many children to one node. Children added through {@link #addFirst} go first,
 * as fdt_add_subnode puts them.
 */
final class ChildIndex {
    private final DraftNode parent;
    private final Map<String, Ranked> exact = new HashMap<>();
    private final Map<String, Ranked> withUnit = new HashMap<>();
    private long nextFront = -1;

    private record Ranked(DraftNode node, long rank) {
    }

    ChildIndex(DraftNode parent) {
        this.parent = parent;
        List<DraftNode> children = parent.children();
        for (int i = 0; i < children.size(); i++) {
            note(children.get(i), i, false);
        }
    }

    /** The child fdt_subnode_offset finds for {@code name}, or null. */
    DraftNode find(String name) {
        Ranked e = exact.get(name);
        Ranked u = name.indexOf('@') >= 0 ? null : withUnit.get(name);
        if (e == null || (u != null && u.rank < e.rank)) {
            return u == null ? null : u.node;
        }
        return e.node;
    }

    /** fdt_add_subnode: a new empty child, first among the children. */
    DraftNode addFirst(String name) {
        DraftNode n = parent.addFirstChild(name);
        note(n, nextFront--, true);
        return n;
    }

    private void note(DraftNode child, long rank, boolean front) {
        Ranked r = new Ranked(child, rank);
        int at = child.name.indexOf('@');
        if (front) {
            exact.put(child.name, r);
            if (at >= 0) {
                withUnit.put(child.name.substring(0, at), r);
            }
        } else {
            exact.putIfAbsent(child.name, r);
            if (at >= 0) {
                withUnit.putIfAbsent(child.name.substring(0, at), r);
            }
        }
    }
}
