package org.dtcore.fdt;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * fdt_node_offset_by_phandle over an edited tree without its walk per question: the first node in blob
 * order with each phandle. Built once, then kept up to date node by node ({@link #changed}) as a merge
 * sets phandles: an overlay of many fragments that each target a node the one before added would
 * otherwise cost fragments × nodes. Two nodes with one phandle (a hostile tree) are kept in blob order,
 * which {@link DraftNode}'s parent, depth and sibling slots tell without a walk.
 */
final class PhandleIndex {
    /** Blob (pre-)order: an ancestor first, else the branch whose sibling slot is lower. */
    private static final Comparator<DraftNode> BLOB_ORDER = PhandleIndex::compare;

    private final DraftNode root;
    private Map<Long, DraftNode> only; // phandle -> the one node with it
    private final Map<Long, TreeSet<DraftNode>> shared = new HashMap<>(); // phandle -> nodes, 2 or more
    private final Map<DraftNode, Long> held = new IdentityHashMap<>(); // node -> the phandle indexed for it

    PhandleIndex(DraftNode root) {
        this.root = root;
    }

    /** The first node, in blob order, whose phandle is {@code phandle}, or null. */
    DraftNode find(long phandle) {
        build();
        DraftNode n = only.get(phandle);
        if (n != null) {
            return n;
        }
        TreeSet<DraftNode> s = shared.get(phandle);
        return s == null ? null : s.first();
    }

    /** {@code node}'s phandle or linux,phandle may have been set (or {@code node} is new): index it again. */
    void changed(DraftNode node) {
        if (only == null) {
            return; // not built yet: the build will see it
        }
        long now = LibfdtLookup.phandle(node);
        Long was = held.get(node);
        if (was != null && was == now) {
            return;
        }
        if (was != null) {
            remove(was, node);
            held.remove(node);
        }
        if (now != 0) {
            add(now, node);
            held.put(node, now);
        }
    }

    private void build() {
        if (only != null) {
            return;
        }
        only = new HashMap<>();
        for (DraftNode n : LibfdtLookup.preOrder(root)) {
            long p = LibfdtLookup.phandle(n);
            if (p != 0) {
                add(p, n);
                held.put(n, p);
            }
        }
    }

    private void add(long phandle, DraftNode node) {
        TreeSet<DraftNode> s = shared.get(phandle);
        if (s != null) {
            s.add(node);
            return;
        }
        DraftNode other = only.putIfAbsent(phandle, node);
        if (other != null) {
            s = new TreeSet<>(BLOB_ORDER);
            s.add(other);
            s.add(node);
            only.remove(phandle);
            shared.put(phandle, s);
        }
    }

    private void remove(long phandle, DraftNode node) {
        if (only.remove(phandle, node)) {
            return;
        }
        TreeSet<DraftNode> s = shared.get(phandle);
        if (s != null) {
            s.remove(node);
            if (s.size() == 1) {
                shared.remove(phandle);
                only.put(phandle, s.first());
            }
        }
    }

    /** Blob order of two nodes of one tree, from their chains of ancestors (as deep as the tree, no more). */
    static int compare(DraftNode a, DraftNode b) {
        if (a == b) {
            return 0;
        }
        List<DraftNode> as = chain(a);
        List<DraftNode> bs = chain(b);
        int i = 0;
        while (i < as.size() && i < bs.size() && as.get(i) == bs.get(i)) {
            i++;
        }
        if (i == as.size()) {
            return -1; // a is an ancestor of b
        }
        if (i == bs.size()) {
            return 1;
        }
        return Long.compare(as.get(i).slot(), bs.get(i).slot());
    }

    /** The root first, {@code n} last. */
    private static List<DraftNode> chain(DraftNode n) {
        List<DraftNode> out = new ArrayList<>(n.depth);
        for (DraftNode at = n; at != null; at = at.parent) {
            out.add(at);
        }
        Collections.reverse(out);
        return out;
    }
}
