package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_OVERLAY;

import java.nio.ByteBuffer;
import java.util.function.LongUnaryOperator;
import org.dtcore.text.Numbers;

/**
 * The walk libfdt makes over an overlay's __local_fixups__ (overlay_update_local_node_references, and in
 * dtc 1.7 overlay_update_node_conflicting_references): each property of a fixup node lists the byte
 * offsets of phandle cells in the same-named property of the matching overlay node, and each subnode
 * leads to the matching overlay subnode. Every cell listed is rewritten in place by a function.
 * A fixup that names a missing node or property, has an odd length or an offset past the property is
 * FDT_ERR_BADOVERLAY (dtc 1.7 no longer checks the offset and writes past the property; refused here).
 */
final class LocalFixups {
    private final String overlayName;

    LocalFixups(String overlayName) {
        this.overlayName = overlayName;
    }

    /** Rewrites every cell the fixups under {@code fixup} list in {@code tree}'s subtree. */
    void rewrite(DraftNode tree, DraftNode fixup, LongUnaryOperator cell) {
        WorkingValues work = new WorkingValues();
        rewrite(tree, fixup, cell, work);
        work.flush();
    }

    private void rewrite(DraftNode tree, DraftNode fixup, LongUnaryOperator cell, WorkingValues work) {
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
            ByteBuffer b = ByteBuffer.wrap(value);
            for (int c = 0; c < offsets.capacity() / 4; c++) {
                long offset = Integer.toUnsignedLong(offsets.getInt(c * 4));
                if (offset + 4 > value.length) {
                    throw fail(f.path(), "offset " + Numbers.hex(offset) + " runs past the " + value.length + "-byte "
                            + FdtNode.childPath(tree.path, f.name()));
                }
                b.putInt((int) offset, (int) cell.applyAsLong(Integer.toUnsignedLong(b.getInt((int) offset))));
            }
        }
        for (DraftNode fixupChild : fixup.children()) {
            DraftNode treeChild = LibfdtLookup.subnode(tree, fixupChild.name);
            if (treeChild == null) {
                throw fail(fixupChild.path, "names node " + fixupChild.name + " that " + tree.path + " does not have");
            }
            rewrite(treeChild, fixupChild, cell, work);
        }
    }

    private FdtException fail(String path, String what) {
        return FdtException.inOverlay(BAD_OVERLAY, overlayName, path, what);
    }
}
