package org.dtcore.fdt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node of a read-only tree: name (with unit address), full path, properties in blob order, children
 * in blob order. Built by {@link FdtParser} from a blob, or by any other reader (a /proc/device-tree
 * folder) through {@link Builder}.
 */
public final class FdtNode {
    private final String name;
    private final String path;
    private final long offset;
    private final List<FdtProperty> properties;
    private final List<FdtNode> children;

    private FdtNode(String name, String path, long offset, List<FdtProperty> properties, List<FdtNode> children) {
        this.name = name;
        this.path = path;
        this.offset = offset;
        this.properties = properties;
        this.children = children;
    }

    /**
     * The node's name as the blob stores it.
     *
     * @return the name with its unit address ("memory@40000000"); "" for the root
     */
    public String name() {
        return name;
    }

    /**
     * The node's name before its unit address, as Linux's of_node_name_eq compares it.
     *
     * @return the name up to its first '@' ("memory"); the whole name when it has none
     */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /**
     * Where the node is, the name every message about it uses.
     *
     * @return the absolute path, unit addresses included ("/", "/reserved-memory/region@0")
     */
    public String path() {
        return path;
    }

    /**
     * Where the node starts in its blob.
     *
     * @return the byte offset of its BEGIN_NODE token; -1 when not read from a blob
     */
    public long offset() {
        return offset;
    }

    /**
     * The node's properties. A name may appear twice in a blob: every lookup here takes the first, as libfdt's
     * fdt_getprop does.
     *
     * @return the properties in blob order, unmodifiable
     */
    public List<FdtProperty> properties() {
        return properties;
    }

    /**
     * The node's subnodes.
     *
     * @return the children in blob order, unmodifiable
     */
    public List<FdtNode> children() {
        return children;
    }

    /**
     * A property by exact name.
     *
     * @param propertyName the property's name
     * @return the first property of that name; empty when the node has none
     */
    public Optional<FdtProperty> property(String propertyName) {
        for (FdtProperty p : properties) {
            if (p.name().equals(propertyName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the node has a property, whatever its value (an empty property is a flag).
     *
     * @param propertyName the property's name
     * @return true when a property of that name is there
     */
    public boolean hasProperty(String propertyName) {
        return property(propertyName).isPresent();
    }

    /**
     * A direct child by name. As libfdt's fdt_subnode_offset, a name without a unit address also matches
     * "name@unit" when no child is called exactly "name" (so "chosen" finds "chosen@0", SPEC §6).
     *
     * @param childName the child's name, with or without a unit address
     * @return the first child called exactly that, else the first whose {@link #baseName()} it is; empty
     *         when none answers
     */
    public Optional<FdtNode> child(String childName) {
        for (FdtNode c : children) {
            if (c.name.equals(childName)) {
                return Optional.of(c);
            }
        }
        if (childName.indexOf('@') < 0) {
            for (FdtNode c : children) {
                if (c.baseName().equals(childName)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether Linux uses the node: its status is absent, "okay" or "ok" (SPEC §3.2, Linux
     * of_fdt_device_is_available).
     *
     * @return false for "disabled", "reserved", "fail" or any other status
     */
    public boolean isAvailable() {
        Optional<FdtProperty> status = property("status");
        // of_fdt_device_is_available compares with strcmp: a missing NUL or text after one is no matter
        return status.isEmpty() || status.get().isCString("okay") || status.get().isCString("ok");
    }

    @Override
    public String toString() {
        return path;
    }

    /** Builds nodes bottom-up; the path is given by the caller so readers need no parent links. */
    public static final class Builder {
        private final String name;
        private final String path;
        private final long offset;
        private final List<FdtProperty> properties = new ArrayList<>();
        private final List<FdtNode> children = new ArrayList<>();

        /**
         * A builder of a node without properties or children yet.
         *
         * @param name   the name with its unit address; "" for the root
         * @param path   the absolute path ({@link #childPath} makes a child's)
         * @param offset the byte offset of its BEGIN_NODE token; -1 when not read from a blob
         */
        public Builder(String name, String path, long offset) {
            this.name = name;
            this.path = path;
            this.offset = offset;
        }

        /**
         * The path the node will have, for building its children's.
         *
         * @return the path given to the constructor
         */
        public String path() {
            return path;
        }

        /**
         * Adds a property after those already added. Nothing checks that a name is not there twice: a blob
         * may hold that, and the tree keeps what the blob holds.
         *
         * @param p the property
         * @return this builder
         */
        public Builder property(FdtProperty p) {
            properties.add(p);
            return this;
        }

        /**
         * Adds a finished child after those already added.
         *
         * @param n the child, built before this node
         * @return this builder
         */
        public Builder child(FdtNode n) {
            children.add(n);
            return this;
        }

        /**
         * Whether a child was added so far.
         *
         * @return true once {@link #child} was called
         */
        public boolean hasChildren() {
            return !children.isEmpty();
        }

        /**
         * The node, with copies of the properties and children added so far; the builder can go on.
         *
         * @return an immutable node
         */
        public FdtNode build() {
            // List.copyOf: one small object per list, and the shared empty list for a leaf (a blob of
            // a million nodes holds a million leaves)
            return new FdtNode(name, path, offset, List.copyOf(properties), List.copyOf(children));
        }
    }

    /**
     * The path of a child, without a doubled slash under the root.
     *
     * @param parentPath the parent's absolute path
     * @param childName  the child's name with its unit address
     * @return {@code /childName} under the root, else {@code parentPath/childName}
     */
    public static String childPath(String parentPath, String childName) {
        return parentPath.equals("/") ? "/" + childName : parentPath + "/" + childName;
    }
}
