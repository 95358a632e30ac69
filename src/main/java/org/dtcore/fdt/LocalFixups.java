package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_OVERLAY;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;
import org.dtcore.text.Numbers;

/**
 * The walk libfdt makes over an overlay's __local_fixups__ (overlay_update_local_node_references, and in
 * dtc 1.7 overlay_update_node_conflicting_references): each property of a fixup node lists the byte
 * offsets of phandle cells in the same-named property of the matching overlay node, and each subnode
 * leads to the matching overlay subnode. Every cell listed is rewritten in place by a function, or
 * listed ({@link #cells}) for a caller that rewrites them many times.
 * A fixup that names a missing node or property, has an odd length or an offset past the property is
 * FDT_ERR_BADOVERLAY (dtc 1.7 no longer checks the offset and writes past the property; refused here).
 */
final class LocalFixups {
    /** One phandle cell a fixup lists: property {@code index} of {@code node}, at byte {@code offset}. */
    record Cell(DraftNode node, int index, int offset) {
    }

    private final String overlayName;
    private final ChildIndexes overlayChildren;

    /** Fixups of the overlay called {@code overlayName}, whose nodes {@code overlayChildren} answers for. */
    LocalFixups(String overlayName, ChildIndexes overlayChildren) {
        this.overlayName = overlayName;
        this.overlayChildren = overlayChildren;
    }

    /**
     * Rewrites every cell the fixups under {@code fixup} list in {@code tree}'s subtree; returns the
     * walk's length (fixup nodes, properties and cells visited).
     */
    long rewrite(DraftNode tree, DraftNode fixup, LongUnaryOperator cell) {
        WorkingValues work = new WorkingValues();
        long steps = walk(tree, fixup, work, (node, index, offset, value) -> {
            ByteBuffer b = ByteBuffer.wrap(value);
            b.putInt(offset, (int) cell.applyAsLong(Integer.toUnsignedLong(b.getInt(offset))));
        });
        work.flush();
        return steps;
    }

    /**
     * Every cell the fixups list, in libfdt's order, read through {@code work} (whose values the caller
     * then writes and flushes).
     */
    List<Cell> cells(DraftNode tree, DraftNode fixup, WorkingValues work) {
        List<Cell> out = new ArrayList<>();
        walk(tree, fixup, work, (node, index, offset, value) -> out.add(new Cell(node, index, offset)));
        return out;
    }

    /** What the walk does with each cell. */
    private interface Visit {
        void cell(DraftNode node, int index, int offset, byte[] value);
    }

    /** A fixup node being walked, and the next of its subnodes to walk. */
    private static final class Frame {
        final DraftNode tree;
        final DraftNode fixup;
        int nextChild;

        Frame(DraftNode tree, DraftNode fixup) {
            this.tree = tree;
            this.fixup = fixup;
        }
    }

    // Depth first as libfdt recurses (each subnode to its end before the next is looked up), without
    // recursion: the fixup tree can be as deep as the overlay.
    private long walk(DraftNode treeRoot, DraftNode fixupRoot, WorkingValues work, Visit visit) {
        List<Frame> stack = new ArrayList<>();
        long[] steps = {0};
        Visit counted = (node, index, offset, value) -> {
            steps[0]++;
            visit.cell(node, index, offset, value);
        };
        stack.add(enter(new Frame(treeRoot, fixupRoot), work, counted));
        steps[0] += fixupRoot.currentProperties().size();
        while (!stack.isEmpty()) {
            steps[0]++;
            Frame top = stack.get(stack.size() - 1);
            List<DraftNode> kids = top.fixup.children();
            if (top.nextChild == kids.size()) {
                stack.remove(stack.size() - 1);
                continue;
            }
            DraftNode fixupChild = kids.get(top.nextChild++);
            DraftNode treeChild = overlayChildren.find(top.tree, fixupChild.name);
            if (treeChild == null) {
                throw fail(fixupChild.path, "names node " + fixupChild.name + " that " + top.tree.path
                        + " does not have");
            }
            stack.add(enter(new Frame(treeChild, fixupChild), work, counted));
            steps[0] += fixupChild.currentProperties().size();
        }
        return steps[0];
    }

    /** The cells one fixup node lists, each handed to {@code visit}. */
    private Frame enter(Frame frame, WorkingValues work, Visit visit) {
        DraftNode tree = frame.tree;
        DraftNode fixup = frame.fixup;
        for (int i = 0; i < fixup.currentProperties().size(); i++) {
            FdtProperty f = fixup.currentProperties().get(i);
            // read through the working copies: an earlier write may have changed this fixup (libfdt
            // writes in place, so it would see the change)
            ByteBuffer offsets = ByteBuffer.wrap(work.of(fixup, i));
            if (offsets.capacity() % 4 != 0) {
                throw fail(f.path(), "is " + offsets.capacity() + " bytes, not a list of cells");
            }
            int at = tree.indexOf(f.name());
            if (at < 0) {
                throw fail(f.path(), "names property " + f.name() + " that " + tree.path + " does not have");
            }
            byte[] value = work.of(tree, at);
            for (int c = 0; c < offsets.capacity() / 4; c++) {
                long offset = Integer.toUnsignedLong(offsets.getInt(c * 4));
                if (offset + 4 > value.length) {
                    throw fail(f.path(), "offset " + Numbers.hex(offset) + " runs past the " + value.length + "-byte "
                            + FdtNode.childPath(tree.path, f.name()));
                }
                visit.cell(tree, at, (int) offset, value);
            }
        }
        return frame;
    }

    private FdtException fail(String path, String what) {
        return FdtException.inOverlay(BAD_OVERLAY, overlayName, path, what);
    }
}
