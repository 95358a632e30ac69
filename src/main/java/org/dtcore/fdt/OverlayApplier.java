package org.dtcore.fdt;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.dtcore.fdt.FdtException.Kind.BAD_OVERLAY;
import static org.dtcore.fdt.FdtException.Kind.BAD_VALUE;

/**
 * Applies a device-tree overlay (a {@code .dtbo} built with {@code dtc -@}) to a base tree exactly as
 * libfdt's fdt_overlay_apply does it (libfdt/fdt_overlay.c of dtc 1.6.1 or of 1.7, {@link LibfdtVersion}),
 * and so as that version's {@code fdtoverlay} does:
 * <ol>
 * <li>the overlay's phandles are renumbered past the base's highest, and the references its
 *     __local_fixups__ lists follow them ({@link OverlayPhandles});</li>
 * <li>each __fixups__ entry gets the phandle of the base node its label names in the base's
 *     __symbols__;</li>
 * <li>each root child with an __overlay__ subnode is a fragment: its {@code target} (a phandle) or
 *     {@code target-path} (a path or alias) names a base node, and __overlay__ is merged into it —
 *     each property set (an existing one keeps its place, a new one goes first, as fdt_setprop puts
 *     it), each subnode merged into the first child that answers to its name or added first among
 *     the children (fdt_add_subnode);</li>
 * <li>the overlay's __symbols__ that point into a fragment's __overlay__ are added to the base's
 *     __symbols__ (created first among the root's children when missing), rewritten to the target's
 *     path.</li>
 * </ol>
 * An overlay that libfdt refuses is an {@link FdtException} with libfdt's kind, naming the overlay and
 * the node at fault; the base is never half-applied. {@link LibfdtVersion} chooses between dtc 1.6's
 * libfdt and 1.7's, which (before the merge) keeps a base node's phandle when an overlay node merged
 * into it brings its own.
 */
public final class OverlayApplier {
    private static final byte[] OVERLAY_SLASH = "/__overlay__/".getBytes(StandardCharsets.US_ASCII);

    private OverlayApplier() {
    }

    /** {@code base} with {@code overlay} applied as libfdt 1.7 does; {@code overlayName} names it in errors. */
    public static DeviceTree apply(DeviceTree base, DeviceTree overlay, String overlayName) {
        return apply(base, overlay, overlayName, LibfdtVersion.DTC_1_7);
    }

    /** {@code base} with {@code overlay} applied as {@code version}'s libfdt does. */
    public static DeviceTree apply(DeviceTree base, DeviceTree overlay, String overlayName, LibfdtVersion version) {
        TreeEditor baseEdit = base.edit(TreeEditor.Placement.LIBFDT);
        DraftNode baseRoot = baseEdit.draftRoot();
        DraftNode ovRoot = overlay.edit(TreeEditor.Placement.LIBFDT).draftRoot();
        OverlayPhandles phandles = new OverlayPhandles(ovRoot, baseRoot, overlayName, version);
        long delta = OverlayPhandles.maxPhandle(baseRoot);
        phandles.renumber(delta);
        phandles.shiftLocalReferences(delta);
        phandles.resolveFixups();
        if (version == LibfdtVersion.DTC_1_7) {
            new BasePhandleGuard(ovRoot, baseRoot, overlayName).run();
        }
        new OverlayApplier.Merge(baseRoot, ovRoot, overlayName).run();
        return baseEdit.build();
    }

    /** overlay_merge and overlay_symbol_update over one base and one prepared overlay. */
    private static final class Merge {
        private final DraftNode base;
        private final DraftNode overlay;
        private final String name;
        private final PhandleIndex phandles;
        private final ChildIndexes children = new ChildIndexes();

        Merge(DraftNode base, DraftNode overlay, String name) {
            this.base = base;
            this.overlay = overlay;
            this.name = name;
            this.phandles = new PhandleIndex(base);
        }

        void run() {
            for (DraftNode fragment : overlay.children()) {
                DraftNode content = LibfdtLookup.subnode(fragment, "__overlay__");
                if (content != null) {
                    merge(FragmentTarget.of(phandles, base, children, fragment).require(name, fragment), content);
                }
            }
            symbols();
        }

        /** overlay_apply_node. */
        private void merge(DraftNode into, DraftNode from) {
            for (FdtProperty p : from.currentProperties()) {
                into.setFirst(p.name(), p.bytes());
                if (p.name().equals("phandle") || p.name().equals("linux,phandle")) {
                    phandles.stale(); // a later fragment may target this node by it
                }
            }
            if (from.children().isEmpty()) {
                return;
            }
            // one index per base node for the whole merge: many added children, or many fragments adding
            // to one node, must not cost a walk of its children each (all additions go through it)
            ChildIndex index = children.index(into);
            for (DraftNode child : from.children()) {
                DraftNode existing = index.find(child.name);
                if (existing == null) {
                    existing = index.addFirst(child.name);
                }
                merge(existing, child);
            }
        }

        /** overlay_symbol_update. */
        private void symbols() {
            DraftNode ovSymbols = LibfdtLookup.subnode(overlay, "__symbols__");
            if (ovSymbols == null) {
                return;
            }
            DraftNode symbols = children.find(base, "__symbols__");
            if (symbols == null) {
                symbols = children.index(base).addFirst("__symbols__");
            }
            for (FdtProperty p : ovSymbols.currentProperties()) {
                byte[] v = p.bytes();
                int n = v.length;
                if (n < 1 || firstNul(v) != n - 1 || v[0] != '/') {
                    throw fail(BAD_VALUE, p.path(), "is not one absolute path string");
                }
                int s = indexOf(v, (byte) '/', 1);
                if (s < 0) {
                    continue; // a symbol outside any fragment does not reach the base
                }
                int tail = n - s;
                String rel;
                if (tail > OVERLAY_SLASH.length && startsWith(v, s, OVERLAY_SLASH, OVERLAY_SLASH.length)) {
                    rel = new String(v, s + OVERLAY_SLASH.length, n - 1 - s - OVERLAY_SLASH.length,
                            StandardCharsets.UTF_8);
                } else if (tail == OVERLAY_SLASH.length && startsWith(v, s, OVERLAY_SLASH, OVERLAY_SLASH.length - 1)) {
                    rel = "";
                } else {
                    continue;
                }
                String fragmentName = new String(v, 1, s - 1, StandardCharsets.UTF_8);
                DraftNode fragment = LibfdtLookup.subnode(overlay, fragmentName);
                if (fragment == null || LibfdtLookup.subnode(fragment, "__overlay__") == null) {
                    throw fail(BAD_OVERLAY, p.path(), "names fragment " + fragmentName
                            + ", which has no __overlay__");
                }
                FragmentTarget t = FragmentTarget.of(phandles, base, children, fragment);
                t.require(name, fragment);
                String targetPath = t.path() != null ? t.path() : t.node().path;
                String value = (targetPath.getBytes(StandardCharsets.UTF_8).length > 1 ? targetPath : "") + "/" + rel;
                symbols.setFirst(p.name(), PropertyValues.string(value));
            }
        }

        private FdtException fail(FdtException.Kind kind, String path, String what) {
            return FdtException.inOverlay(kind, name, path, what);
        }
    }

    private static int firstNul(byte[] v) {
        return indexOf(v, (byte) 0, 0);
    }

    private static int indexOf(byte[] v, byte b, int from) {
        for (int i = from; i < v.length; i++) {
            if (v[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] v, int at, byte[] prefix, int length) {
        return at + length <= v.length && Arrays.equals(v, at, at + length, prefix, 0, length);
    }
}
