package org.dtcore.fdt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * A base tree with an overlay applied as libfdt 1.7 does, within {@link FdtLimits#DEFAULT}.
     *
     * @param base        the tree to apply it to; unchanged
     * @param overlay     the overlay, as parsed from its {@code .dtbo}
     * @param overlayName the overlay's name in errors (its file name)
     * @return the merged tree
     * @throws FdtException with libfdt's kind when libfdt would refuse the overlay, naming it and the node
     *                      at fault
     */
    public static DeviceTree apply(DeviceTree base, DeviceTree overlay, String overlayName) {
        return apply(base, overlay, overlayName, LibfdtVersion.DTC_1_7);
    }

    /**
     * A base tree with an overlay applied as one libfdt does, within {@link FdtLimits#DEFAULT}.
     *
     * @param base        the tree to apply it to; unchanged
     * @param overlay     the overlay, as parsed from its {@code .dtbo}
     * @param overlayName the overlay's name in errors (its file name)
     * @param version     whose fdt_overlay_apply to follow
     * @return the merged tree
     * @throws FdtException with libfdt's kind when that libfdt would refuse the overlay, naming it and the
     *                      node at fault
     */
    public static DeviceTree apply(DeviceTree base, DeviceTree overlay, String overlayName, LibfdtVersion version) {
        return apply(base, overlay, overlayName, version, FdtLimits.DEFAULT);
    }

    /**
     * {@code base} with {@code overlay} applied as {@code version}'s libfdt does. The merged tree is held to
     * {@code limits} as it grows ({@link TreeSize}): an overlay that would build a tree the blob reader
     * refuses with those limits is refused ({@link FdtException.Kind#LIMIT}), naming the overlay node that
     * would pass one.
     *
     * @param base        the tree to apply it to; unchanged
     * @param overlay     the overlay, as parsed from its {@code .dtbo}
     * @param overlayName the overlay's name in errors (its file name)
     * @param version     whose fdt_overlay_apply to follow
     * @param limits      the bounds the merged tree must keep
     * @return the merged tree
     * @throws FdtException with libfdt's kind when that libfdt would refuse the overlay, or
     *                      {@link FdtException.Kind#LIMIT}; naming the overlay and the node at fault
     */
    public static DeviceTree apply(DeviceTree base, DeviceTree overlay, String overlayName, LibfdtVersion version,
                                   FdtLimits limits) {
        return applyTracked(base, overlay, overlayName, version, limits).tree();
    }

    /**
     * The merged tree, and what the overlay put in it: the paths of the nodes it added and of the
     * properties it set (new or replaced), so a later error in one can name the overlay.
     *
     * @param tree          the merged tree
     * @param addedNodes    the paths of the nodes the overlay added to the base
     * @param setProperties the paths ({@code node/property}) of the properties the overlay set, new or replaced
     */
    public record Result(DeviceTree tree, Set<String> addedNodes, Set<String> setProperties) {
        /**
         * Keeps unmodifiable copies of the paths.
         *
         * @param tree          the merged tree
         * @param addedNodes    the paths of the nodes the overlay added
         * @param setProperties the paths of the properties the overlay set
         */
        public Result {
            addedNodes = Set.copyOf(addedNodes);
            setProperties = Set.copyOf(setProperties);
        }
    }

    /**
     * As {@link #apply(DeviceTree, DeviceTree, String, LibfdtVersion, FdtLimits)}, saying what it changed.
     *
     * @param base        the tree to apply it to; unchanged
     * @param overlay     the overlay, as parsed from its {@code .dtbo}
     * @param overlayName the overlay's name in errors (its file name)
     * @param version     whose fdt_overlay_apply to follow
     * @param limits      the bounds the merged tree must keep
     * @return the merged tree and the paths the overlay added or set
     * @throws FdtException as {@link #apply(DeviceTree, DeviceTree, String, LibfdtVersion, FdtLimits)} does
     */
    public static Result applyTracked(DeviceTree base, DeviceTree overlay, String overlayName, LibfdtVersion version,
                                      FdtLimits limits) {
        TreeSize size = TreeSize.of(base, overlay.root(), limits, overlayName);
        TreeEditor baseEdit = base.edit(TreeEditor.Placement.LIBFDT);
        DraftNode baseRoot = baseEdit.draftRoot();
        DraftNode ovRoot = overlay.edit(TreeEditor.Placement.LIBFDT).draftRoot();
        // the overlay's nodes never change (only values do), nor do the base's before the merge
        ChildIndexes overlayChildren = new ChildIndexes();
        ChildIndexes baseChildren = new ChildIndexes();
        PhandleIndex basePhandles = new PhandleIndex(baseRoot);
        OverlayPhandles phandles = new OverlayPhandles(ovRoot, baseRoot, overlayName, version, baseChildren,
                overlayChildren);
        long delta = OverlayPhandles.maxPhandle(baseRoot);
        phandles.renumber(delta);
        phandles.shiftLocalReferences(delta);
        phandles.resolveFixups();
        if (version == LibfdtVersion.DTC_1_7) {
            new BasePhandleGuard(ovRoot, baseRoot, overlayName, basePhandles, baseChildren, overlayChildren).run();
        }
        Merge merge = new OverlayApplier.Merge(baseRoot, ovRoot, overlayName, basePhandles, overlayChildren, size);
        merge.run();
        size.finish("/");
        return new Result(baseEdit.build(), merge.added, merge.set);
    }

    /** overlay_merge and overlay_symbol_update over one base and one prepared overlay. */
    private static final class Merge {
        private final DraftNode base;
        private final DraftNode overlay;
        private final String name;
        private final PhandleIndex phandles;
        private final ChildIndexes children = new ChildIndexes(); // the base's, kept up to date as it grows
        private final ChildIndexes overlayChildren;
        private final TreeSize size;
        final Set<String> added = new HashSet<>();
        final Set<String> set = new HashSet<>();

        Merge(DraftNode base, DraftNode overlay, String name, PhandleIndex phandles, ChildIndexes overlayChildren,
              TreeSize size) {
            this.base = base;
            this.overlay = overlay;
            this.name = name;
            this.phandles = phandles;
            this.overlayChildren = overlayChildren;
            this.size = size;
        }

        void run() {
            for (DraftNode fragment : overlay.children()) {
                DraftNode content = overlayChildren.find(fragment, "__overlay__");
                if (content != null) {
                    merge(FragmentTarget.of(phandles, base, children, fragment).require(name, fragment), content);
                }
            }
            symbols();
        }

        /** A base node being merged into, the overlay node merged, and the next of its subnodes. */
        private static final class Frame {
            final DraftNode into;
            final DraftNode from;
            int nextChild;

            Frame(DraftNode into, DraftNode from) {
                this.into = into;
                this.from = from;
            }
        }

        /**
         * overlay_apply_node: the properties, then each subnode added (fdt_add_subnode, or the one that
         * answers to its name) and merged to its end before the next; without recursion, as the merged
         * tree's depth is checked only as it grows.
         */
        private void merge(DraftNode intoTop, DraftNode fromTop) {
            List<Frame> stack = new ArrayList<>();
            stack.add(enter(intoTop, fromTop));
            while (!stack.isEmpty()) {
                Frame top = stack.get(stack.size() - 1);
                List<DraftNode> kids = top.from.children();
                if (top.nextChild == kids.size()) {
                    stack.remove(stack.size() - 1);
                    continue;
                }
                DraftNode child = kids.get(top.nextChild++);
                // one index per base node for the whole merge: many added children, or many fragments adding
                // to one node, must not cost a walk of its children each (all additions go through it)
                ChildIndex index = children.index(top.into);
                DraftNode existing = index.find(child.name);
                if (existing == null) {
                    size.node(top.into, child.name, child.path);
                    existing = index.addFirst(child.name);
                    added.add(existing.path);
                }
                stack.add(enter(existing, child));
            }
        }

        private Frame enter(DraftNode into, DraftNode from) {
            for (FdtProperty p : from.currentProperties()) {
                set(into, p.name(), p.bytes(), p.path());
            }
            return new Frame(into, from);
        }

        /** fdt_setprop on a base node, counted against the limits first; a phandle set is indexed. */
        private void set(DraftNode into, String property, byte[] value, String from) {
            int at = into.indexOf(property);
            size.property(property, at < 0 ? -1 : into.currentProperties().get(at).length(), value.length, from);
            into.setFirst(property, value);
            set.add(FdtNode.childPath(into.path, property));
            if (property.equals("phandle") || property.equals("linux,phandle")) {
                phandles.changed(into); // a later fragment may target this node by it
            }
        }

        /** overlay_symbol_update. */
        private void symbols() {
            DraftNode ovSymbols = overlayChildren.find(overlay, "__symbols__");
            if (ovSymbols == null) {
                return;
            }
            DraftNode symbols = children.find(base, "__symbols__");
            if (symbols == null) {
                size.node(base, "__symbols__", ovSymbols.path);
                symbols = children.index(base).addFirst("__symbols__");
            }
            // nodes are no longer added, so a fragment's target, found by path, stays found
            Map<DraftNode, FragmentTarget> byPath = new IdentityHashMap<>();
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
                DraftNode fragment = overlayChildren.find(overlay, fragmentName);
                if (fragment == null || overlayChildren.find(fragment, "__overlay__") == null) {
                    throw fail(BAD_OVERLAY, p.path(), "names fragment " + fragmentName
                            + ", which has no __overlay__");
                }
                FragmentTarget t = byPath.get(fragment);
                if (t == null) {
                    t = FragmentTarget.of(phandles, base, children, fragment);
                    t.require(name, fragment);
                    if (t.path() != null) {
                        byPath.put(fragment, t);
                    }
                }
                String targetPath = t.path() != null ? t.path() : t.node().path;
                String value = (targetPath.getBytes(StandardCharsets.UTF_8).length > 1 ? targetPath : "") + "/" + rel;
                byte[] bytes = PropertyValues.string(value);
                size.symbol(bytes.length, p.path());
                set(symbols, p.name(), bytes, p.path());
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
