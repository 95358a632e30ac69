package org.dtcore.fdt;

import java.nio.ByteBuffer;
import java.util.function.LongUnaryOperator;

import static org.dtcore.fdt.FdtException.Kind.BAD_OVERLAY;

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
        for (int i = 0; i < fixup.currentProperties().size(); i++) {
            FdtProperty f = fixup.currentProperties().get(i);
            if (f.length() % 4 != 0) {
                throw fail(f.path(), "is " + f.length() + " bytes, not a list of cells");
            }
            int at = tree.indexOf(f.name());
            if (at < 0) {
                throw fail(f.path(), "names property " + f.name() + " that " + tree.path + " does not have");
            }
            for (int c = 0; c < f.length() / 4; c++) {
                long offset = f.cell(c);
                byte[] value = tree.currentProperties().get(at).bytes();
                if (offset + 4 > value.length) {
                    throw fail(f.path(), String.format("offset 0x%x runs past the %d-byte %s", offset, value.length,
                            FdtNode.childPath(tree.path, f.name())));
                }
                ByteBuffer b = ByteBuffer.wrap(value);
                b.putInt((int) offset, (int) cell.applyAsLong(Integer.toUnsignedLong(b.getInt((int) offset))));
                tree.properties().set(at, FdtProperty.of(tree.path, f.name(), value));
            }
        }
        for (DraftNode fixupChild : fixup.children()) {
            DraftNode treeChild = LibfdtLookup.subnode(tree, fixupChild.name);
            if (treeChild == null) {
                throw fail(fixupChild.path, "names node " + fixupChild.name + " that " + tree.path + " does not have");
            }
            rewrite(treeChild, fixupChild, cell);
        }
    }

    private FdtException fail(String path, String what) {
        return FdtException.inOverlay(BAD_OVERLAY, overlayName, path, what);
    }
}
