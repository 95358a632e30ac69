package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_PATH;
import static org.dtcore.fdt.FdtException.Kind.BAD_RESERVATION;
import static org.dtcore.fdt.FdtException.Kind.EXISTS;
import static org.dtcore.fdt.FdtException.Kind.NOT_FOUND;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dtcore.text.Numbers;

/**
 * Edits a copy of a {@link DeviceTree} (the source stays as it is) and {@link #build builds} a new
 * immutable one, which {@link FdtWriter} can write: what a kdump loader does to the booted tree to make
 * the capture kernel's (SPEC §11).
 *
 * <p>Nodes are named by absolute path, matched as {@link DeviceTree#node} matches them ("/chosen" also
 * finds "/chosen@0"). A replaced property keeps its place; where a new property or node goes is the
 * editor's {@link Placement}. Nodes and properties taken over from the source keep their source offsets;
 * new ones have -1.
 */
public final class TreeEditor {
    /** Where a new property or node goes among its siblings. */
    public enum Placement {
        /** After the node's other properties (still before its subnodes, SPEC §1); after its siblings. */
        APPEND,
        /**
         * As libfdt's fdt_rw.c places them, and with it fdtput, kexec-tools and the kernel's
         * of_kexec_alloc_and_setup_fdt: fdt_setprop inserts a new property right after the node's name,
         * so it comes first (several added ones end up in reverse order), and fdt_add_subnode inserts a new
         * node right after the parent's properties, first among its siblings.
         */
        LIBFDT
    }

    private final Placement placement;
    private final Optional<FdtHeader> header;
    private final List<RegEntry> reservations;
    private final DraftNode root;

    /** An editor over {@code tree} that places new properties and nodes {@code placement}-wise. */
    public TreeEditor(DeviceTree tree, Placement placement) {
        this.placement = placement;
        this.header = tree.header();
        this.reservations = new ArrayList<>(tree.reservations());
        this.root = DraftNode.root(tree.root());
    }

    /** The root's draft, for edits by node rather than by path (the overlay applier's). */
    DraftNode draftRoot() {
        return root;
    }

    /** True when a node answers to {@code path}. */
    public boolean hasNode(String path) {
        return find(path) != null;
    }

    /**
     * Sets property {@code name} of the node at {@code nodePath} to a copy of {@code value}: in place when
     * the node has it (the first of that name, as libfdt fdt_setprop), else added where the
     * {@link Placement} says. {@link PropertyValues} makes the bytes.
     */
    public TreeEditor setProperty(String nodePath, String name, byte[] value) {
        checkName(name, "property", nodePath);
        DraftNode node = existing(nodePath);
        FdtProperty p = FdtProperty.of(node.path, name, value);
        int at = node.indexOf(name);
        if (at >= 0) {
            node.setProperty(at, p);
        } else {
            node.addProperty(p, placement == Placement.LIBFDT);
        }
        return this;
    }

    /** Removes property {@code name} (the first of that name) from the node; false when it had none. */
    public boolean removeProperty(String nodePath, String name) {
        DraftNode node = existing(nodePath);
        int at = node.indexOf(name);
        if (at < 0) {
            return false;
        }
        node.removeProperty(at);
        return true;
    }

    /**
     * Adds an empty node at {@code path} ("/reserved-memory/elfcorehdr@207f0000") where the
     * {@link Placement} says. The parent must exist; a sibling with exactly that name must not.
     */
    public TreeEditor addNode(String path) {
        int slash = path.lastIndexOf('/');
        String name = slash < 0 ? "" : path.substring(slash + 1);
        checkName(name, "node", path);
        DraftNode parent = existing(slash == 0 ? "/" : path.substring(0, slash));
        for (DraftNode sibling : parent.children()) {
            if (sibling.name.equals(name)) {
                throw FdtException.atPath(EXISTS, sibling.path, "node already exists");
            }
        }
        parent.addChild(name, placement == Placement.LIBFDT);
        return this;
    }

    /** Removes the node at {@code path} with everything under it; false when there is none. */
    public boolean removeNode(String path) {
        List<DraftNode> chain = walk(path);
        if (chain == null) {
            return false;
        }
        if (chain.size() == 1) {
            throw FdtException.atPath(BAD_PATH, "/", "the root node cannot be removed");
        }
        return chain.get(chain.size() - 2).children().remove(chain.get(chain.size() - 1));
    }

    /** Appends a /memreserve/ entry (SPEC §1). Size 0 is refused: readers would end the block there. */
    public TreeEditor addReservation(long address, long size) {
        if (size == 0) {
            throw FdtException.of(BAD_RESERVATION, "/memreserve/ " + Numbers.hex(address)
                    + " with size 0 would end the reservation block");
        }
        reservations.add(new RegEntry(address, size));
        return this;
    }

    /** Removes the first /memreserve/ entry equal to (address, size); false when there is none. */
    public boolean removeReservation(long address, long size) {
        return reservations.remove(new RegEntry(address, size));
    }

    /**
     * The edited tree. Its header is the source's (or null): a header describes the blob a tree was read
     * from, and {@link FdtWriter} takes only boot_cpuid_phys from it. The editor can go on editing.
     */
    public DeviceTree build() {
        // Post-order without recursion: a node is built once all its children are.
        Map<DraftNode, FdtNode> built = new IdentityHashMap<>();
        Deque<DraftNode> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            DraftNode n = todo.peek();
            if (n.unchanged()) {
                built.put(todo.pop(), n.source());
                continue;
            }
            boolean ready = true;
            for (DraftNode c : n.children()) {
                if (!built.containsKey(c)) {
                    todo.push(c);
                    ready = false;
                }
            }
            if (ready) {
                todo.pop();
                FdtNode.Builder b = new FdtNode.Builder(n.name, n.path, n.offset());
                n.currentProperties().forEach(b::property);
                for (DraftNode c : n.children()) {
                    b.child(built.remove(c));
                }
                built.put(n, b.build());
            }
        }
        return new DeviceTree(header, reservations, built.get(root));
    }

    private DraftNode existing(String path) {
        DraftNode node = find(path);
        if (node == null) {
            throw FdtException.atPath(NOT_FOUND, path, "no such node");
        }
        return node;
    }

    private DraftNode find(String path) {
        List<DraftNode> chain = walk(path);
        return chain == null ? null : chain.get(chain.size() - 1);
    }

    /** The nodes from the root to the one at {@code path}, or null when some step is missing. */
    private List<DraftNode> walk(String path) {
        if (!path.startsWith("/")) {
            throw FdtException.atPath(BAD_PATH, path, "a node path starts with '/'");
        }
        List<DraftNode> chain = new ArrayList<>(List.of(root));
        for (String part : path.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            DraftNode next = chain.get(chain.size() - 1).child(part);
            if (next == null) {
                return null;
            }
            chain.add(next);
        }
        return chain;
    }

    private static void checkName(String name, String what, String path) {
        if (name.isEmpty() || name.indexOf('\0') >= 0) {
            throw FdtException.atPath(BAD_PATH, path, "a " + what + " name must be non-empty and hold no NUL");
        }
    }
}
