package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_VALUE;
import static org.dtcore.fdt.FdtException.Kind.TOO_LARGE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import org.dtcore.text.Numbers;

/**
 * Flattens a tree into a structure block (SPEC §1) in dtc's order: a node's BEGIN_NODE and name, its
 * properties in list order, its subnodes in list order, END_NODE; END after the root. Property names go
 * into the {@link StringTable} in that same order, which is what makes the strings block match dtc's.
 * The walk is iterative, so no tree depth can overflow the Java stack.
 *
 * <p>Two passes over the same walk: {@link #measure} sizes the block (and fills the string table)
 * before anything is allocated, so a tree too large for 32-bit offsets fails before it costs memory;
 * {@link #emit} then writes the tokens.
 */
final class StructureEmitter {
    private static final int TOKEN = 4;
    private static final int PROP_HEADER = 12; // PROP token, value length, name offset

    /** What the walk does on entering and on leaving a node. */
    private interface Visit {
        void enter(FdtNode node);

        void leave(FdtNode node);
    }

    private StructureEmitter() {
    }

    /**
     * The structure block's size in bytes, END included; adds every property name to {@code strings}.
     * Fails if a name cannot be written or the block exceeds {@code limit} bytes.
     */
    static long measure(FdtNode root, StringTable strings, long limit) {
        if (!root.name().isEmpty()) {
            throw FdtException.atPath(BAD_VALUE, root.path(),
                    "the root node is named \"" + root.name() + "\" (SPEC §1: the root's name is empty)");
        }
        long[] size = {TOKEN}; // END
        walk(root, new Visit() {
            @Override
            public void enter(FdtNode node) {
                add(node.path(), TOKEN + padded(nameBytes(node).length + 1L));
                for (FdtProperty p : node.properties()) {
                    checkName(p.name(), p.path());
                    strings.add(p.name());
                    add(p.path(), PROP_HEADER + padded((long) p.length()));
                }
            }

            @Override
            public void leave(FdtNode node) {
                add(node.path(), TOKEN);
            }

            private void add(String path, long bytes) {
                size[0] += bytes;
                if (size[0] > limit) {
                    throw FdtException.atPath(TOO_LARGE, path, "the structure block grows past " + Numbers.hex(limit)
                            + " bytes here: an FDT blob is at most " + Numbers.hex(FdtWriter.MAX_TOTAL_SIZE)
                            + " bytes (32-bit offsets; libfdt caps totalsize at INT_MAX)");
                }
            }
        });
        return size[0];
    }

    /** Writes the structure block at {@code out}'s position; {@link #measure} has run on the same tree. */
    static void emit(FdtNode root, StringTable strings, ByteBuffer out) {
        walk(root, new Visit() {
            @Override
            public void enter(FdtNode node) {
                out.putInt(StructureWalk.BEGIN_NODE);
                byte[] name = nameBytes(node);
                out.put(name);
                zeros(out, padded(name.length + 1) - name.length);
                for (FdtProperty p : node.properties()) {
                    out.putInt(StructureWalk.PROP);
                    out.putInt(p.length());
                    out.putInt(strings.offsetOf(p.name()));
                    out.put(p.buffer());
                    zeros(out, padded(p.length()) - p.length());
                }
            }

            @Override
            public void leave(FdtNode node) {
                out.putInt(StructureWalk.END_NODE);
            }
        });
        out.putInt(StructureWalk.END);
    }

    /** Depth-first, parents before children, siblings in list order. */
    private static void walk(FdtNode root, Visit visit) {
        Deque<Iterator<FdtNode>> open = new ArrayDeque<>();
        Deque<FdtNode> nodes = new ArrayDeque<>();
        visit.enter(root);
        nodes.push(root);
        open.push(root.children().iterator());
        while (!open.isEmpty()) {
            Iterator<FdtNode> next = open.peek();
            if (next.hasNext()) {
                FdtNode child = next.next();
                visit.enter(child);
                nodes.push(child);
                open.push(child.children().iterator());
            } else {
                open.pop();
                visit.leave(nodes.pop());
            }
        }
    }

    private static byte[] nameBytes(FdtNode node) {
        checkName(node.name(), node.path());
        return node.name().getBytes(StandardCharsets.UTF_8);
    }

    /** A NUL inside a name would end it early: the blob would name something else. */
    private static void checkName(String name, String path) {
        if (name.indexOf('\0') >= 0) {
            throw FdtException.atPath(BAD_VALUE, path, "name contains a NUL character and cannot be written");
        }
    }

    /** {@code n} rounded up to the 4-byte token alignment (SPEC §1). */
    private static long padded(long n) {
        return (n + 3) & ~3L;
    }

    private static int padded(int n) {
        return (n + 3) & ~3;
    }

    private static void zeros(ByteBuffer out, int n) {
        for (int i = 0; i < n; i++) {
            out.put((byte) 0);
        }
    }
}
