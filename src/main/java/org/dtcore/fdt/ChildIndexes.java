package org.dtcore.fdt;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A {@link ChildIndex} per parent, built when first asked, for one step of the overlay application in
 * which every child added goes through {@link #index}{@code .addFirst}: path look-ups repeated per
 * fragment or per symbol then cost one index each, not a walk of a wide node each time.
 */
final class ChildIndexes {
    private final Map<DraftNode, ChildIndex> byParent = new IdentityHashMap<>();

    ChildIndex index(DraftNode parent) {
        return byParent.computeIfAbsent(parent, ChildIndex::new);
    }

    /** fdt_subnode_offset: the child of {@code parent} that answers to {@code name}, or null. */
    DraftNode find(DraftNode parent, String name) {
        return index(parent).find(name);
    }
}
