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

    /**
     * An editor over a copy of a tree ({@link DeviceTree#edit} is the usual way to get one).
     *
     * @param tree      the source; it stays as it is
     * @param placement where new properties and nodes go among their siblings
     */
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

    /**
     * Whether the edited tree has a node.
     *
     * @param path an absolute path, matched as {@link DeviceTree#node} matches it
     * @return true when a node answers to it
     * @throws FdtException of kind {@link FdtException.Kind#BAD_PATH} when {@code path} does not start with "/"
     */
    public boolean hasNode(String path) {
        return find(path) != null;
    }

    /**
     * Sets property {@code name} of the node at {@code nodePath} to a copy of {@code value}: in place when
     * the node has it (the first of that name, as libfdt fdt_setprop), else added where the
     * {@link Placement} says. {@link PropertyValues} makes the bytes.
     *
     * @param nodePath the node's absolute path
     * @param name     the property's name, non-empty and without a NUL
     * @param value    the value bytes; copied
     * @return this editor
     * @throws FdtException of kind {@link FdtException.Kind#NOT_FOUND} when there is no such node, or
     *                      {@link FdtException.Kind#BAD_PATH} for a bad path or name
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

    /**
     * Removes a property (the first of that name, as libfdt's fdt_delprop).
     *
     * @param nodePath the node's absolute path
     * @param name     the property's name
     * @return true when it was there; false when the node had none
     * @throws FdtException of kind {@link FdtException.Kind#NOT_FOUND} when there is no such node, or
     *                      {@link FdtException.Kind#BAD_PATH} for a path without a leading "/"
     */
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
     *
     * @param path the new node's absolute path, its name with the unit address
     * @return this editor
     * @throws FdtException of kind {@link FdtException.Kind#NOT_FOUND} without the parent,
     *                      {@link FdtException.Kind#EXISTS} when the node is there, or
     *                      {@link FdtException.Kind#BAD_PATH} for a bad path or name
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

    /**
     * Removes a node with everything under it.
     *
     * @param path the node's absolute path
     * @return true when it was there; false when there is none
     * @throws FdtException of kind {@link FdtException.Kind#BAD_PATH} for the root or a path without a
     *                      leading "/"
     */
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

    /**
     * Appends a /memreserve/ entry (SPEC §1).
     *
     * @param address the first reserved byte
     * @param size    the length in bytes, not 0
     * @return this editor
     * @throws FdtException of kind {@link FdtException.Kind#BAD_RESERVATION} for size 0, which readers would
     *                      take for the end of the block
     */
    public TreeEditor addReservation(long address, long size) {
        if (size == 0) {
            throw FdtException.of(BAD_RESERVATION, "/memreserve/ " + Numbers.hex(address)
                    + " with size 0 would end the reservation block");
        }
        reservations.add(new RegEntry(address, size));
        return this;
    }

    /**
     * Removes a /memreserve/ entry, as a loader drops the one that covered the tree it replaces.
     *
     * @param address the entry's address
     * @param size    the entry's size
     * @return true when an entry equal to both was there (the first is removed); false when none was
     */
    public boolean removeReservation(long address, long size) {
        return reservations.remove(new RegEntry(address, size));
    }

    /**
     * The edited tree. Its header is the source's (empty when the source had none): a header describes the
     * blob a tree was read from, and {@link FdtWriter} takes only boot_cpuid_phys from it. The editor can go
     * on editing.
     *
     * @return a new immutable tree; unchanged nodes are the source's own
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
