package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_STRUCTURE;
import static org.dtcore.fdt.FdtException.Kind.LIMIT;
import static org.dtcore.fdt.FdtException.Kind.TRUNCATED;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Deque;
import org.dtcore.text.Numbers;

/**
 * The full walk of the structure block (SPEC §1, as libfdt's fdt_check_full), building the tree as it
 * goes. Iterative, with an explicit stack of open nodes, so no tree depth can overflow the Java stack.
 * Every error points at the offending token.
 */
final class StructureWalk {
    static final int BEGIN_NODE = 1;
    static final int END_NODE = 2;
    static final int PROP = 3;
    static final int NOP = 4;
    static final int END = 9;

    /**
     * Path characters allowed per byte of the structure block, on top of what one chain of nodes at the
     * depth and path-length limits costs (a caller who raises those accepts their quadratic cost).
     */
    static final int PATH_CHARS_PER_BYTE = 16;

    /** A node whose END_NODE has not been seen yet. */
    private static final class Open {
        final FdtNode.Builder node;
        boolean hasChildren;

        Open(FdtNode.Builder node) {
            this.node = node;
        }
    }

    private final ByteBuffer blob;
    private final int start;
    private final int end;
    private final StringsBlock strings;
    private final FdtLimits limits;
    private final Deque<Open> open = new ArrayDeque<>();
    private FdtNode root;
    private int rootClosedAt = -1;
    private int nodes;
    private int properties;
    private long pathChars;
    private final long pathCharsAllowed;

    private StructureWalk(ByteBuffer blob, BlobLayout layout, FdtLimits limits) {
        this.blob = blob;
        this.start = layout.structStart();
        this.end = layout.structEnd();
        this.strings = new StringsBlock(blob, layout, limits);
        this.limits = limits;
        this.pathCharsAllowed = PATH_CHARS_PER_BYTE * (long) (end - start)
                + (long) limits.maxDepth() * limits.maxPathLength();
    }

    /** Walks the structure block of a header-checked blob and returns its root node. */
    static FdtNode walk(ByteBuffer blob, BlobLayout layout, FdtLimits limits) {
        return new StructureWalk(blob, layout, limits).run();
    }

    private FdtNode run() {
        int at = start;
        while (true) {
            if (end - at < 4) {
                throw truncated(at);
            }
            int token = blob.getInt(at);
            switch (token) {
                case BEGIN_NODE -> at = beginNode(at);
                case END_NODE -> at = endNode(at);
                case PROP -> at = property(at);
                case NOP -> at = nop(at);
                case END -> {
                    end(at);
                    // Like libfdt's fdt_check_full, whatever follows END in the block is not looked at.
                    return root;
                }
                default -> throw FdtException.at(BAD_STRUCTURE, at, "unknown token "
                        + Numbers.hex(Integer.toUnsignedLong(token)) + " at " + Numbers.hex(at));
            }
        }
    }

    private int beginNode(int at) {
        if (rootClosedAt >= 0) {
            // libfdt fdt_check_full: "two root nodes" — only END may follow the root's END_NODE.
            throw FdtException.at(BAD_STRUCTURE, at, "second root node at " + Numbers.hex(at)
                    + ": the root node closed at " + Numbers.hex(rootClosedAt));
        }
        int nameStart = at + 4;
        int nul = nameStart;
        while (nul < end && blob.get(nul) != 0) {
            nul++;
            if (nul - nameStart > limits.maxNameLength()) {
                throw FdtException.at(LIMIT, at, "node at " + Numbers.hex(at) + ": name is longer than the limit of "
                        + limits.maxNameLength() + " bytes");
            }
        }
        if (nul == end) {
            throw FdtException.at(BAD_STRUCTURE, at, "node at " + Numbers.hex(at)
                    + ": name is not NUL-terminated before the structure block ends (" + Numbers.hex(end) + ")");
        }
        String name = StringsBlock.decode(blob, nameStart, nul);
        String path;
        if (open.isEmpty()) {
            // SPEC §1: exactly one root, and its name is empty.
            if (!name.isEmpty()) {
                throw FdtException.at(BAD_STRUCTURE, at, "root node at " + Numbers.hex(at) + " is named \"" + name
                        + "\" (the root's name must be empty)");
            }
            path = "/";
        } else {
            Open parent = open.peek();
            parent.hasChildren = true;
            path = FdtNode.childPath(parent.node.path(), name);
        }
        int depth = open.size() + 1;
        if (depth > limits.maxDepth()) {
            throw FdtException.at(LIMIT, at, "node " + shortPath(path) + " at " + Numbers.hex(at) + ": depth " + depth
                    + " exceeds the limit of " + limits.maxDepth());
        }
        if (path.length() > limits.maxPathLength()) {
            throw FdtException.at(LIMIT, at, "node " + shortPath(path) + " at " + Numbers.hex(at)
                    + ": path is longer than the limit of " + limits.maxPathLength());
        }
        // Every node keeps its full path, so 12 bytes of blob (an empty-named child) can cost maxPathLength
        // characters. Cap the sum so the tree stays a small multiple of the block (real trees use < 1).
        pathChars += path.length();
        if (pathChars > pathCharsAllowed) {
            throw FdtException.at(LIMIT, at, "node " + shortPath(path) + " at " + Numbers.hex(at)
                    + ": node paths add up to more than " + PATH_CHARS_PER_BYTE
                    + " characters per structure-block byte");
        }
        if (++nodes > limits.maxNodes()) {
            throw FdtException.at(LIMIT, at, "node " + shortPath(path) + " at " + Numbers.hex(at) + ": more than "
                    + limits.maxNodes() + " nodes");
        }
        open.push(new Open(new FdtNode.Builder(name, path, at)));
        return align(nul + 1);
    }

