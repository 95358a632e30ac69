package org.dtcore.fdt;

import java.util.ArrayList;
import java.util.List;

/**
 * A node while a {@link TreeEditor} works on it. It starts as a view of an unchanged {@link FdtNode} and
 * copies the property list or the child list only when an edit (or a path walk through it) needs them,
 * so {@link #unchanged} subtrees are handed back as they were.
 */
final class DraftNode {
    final String name;
    final String path;
    private final FdtNode source; // null for a node the editor added
    private List<FdtProperty> properties; // null: the source's, unchanged
    private List<DraftNode> children; // null: the source's, unchanged

    private DraftNode(String name, String path, FdtNode source) {
        this.name = name;
        this.path = path;
        this.source = source;
    }

    static DraftNode of(FdtNode source) {
        return new DraftNode(source.name(), source.path(), source);
    }

    static DraftNode added(String parentPath, String name) {
        DraftNode n = new DraftNode(name, FdtNode.childPath(parentPath, name), null);
        n.properties = new ArrayList<>();
        n.children = new ArrayList<>();
        return n;
    }

    /** True when nothing in or under this node was copied for editing: {@link #source} stands for it. */
    boolean unchanged() {
        return properties == null && children == null;
    }

    FdtNode source() {
        return source;
    }

    long offset() {
        return source == null ? -1 : source.offset();
    }

    List<FdtProperty> properties() {
        if (properties == null) {
            properties = new ArrayList<>(source.properties());
        }
        return properties;
    }

    List<DraftNode> children() {
        if (children == null) {
            children = new ArrayList<>();
            for (FdtNode c : source.children()) {
                children.add(of(c));
            }
        }
        return children;
    }

    /** Read-only: the properties without copying them. */
    List<FdtProperty> currentProperties() {
        return properties != null ? properties : source.properties();
    }

    /**
     * A child by name, as {@link FdtNode#child}: the exact name first, then (for a name without unit
     * address) the first "name@unit".
     */
    DraftNode child(String childName) {
        for (DraftNode c : children()) {
            if (c.name.equals(childName)) {
                return c;
            }
        }
        if (childName.indexOf('@') < 0) {
            for (DraftNode c : children()) {
                int at = c.name.indexOf('@');
                if (at >= 0 && c.name.substring(0, at).equals(childName)) {
                    return c;
                }
            }
        }
        return null;
    }

    /**
     * Sets a property as libfdt's fdt_setprop does: the first property of that name keeps its place and
     * takes the new value; a new property goes first, right after the node's name.
     */
    void setFirst(String propertyName, byte[] value) {
        FdtProperty p = FdtProperty.of(path, propertyName, value);
        int at = indexOf(propertyName);
        if (at >= 0) {
            properties().set(at, p);
        } else {
            properties().add(0, p);
        }
    }

    /** Adds an empty child as libfdt's fdt_add_subnode does: first among the children. */
    DraftNode addFirstChild(String childName) {
        DraftNode n = added(path, childName);
        children().add(0, n);
        return n;
    }

    /** The index of the property called {@code propertyName}, or -1. */
    int indexOf(String propertyName) {
        List<FdtProperty> list = currentProperties();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).name().equals(propertyName)) {
                return i;
            }
        }
        return -1;
    }
}
