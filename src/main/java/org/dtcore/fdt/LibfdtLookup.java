package org.dtcore.fdt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.dtcore.fdt.FdtException.Kind.BAD_PATH;
import static org.dtcore.fdt.FdtException.Kind.NOT_FOUND;

/**
 * Node and property look-ups on an edited tree with libfdt's exact rules, which the overlay applier
 * needs where {@link FdtNode#child} is friendlier (libfdt fdt_ro.c):
 * <ul>
 * <li>fdt_subnode_offset_namelen takes the FIRST child whose name is the one asked, or (when the name
 *     asked has no '@') starts with it followed by '@' — so "memory" finds "memory@0" even when a
 *     plain "memory" comes later;</li>
 * <li>fdt_path_offset skips repeated '/', and a path that does not start with '/' begins with an alias
 *     from /aliases (unknown alias: FDT_ERR_BADPATH);</li>
 * <li>fdt_get_phandle reads "phandle", else "linux,phandle", and either counts only when 4 bytes long
 *     (fdt_node_offset_by_phandle is {@link PhandleIndex}).</li>
 * </ul>
 * Names compare as the parser decodes them (UTF-8), paths in property values likewise.
 */
final class LibfdtLookup {
    /** An alias may name another alias; libfdt recurses without a bound, we stop here. */
    private static final int MAX_ALIAS_DEPTH = 16;
    /** No node name is longer: a name is part of a path, which FdtLimits bounds (4096 characters). */
    private static final int MAX_NAME_CHARS = 4096;

    /** A node, or the libfdt error that stands for "none". */
    record Found(DraftNode node, FdtException.Kind error) {
        boolean ok() {
            return node != null;
        }
    }

    private LibfdtLookup() {
    }

    /** fdt_subnode_offset_namelen: the first child that answers to {@code name}, or null. */
    static DraftNode subnode(DraftNode parent, String name) {
        boolean hasUnit = name.indexOf('@') >= 0;
        for (DraftNode c : parent.children()) {
            if (c.name.equals(name)
                    || (!hasUnit && c.name.length() > name.length() && c.name.startsWith(name)
                        && c.name.charAt(name.length()) == '@')) {
                return c;
            }
        }
        return null;
    }

    /** fdt_path_offset on the tree under {@code root}. */
    static Found path(DraftNode root, String path) {
        return path(root, path, null, 0);
    }

    /** fdt_path_offset, each step answered by {@code children} (a step that adds no nodes meanwhile). */
    static Found path(DraftNode root, String path, ChildIndexes children) {
        return path(root, path, children, 0);
    }

    private static Found path(DraftNode root, String path, ChildIndexes children, int aliasDepth) {
        DraftNode at = root;
        int p = 0;
        if (!path.startsWith("/")) {
            int q = path.indexOf('/');
            if (q < 0) {
                q = path.length();
            }
            DraftNode aliases = path(root, "/aliases", children, aliasDepth).node();
            int index = aliases == null ? -1 : aliases.indexOf(path.substring(0, q));
            if (index < 0 || aliasDepth >= MAX_ALIAS_DEPTH) {
                return new Found(null, BAD_PATH);
            }
            FdtProperty alias = aliases.currentProperties().get(index);
            String target = children == null ? aliasPath(alias) : children.aliasPath(alias);
            Found f = path(root, target, children, aliasDepth + 1);
            if (!f.ok()) {
                return f;
            }
            at = f.node();
            p = q;
        }
        while (p < path.length()) {
            while (path.charAt(p) == '/') {
                p++;
                if (p == path.length()) {
                    return new Found(at, null);
                }
            }
            int q = path.indexOf('/', p);
            if (q < 0) {
                q = path.length();
            }
            at = children == null ? subnode(at, path.substring(p, q)) : children.find(at, path.substring(p, q));
            if (at == null) {
                return new Found(null, NOT_FOUND);
            }
            p = q;
        }
        return new Found(at, null);
    }

    /**
     * An alias's value as a path that {@link #path} walks to the same node in as few steps as the tree
     * is deep: runs of '/' are one (fdt_path_offset skips them), a trailing '/' is dropped, and a
     * component longer than any name is a NUL, which no name holds. Its cost is the value's length once
     * (callers cache it per property): many look-ups through a long alias must not each pay for it.
     */
    static String aliasPath(FdtProperty alias) {
        String v = cString(alias.bytes(), 0);
        StringBuilder b = new StringBuilder(Math.min(v.length(), 1 << 12));
        int i = 0;
        int q = v.indexOf('/');
        if (q != 0) {
            int end = q < 0 ? v.length() : q;
            b.append(v, 0, end); // an alias name, looked up as it is
            i = end;
        }
        while (i < v.length()) {
            while (i < v.length() && v.charAt(i) == '/') {
                i++;
            }
            if (i == v.length()) {
                break;
            }
            int end = v.indexOf('/', i);
            if (end < 0) {
                end = v.length();
            }
            b.append('/');
            if (end - i > MAX_NAME_CHARS) {
                b.append('\0');
            } else {
                b.append(v, i, end);
            }
            i = end;
        }
        return b.length() == 0 && v.startsWith("/") ? "/" : b.toString();
    }

    /** fdt_getprop: the value of the first property called {@code name}, or null. */
    static byte[] value(DraftNode node, String name) {
        int at = node.indexOf(name);
        return at < 0 ? null : node.currentProperties().get(at).bytes();
    }

    /** fdt_get_phandle: the node's phandle, 0 when it has none of 4 bytes. */
    static long phandle(DraftNode node) {
        byte[] v = value(node, "phandle");
        if (v == null || v.length != 4) {
            v = value(node, "linux,phandle");
            if (v == null || v.length != 4) {
                return 0;
            }
        }
        return Integer.toUnsignedLong(ByteBuffer.wrap(v).getInt());
    }

    /** The nodes under and including {@code root} in blob (pre-)order, as fdt_next_node visits them. */
    static List<DraftNode> preOrder(DraftNode root) {
        List<DraftNode> out = new ArrayList<>();
        List<DraftNode> stack = new ArrayList<>(List.of(root));
        while (!stack.isEmpty()) {
            DraftNode n = stack.remove(stack.size() - 1);
            out.add(n);
            List<DraftNode> kids = n.children();
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.add(kids.get(i));
            }
        }
        return out;
    }

    /** The C string at {@code from}: up to the first NUL, or to the end when there is none (strlen). */
    static String cString(byte[] bytes, int from) {
        int end = from;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }
}