    /** Where a token outside any node stands: after the root closed, else {@code otherwise}. */
    private String outsideRoot(String otherwise) {
        return rootClosedAt >= 0 ? "after the root node closed at " + Numbers.hex(rootClosedAt) : otherwise;
    }

    private int endNode(int at) {
        if (open.isEmpty()) {
            throw FdtException.at(BAD_STRUCTURE, at, "END_NODE at " + Numbers.hex(at) + " "
                    + outsideRoot("without a matching BEGIN_NODE"));
        }
        FdtNode node = open.pop().node.build();
        if (open.isEmpty()) {
            root = node;
            rootClosedAt = at;
        } else {
            open.peek().node.child(node);
        }
        return at + 4;
    }

    private int property(int at) {
        if (open.isEmpty()) {
            throw FdtException.at(BAD_STRUCTURE, at, "property at " + Numbers.hex(at) + " "
                    + outsideRoot("before the root node"));
        }
        if (end - at < 12) {
            throw FdtException.at(BAD_STRUCTURE, at, "property at " + Numbers.hex(at)
                    + ": its length and name offset run past the structure block (ends " + Numbers.hex(end) + ")");
        }
        long length = Integer.toUnsignedLong(blob.getInt(at + 4));
        long nameOffset = Integer.toUnsignedLong(blob.getInt(at + 8));
        int valueStart = at + 12;
        if (length > end - valueStart) {
            throw FdtException.at(BAD_STRUCTURE, at, "property at " + Numbers.hex(at) + ": length "
                    + Numbers.hex(length) + " runs past the structure block (ends " + Numbers.hex(end) + ")");
        }
        String name = strings.name(nameOffset, at);
        if (++properties > limits.maxProperties()) {
            throw FdtException.at(LIMIT, at, "property at " + Numbers.hex(at) + ": more than "
                    + limits.maxProperties() + " properties");
        }
        Open holder = open.peek();
        // SPEC §1 puts properties before subnodes. libfdt's fdt_check_full accepts a property after a
        // subnode, but neither libfdt's lookups (fdt_getprop) nor Linux's unflattener ever see it: they stop
        // at the first subnode. The tree keeps what they see, so it is checked and then left out.
        if (!holder.hasChildren) {
            ByteBuffer value = blob.slice(valueStart, (int) length);
            holder.node.property(new FdtProperty(holder.node.path(), name, at, value));
        }
        return align(valueStart + (int) length);
    }

    private int nop(int at) {
        if (rootClosedAt >= 0) {
            // libfdt fdt_check_full accepts nothing but END after the root closes, not even NOP.
            throw FdtException.at(BAD_STRUCTURE, at, "NOP at " + Numbers.hex(at) + " after the root node closed at "
                    + Numbers.hex(rootClosedAt) + " (only END may follow)");
        }
        return at + 4;
    }

    private void end(int at) {
        if (!open.isEmpty()) {
            throw FdtException.at(BAD_STRUCTURE, at, "END at " + Numbers.hex(at) + " inside node "
                    + shortPath(open.peek().node.path()) + " (" + open.size() + " node"
                    + (open.size() == 1 ? "" : "s") + " open)");
        }
        if (root == null) {
            throw FdtException.at(BAD_STRUCTURE, at, "END at " + Numbers.hex(at) + " before any root node");
        }
    }

    private FdtException truncated(int at) {
        String state;
        if (root == null && open.isEmpty()) {
            state = "before the root node";
        } else if (!open.isEmpty()) {
            state = "inside node " + shortPath(open.peek().node.path());
        } else {
            state = "without an END token";
        }
        return FdtException.at(TRUNCATED, at, "structure block ends at " + Numbers.hex(end) + " " + state);
    }

    /** Next token offset: tokens are 4-aligned (SPEC §1). Cannot overflow: {@code to} is inside the blob. */
    private static int align(int to) {
        return (int) (((long) to + 3) & ~3L);
    }

    /** A path for a message: deep hostile trees have long paths, so keep the end that names the node. */
    private static String shortPath(String path) {
        return path.length() <= 200 ? path : "..." + path.substring(path.length() - 197);
    }
}
