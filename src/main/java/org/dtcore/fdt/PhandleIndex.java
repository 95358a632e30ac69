package org.dtcore.fdt;

import java.util.HashMap;
import java.util.Map;

/**
 * fdt_node_offset_by_phandle over an edited tree without its walk per question: the first node in
 * blob order with each phandle, rebuilt after the tree's phandles may have changed ({@link #stale}).
 * An overlay of many fragments that target phandles would otherwise cost fragments × nodes.
 */
final class PhandleIndex {
    private final DraftNode root;
    private Map<Long, DraftNode> first;

    PhandleIndex(DraftNode root) {
        this.root = root;
    }

    /** The first node, in blob order, whose phandle is {@code phandle}, or null. */
    DraftNode find(long phandle) {
        if (first == null) {
            first = new HashMap<>();
            for (DraftNode n : LibfdtLookup.preOrder(root)) {
                long p = LibfdtLookup.phandle(n);
                if (p != 0) {
                    first.putIfAbsent(p, n);
                }
            }
        }
        return first.get(phandle);
    }

    /** A phandle or linux,phandle property was set somewhere: ask the tree again next time. */
    void stale() {
        first = null;
    }
}
