package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.LIMIT;
import static org.dtcore.fdt.FdtException.Kind.NOT_FOUND;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * dtc 1.7's overlay_prevent_phandle_overwrite (libfdt/fdt_overlay.c, 1.7.1 and later, run after the
 * fixups and before the merge): an overlay node that will be merged into a base node must not replace
 * the base node's phandle, or the base's own references to it would dangle.
 *
 * <p>libfdt walks every __local_fixups__ cell once per such node (overlay_update_local_conflicting_references):
 * nodes × cells. Here the cells are listed once and filed by the value they hold, so each node's pass
 * touches only the cells that hold its phandle, and a cell moved from one value to another joins the
 * larger list: O(cells · log cells) in all, with libfdt's result. Where the fixups list cells whose rewriting
 * would change the walk itself (a cell inside __local_fixups__, inside a phandle property, or two
 * overlapping cells), libfdt's passes are replayed one by one, up to a bound on the cells visited.
 */
final class BasePhandleGuard {
    /** Cells visited by replayed passes (each pass visits every cell) before the overlay is refused. */
    static final long REPLAY_BUDGET = 1L << 24;

    private final DraftNode overlay;
    private final DraftNode base;
    private final String name;
    private final PhandleIndex phandles; // the base is not changed here
    private final ChildIndexes children; // the base's
    private final ChildIndexes overlayChildren;
    private Rewrites rewrites;

    BasePhandleGuard(DraftNode overlayRoot, DraftNode baseRoot, String overlayName, PhandleIndex basePhandles,
                     ChildIndexes baseChildren, ChildIndexes overlayChildren) {
        this.overlay = overlayRoot;
        this.base = baseRoot;
        this.name = overlayName;
        this.phandles = basePhandles;
        this.children = baseChildren;
        this.overlayChildren = overlayChildren;
    }

    /**
     * dtc 1.7's overlay_prevent_phandle_overwrite: where an overlay node will be merged into a base node
     * and both have a phandle, the overlay node takes the base's (its phandle and linux,phandle, when
     * one cell) and the references __local_fixups__ lists that held the overlay's now hold the base's.
     * A fragment whose target is not in the base yet (an earlier fragment adds it) is skipped.
     */
    void run() {
        try {
            for (DraftNode fragment : overlay.children()) {
                DraftNode content = overlayChildren.find(fragment, "__overlay__");
                if (content == null) {
                    continue;
                }
                FragmentTarget target = FragmentTarget.of(phandles, base, children, fragment);
                if (target.node() == null && target.error() == NOT_FOUND) {
                    continue;
                }
                keepBasePhandles(target.require(name, fragment), content);
            }
        } finally {
            if (rewrites != null) {
                rewrites.work.flush();
            }
        }
    }

    // overlay_prevent_phandle_overwrite_node, depth first without recursion (as deep as both trees go)
    private void keepBasePhandles(DraftNode baseTop, DraftNode overlayTop) {
        List<DraftNode[]> todo = new ArrayList<>();
        todo.add(new DraftNode[] {baseTop, overlayTop});
        while (!todo.isEmpty()) {
            DraftNode[] pair = todo.remove(todo.size() - 1);
            DraftNode baseNode = pair[0];
            DraftNode overlayNode = pair[1];
            long basePhandle = LibfdtLookup.phandle(baseNode);
            long overlayPhandle = LibfdtLookup.phandle(overlayNode);
            if (basePhandle != 0 && overlayPhandle != 0) {
                for (String prop : new String[] {"phandle", "linux,phandle"}) {
                    int at = overlayNode.indexOf(prop);
                    if (at >= 0 && overlayNode.currentProperties().get(at).length() == 4) {
                        overlayNode.setProperty(at, FdtProperty.of(overlayNode.path, prop,
                                PropertyValues.u32(basePhandle)));
                    }
                }
                LibfdtLookup.Found fixups = LibfdtLookup.path(overlay, "/__local_fixups__", overlayChildren);
                if (fixups.ok()) {
                    rewrites(fixups.node()).replace(overlayPhandle, basePhandle);
                }
            }
            List<DraftNode[]> next = new ArrayList<>();
            for (DraftNode child : overlayNode.children()) {
                DraftNode baseChild = children.find(baseNode, child.name);
                if (baseChild != null) {
                    next.add(new DraftNode[] {baseChild, child});
                }
            }
            for (int k = next.size() - 1; k >= 0; k--) {
                todo.add(next.get(k));
            }
        }
    }

