package org.dtcore.fdt;

import java.util.List;

/**
 * A node while a {@link TreeEditor} works on it. It starts as a view of an unchanged {@link FdtNode} and
 * copies the property list or the child list only when an edit (or a path walk through it) needs them,
 * so {@link #unchanged} subtrees are handed back as they were.
 *
 * <p>Each node knows its parent, its depth (the root is 1, as the blob reader counts) and a slot that
 * orders it among its siblings: enough to tell which of two nodes comes first in blob order without a
 * walk of the tree ({@link PhandleIndex}).
 */
final class DraftNode {
    final String name;
    final String path;
    final DraftNode parent; // null for the root
    final int depth;
    private long slot; // orders siblings; a new first child gets one less than the others
    private final FdtNode source; // null for a node the editor added
    private PropertyList properties; // null: the source's, never looked at through the list
    private SiblingList<DraftNode> children; // null: the source's, unchanged
    private long firstSlot;
    private long lastSlot = -1;

    private DraftNode(String name, String path, DraftNode parent, FdtNode source) {
        this.name = name;
        this.path = path;
        this.parent = parent;
        this.depth = parent == null ? 1 : parent.depth + 1;
        this.source = source;
    }

    /** The root of a draft of {@code source}. */
    static DraftNode root(FdtNode source) {
        return new DraftNode(source.name(), source.path(), null, source);
    }

    /** True when nothing in or under this node was copied for editing: {@link #source} stands for it. */
    boolean unchanged() {
        return source != null && (properties == null || !properties.changed()) && children == null;
    }

    FdtNode source() {
        return source;
    }

    long offset() {
        return source == null ? -1 : source.offset();
    }

    /** The order among siblings: a lower slot comes first. */
    long slot() {
        return slot;
    }

    private PropertyList propertyList() {
        if (properties == null) {
            properties = new PropertyList(source == null ? List.of() : source.properties());
        }
        return properties;
    }

    /**
     * The children, copied into drafts on first use; add through {@link #addChild}, remove through the
     * list. A leaf answers the empty list and stays unchanged (most nodes of a large tree are leaves).
     */
    List<DraftNode> children() {
        if (children == null && (source == null || source.children().isEmpty())) {
            return List.of();
        }
        return materializedChildren();
    }

    private List<DraftNode> materializedChildren() {
        if (children == null) {
            children = new SiblingList<>();
            if (source != null) {
                for (FdtNode c : source.children()) {
                    DraftNode d = new DraftNode(c.name(), c.path(), this, c);
                    d.slot = ++lastSlot;
                    children.add(children.size(), d);
                }
            }
        }
        return children;
    }

    /** Read-only: the properties in order, without copying them. */
    List<FdtProperty> currentProperties() {
        return properties != null ? properties.view() : source == null ? List.of() : source.properties();
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
     * takes the new value; a new property goes first, right after the node's name. Returns the length of
     * the value replaced, or -1 when the property is new.
     */
    int setFirst(String propertyName, byte[] value) {
        FdtProperty p = FdtProperty.of(path, propertyName, value);
        int at = indexOf(propertyName);
        if (at >= 0) {
            int old = currentProperties().get(at).length();
            propertyList().set(at, p);
            return old;
        }
        propertyList().addFirst(p);
        return -1;
    }

    /** Replaces property {@code index} (same name, new value). */
    void setProperty(int index, FdtProperty p) {
        propertyList().set(index, p);
    }

    /** A new property, first (libfdt's place) or last. */
    void addProperty(FdtProperty p, boolean first) {
        if (first) {
            propertyList().addFirst(p);
        } else {
            propertyList().addLast(p);
        }
    }

    void removeProperty(int index) {
        propertyList().remove(index);
    }

    /** Adds an empty child as libfdt's fdt_add_subnode does: first among the children. */
    DraftNode addFirstChild(String childName) {
        return addChild(childName, true);
    }

    /** Adds an empty child, first among the children or last. */
    DraftNode addChild(String childName, boolean first) {
        List<DraftNode> list = materializedChildren();
        DraftNode n = new DraftNode(childName, FdtNode.childPath(path, childName), this, null);
        if (list.isEmpty()) {
            firstSlot = 0;
            lastSlot = 0;
            n.slot = 0;
        } else if (first) {
            n.slot = --firstSlot;
        } else {
            n.slot = ++lastSlot;
        }
        list.add(first ? 0 : list.size(), n);
        return n;
    }

    /** The index of the property called {@code propertyName}, or -1. */
    int indexOf(String propertyName) {
        List<FdtProperty> list = currentProperties();
        if (properties == null && list.size() <= 8) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i).name().equals(propertyName)) {
                    return i;
                }
            }
            return -1;
        }
        return propertyList().indexOf(propertyName);
    }
}
