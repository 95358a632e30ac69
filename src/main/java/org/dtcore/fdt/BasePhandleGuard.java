package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.NOT_FOUND;

/**
 * dtc 1.7's overlay_prevent_phandle_overwrite (libfdt/fdt_overlay.c, 1.7.1 and later, run after the
 * fixups and before the merge): an overlay node that will be merged into a base node must not replace
 * the base node's phandle, or the base's own references to it would dangle.
 */
final class BasePhandleGuard {
    private final DraftNode overlay;
    private final DraftNode base;
    private final String name;
    private final PhandleIndex phandles; // the base is not changed here
    private final ChildIndexes children = new ChildIndexes();

    BasePhandleGuard(DraftNode overlayRoot, DraftNode baseRoot, String overlayName) {
        this.overlay = overlayRoot;
        this.base = baseRoot;
        this.name = overlayName;
        this.phandles = new PhandleIndex(baseRoot);
    }

    /**
     * dtc 1.7's overlay_prevent_phandle_overwrite: where an overlay node will be merged into a base node
     * and both have a phandle, the overlay node takes the base's (its phandle and linux,phandle, when
     * one cell) and the references __local_fixups__ lists that held the overlay's now hold the base's.
     * A fragment whose target is not in the base yet (an earlier fragment adds it) is skipped.
     */
    void run() {
        for (DraftNode fragment : overlay.children()) {
            DraftNode content = LibfdtLookup.subnode(fragment, "__overlay__");
            if (content == null) {
                continue;
            }
            FragmentTarget target = FragmentTarget.of(phandles, base, children, fragment);
            if (target.node() == null && target.error() == NOT_FOUND) {
                continue;
            }
            keepBasePhandles(target.require(name, fragment), content);
        }
    }

    private void keepBasePhandles(DraftNode baseNode, DraftNode overlayNode) {
        long basePhandle = LibfdtLookup.phandle(baseNode);
        long overlayPhandle = LibfdtLookup.phandle(overlayNode);
        if (basePhandle != 0 && overlayPhandle != 0) {
            for (String prop : new String[] {"phandle", "linux,phandle"}) {
                int at = overlayNode.indexOf(prop);
                if (at >= 0 && overlayNode.currentProperties().get(at).length() == 4) {
                    overlayNode.properties().set(at, FdtProperty.of(overlayNode.path, prop, PropertyValues.u32(basePhandle)));
                }
            }
            LibfdtLookup.Found fixups = LibfdtLookup.path(overlay, "/__local_fixups__");
            if (fixups.ok()) {
                new LocalFixups(name).rewrite(overlay, fixups.node(), v -> v == overlayPhandle ? basePhandle : v);
            }
        }
        for (DraftNode child : overlayNode.children()) {
            DraftNode baseChild = children.find(baseNode, child.name);
            if (baseChild != null) {
                keepBasePhandles(baseChild, child);
            }
        }
    }

}