    private Rewrites rewrites(DraftNode fixups) {
        if (rewrites == null) {
            rewrites = new Rewrites(fixups);
        }
        return rewrites;
    }

    /** The cells __local_fixups__ lists, filed by the value each holds. */
    private final class Rewrites {
        final WorkingValues work = new WorkingValues();
        private final DraftNode fixups;
        private final Map<Long, List<LocalFixups.Cell>> byValue = new HashMap<>();
        private final boolean replay;
        private long visited;

        Rewrites(DraftNode fixups) {
            this.fixups = fixups;
            List<LocalFixups.Cell> cells = new LocalFixups(name, overlayChildren).cells(overlay, fixups, work);
            replay = tangled(cells);
            if (replay) {
                work.flush(); // nothing written: each replayed pass keeps its own working copies
            } else {
                for (LocalFixups.Cell c : cells) {
                    byValue.computeIfAbsent(read(c), v -> new ArrayList<>()).add(c);
                }
            }
        }

        /** One of libfdt's passes: every listed cell that holds {@code from} now holds {@code to}. */
        void replace(long from, long to) {
            if (replay) {
                if (visited > REPLAY_BUDGET) {
                    throw FdtException.inOverlay(LIMIT, name, fixups.path, "the local fixups list cells that"
                            + " their own rewriting moves (inside __local_fixups__, a phandle, or overlapping),"
                            + " so each merged node's phandle needs a pass over all of them: more than "
                            + REPLAY_BUDGET + " cells in all");
                }
                visited += new LocalFixups(name, overlayChildren).rewrite(overlay, fixups, v -> v == from ? to : v);
                return;
            }
            List<LocalFixups.Cell> moved = byValue.remove(from);
            if (moved == null || from == to) {
                if (moved != null) {
                    byValue.put(from, moved);
                }
                return;
            }
            for (LocalFixups.Cell c : moved) {
                ByteBuffer.wrap(work.of(c.node(), c.index())).putInt(c.offset(), (int) to);
            }
            List<LocalFixups.Cell> into = byValue.get(to);
            if (into == null) {
                byValue.put(to, moved);
            } else if (into.size() >= moved.size()) {
                into.addAll(moved);
            } else {
                moved.addAll(into);
                byValue.put(to, moved);
            }
        }

        private long read(LocalFixups.Cell c) {
            return Integer.toUnsignedLong(ByteBuffer.wrap(work.of(c.node(), c.index())).getInt(c.offset()));
        }
    }

    /**
     * True when rewriting a cell could change what a later pass reads other than through the cells
     * themselves: a cell in a node of __local_fixups__ (an offset list), in a phandle property (which the
     * guard reads and sets), or overlapping another cell.
     */
    private boolean tangled(List<LocalFixups.Cell> cells) {
        Set<DraftNode> fixupNodes = Collections.newSetFromMap(new IdentityHashMap<>());
        LibfdtLookup.Found f = LibfdtLookup.path(overlay, "/__local_fixups__", overlayChildren);
        if (f.ok()) {
            fixupNodes.addAll(LibfdtLookup.preOrder(f.node()));
        }
        Map<DraftNode, Map<Integer, Set<Integer>>> offsets = new IdentityHashMap<>();
        for (LocalFixups.Cell c : cells) {
            if (fixupNodes.contains(c.node())) {
                return true;
            }
            String prop = c.node().currentProperties().get(c.index()).name();
            if (prop.equals("phandle") || prop.equals("linux,phandle")) {
                return true;
            }
            offsets.computeIfAbsent(c.node(), n -> new HashMap<>()).computeIfAbsent(c.index(), i -> new HashSet<>())
                    .add(c.offset());
        }
        for (Map<Integer, Set<Integer>> byIndex : offsets.values()) {
            for (Set<Integer> set : byIndex.values()) {
                for (int o : set) {
                    for (int d = 1; d < 4; d++) {
                        if (set.contains(o + d)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }
}
