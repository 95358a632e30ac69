package org.dtcore.fdt;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * A {@link ChildIndex} per parent, built when first asked, for one step of the overlay application in
 * which every child added goes through {@link #index}{@code .addFirst}: path look-ups repeated per
 * fragment or per symbol then cost one index each, not a walk of a wide node each time. Aliases read
 * on the way are kept too, each in the short form {@link LibfdtLookup#aliasPath} gives it.
 */
final class ChildIndexes {
    private static final int SEARCHED = 8;
    private final Map<DraftNode, ChildIndex> byParent = new IdentityHashMap<>();
    // by property object: a property set again is a new object, so a changed alias is read again
    private final Map<FdtProperty, String> aliases = new IdentityHashMap<>();

    ChildIndex index(DraftNode parent) {
        return byParent.computeIfAbsent(parent, ChildIndex::new);
    }

    /**
     * fdt_subnode_offset: the child of {@code parent} that answers to {@code name}, or null. A parent with
     * a few children and no index yet is searched (most fragments have one child, __overlay__: an index
     * each would cost more than it saves).
     */
    DraftNode find(DraftNode parent, String name) {
        ChildIndex index = byParent.get(parent);
        if (index == null && parent.children().size() <= SEARCHED) {
            return LibfdtLookup.subnode(parent, name);
        }
        return index != null ? index.find(name) : index(parent).find(name);
    }

    /** {@link LibfdtLookup#aliasPath} of {@code alias}, worked out once. */
    String aliasPath(FdtProperty alias) {
        return aliases.computeIfAbsent(alias, LibfdtLookup::aliasPath);
    }
}
