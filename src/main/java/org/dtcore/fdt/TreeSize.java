package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.LIMIT;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import org.dtcore.text.Numbers;

/**
 * The size of a tree an overlay is being merged into, counted as it grows and held to the limits the
 * blob reader enforces ({@link FdtLimits}, {@link StructureWalk}): depth, name bytes, path length, node
 * and property counts, the path characters per structure-block byte, the blob's total size. Each addition
 * is checked before it is made, so a hostile overlay is refused after as much work as it is long, and a
 * merged tree is never one that its own blob could not be read back from.
 *
 * <p>Two bounds of the applier's own keep memory linear where libfdt's rules would let it grow faster:
 * while fragments are merged, node paths may add up to {@value StructureWalk#PATH_CHARS_PER_BYTE} characters
 * per byte of the base's and the overlay's structure blocks together (the reader's rule, counted on the
 * inputs: a merge adds no more structure than the overlay holds), and the {@code __symbols__} values an
 * overlay writes, each a target path the overlay does not have to spell out, may add up to as many bytes.
 */
final class TreeSize {
    private static final int TOKEN = 4;
    private static final int PROP_HEADER = 12; // PROP, length, name offset
    private static final int HEADER_AND_TERMINATOR = 40 + 16; // the v17 header, the (0, 0) reservation entry

    private final FdtLimits limits;
    private final String overlay;
    private final long fixedBytes; // header and reservation block
    private long inputStructBytes; // base's and overlay's structure blocks
    private long nodes;
    private long properties;
    private long pathChars;
    private long structBytes;
    private long symbolBytes;

    private TreeSize(FdtLimits limits, String overlay, long fixedBytes) {
        this.limits = limits;
        this.overlay = overlay;
        this.fixedBytes = fixedBytes;
    }

    /** The base's size, and the room an overlay of {@code overlayRoot} is given in it. */
    static TreeSize of(DeviceTree base, FdtNode overlayRoot, FdtLimits limits, String overlayName) {
        TreeSize overlaySize = new TreeSize(limits, overlayName, 0);
        overlaySize.count(overlayRoot, false);
        TreeSize s = new TreeSize(limits, overlayName, HEADER_AND_TERMINATOR + 16L * base.reservations().size());
        s.count(base.root(), true);
        s.inputStructBytes = s.structBytes + overlaySize.structBytes;
        return s;
    }

