package org.dtcore.fdt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The kernel's for_each_node_by_type over the live tree: every node, at any depth, whose device_type is
 * the given string (compared as C compares it, {@link FdtProperty#isCString}), in the tree's depth-first
 * order. Walked with a stack, not recursion (SPEC §1 limits).
 */
public final class NodesByType {
    /**
     * A node with its ancestors, the parent first (for {@link Cells#linux}).
     *
     * @param node      the node whose device_type matched
     * @param ancestors its ancestors, the parent first and the root last; empty for the root
     */
    public record Found(FdtNode node, List<FdtNode> ancestors) {
        /**
         * Keeps an unmodifiable copy of the ancestors.
         *
         * @param node      the node whose device_type matched
         * @param ancestors its ancestors, the parent first and the root last
         */
        public Found {
            ancestors = List.copyOf(ancestors);
        }
    }

    private NodesByType() {
    }

    /**
     * Every node under and including a root whose device_type is a type, whatever its status (the kernel's
     * loop does not check it either; the caller decides).
     *
     * @param root the node to start from, usually the tree's root
     * @param type the device_type, such as {@code "memory"} or {@code "pci"}
     * @return the nodes in depth-first order, each with its ancestors; empty when none matches
     */
    public static List<Found> find(FdtNode root, String type) {
        List<Found> out = new ArrayList<>();
        Deque<Found> todo = new ArrayDeque<>();
        todo.push(new Found(root, List.of()));
        while (!todo.isEmpty()) {
            Found f = todo.pop();
            if (f.node().property("device_type").map(p -> p.isCString(type)).orElse(false)) {
                out.add(f);
            }
            List<FdtNode> chain = new ArrayList<>(f.ancestors().size() + 1);
            chain.add(f.node());
            chain.addAll(f.ancestors());
            List<FdtNode> children = f.node().children();
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(new Found(children.get(i), chain));
            }
        }
        return out;
    }
}