    /** Counts a whole tree; with {@code check}, each name as the writer would write it must fit the limit. */
    private void count(FdtNode root, boolean check) {
        structBytes += TOKEN; // END
        Deque<FdtNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            int nameBytes = utf8Length(n.name());
            if (check && nameBytes > limits.maxNameLength()) {
                throw fail(n.path(), "node name is " + nameBytes + " bytes as written (UTF-8), past the limit of "
                        + limits.maxNameLength() + " a blob reader takes");
            }
            nodes++;
            pathChars += n.path().length();
            structBytes += 2 * TOKEN + padded(nameBytes + 1L);
            for (FdtProperty p : n.properties()) {
                int propName = utf8Length(p.name());
                if (check && propName > limits.maxNameLength()) {
                    throw fail(p.path(), "property name is " + propName + " bytes as written (UTF-8), past the"
                            + " limit of " + limits.maxNameLength() + " a blob reader takes");
                }
                properties++;
                structBytes += PROP_HEADER + padded(p.length());
            }
            for (FdtNode c : n.children()) {
                todo.push(c);
            }
        }
    }

    /**
     * Counts a child called {@code name} about to be added under {@code parent}; {@code from} is the
     * overlay node it comes from, which a refusal names.
     */
    void node(DraftNode parent, String name, String from) {
        int depth = parent.depth + 1;
        long pathLength = (parent.parent == null ? 0 : parent.path.length()) + 1L + name.length();
        String shown = shortPath(parent.path, name);
        if (depth > limits.maxDepth()) {
            throw fail(from, String.format(Locale.ROOT, "node %s would nest %d levels deep, past the limit of %d"
                    + " a blob reader takes (Linux's unflattener stops at 64)", shown, depth, limits.maxDepth()));
        }
        int nameBytes = utf8Length(name);
        if (nameBytes > limits.maxNameLength()) {
            throw fail(from, "node name is " + nameBytes + " bytes, past the limit of " + limits.maxNameLength()
                    + " a blob reader takes");
        }
        if (pathLength > limits.maxPathLength()) {
            throw fail(from, String.format(Locale.ROOT, "node %s would have a path of %d characters, past the"
                    + " limit of %d a blob reader takes", shown, pathLength, limits.maxPathLength()));
        }
        if (++nodes > limits.maxNodes()) {
            throw fail(from, "the merged tree would have more than " + limits.maxNodes()
                    + " nodes, the limit a blob reader takes");
        }
        pathChars += pathLength;
        if (pathChars > StructureWalk.PATH_CHARS_PER_BYTE * inputStructBytes + pathSlack()) {
            throw fail(from, "the merged tree's node paths would add up to more than "
                    + StructureWalk.PATH_CHARS_PER_BYTE + " characters per byte of the base's and the overlay's"
                    + " structure blocks (deep nodes with long paths)");
        }
        grow(from, 2 * TOKEN + padded(nameBytes + 1L));
    }

    /**
     * Counts a property set on a node of the merged tree: new when {@code oldLength} is -1, else a value of
     * that length replaced.
     */
    void property(String name, int oldLength, int newLength, String from) {
        if (oldLength >= 0) {
            grow(from, padded(newLength) - padded(oldLength));
            return;
        }
        int nameBytes = utf8Length(name);
        if (nameBytes > limits.maxNameLength()) {
            throw fail(from, "property name is " + nameBytes + " bytes, past the limit of "
                    + limits.maxNameLength() + " a blob reader takes");
        }
        if (++properties > limits.maxProperties()) {
            throw fail(from, "the merged tree would have more than " + limits.maxProperties()
                    + " properties, the limit a blob reader takes");
        }
        grow(from, PROP_HEADER + padded(newLength));
    }

    /** Counts a __symbols__ value of {@code bytes} bytes written from the overlay's symbol {@code from}. */
    void symbol(int bytes, String from) {
        symbolBytes += bytes;
        if (symbolBytes > StructureWalk.PATH_CHARS_PER_BYTE * inputStructBytes + pathSlack()) {
            throw fail(from, "the __symbols__ values the overlay adds would come to more than "
                    + StructureWalk.PATH_CHARS_PER_BYTE + " bytes per byte of the base's and the overlay's"
                    + " structure blocks");
        }
    }

    /** The reader's path budget on the finished tree, against its own structure block (StructureWalk). */
    void finish(String at) {
        long allowed = StructureWalk.PATH_CHARS_PER_BYTE * structBytes + pathSlack();
        if (pathChars > allowed) {
            throw fail(at, "the merged tree's node paths add up to more than " + StructureWalk.PATH_CHARS_PER_BYTE
                    + " characters per byte of its structure block, the limit a blob reader takes");
        }
    }

    private long pathSlack() {
        return (long) limits.maxDepth() * limits.maxPathLength();
    }

    private void grow(String from, long bytes) {
        structBytes += bytes;
        if (fixedBytes + structBytes > FdtWriter.MAX_TOTAL_SIZE) {
            throw fail(from, "the merged tree's structure block would pass " + Numbers.hex(FdtWriter.MAX_TOTAL_SIZE
                    - fixedBytes) + " bytes: an FDT blob is at most " + Numbers.hex(FdtWriter.MAX_TOTAL_SIZE)
                    + " bytes (32-bit offsets; libfdt caps totalsize at INT_MAX)");
        }
    }

    private FdtException fail(String path, String what) {
        return FdtException.inOverlay(LIMIT, overlay, path, what);
    }

    private static long padded(long n) {
        return (n + 3) & ~3L;
    }

    /** The node's path for a message: a deep hostile path keeps the end that names it. */
    private static String shortPath(String parentPath, String name) {
        String path = FdtNode.childPath(parentPath.length() > 200 ? "..." + parentPath.substring(
                parentPath.length() - 197) : parentPath, name);
        return path.length() <= 240 ? path : "..." + path.substring(path.length() - 237);
    }

    /** The UTF-8 length of {@code s}, as the writer encodes it (an unpaired surrogate is written as '?'). */
    static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }
}
