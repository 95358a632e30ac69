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

    /** The node name with its unit address ("memory@40000000"); "" for the root. */
    public String name() {
        return name;
    }

    /** The name without the unit address ("memory"). */
    public String baseName() {
        int at = name.indexOf('@');
        return at < 0 ? name : name.substring(0, at);
    }

    /** The full path ("/", "/reserved-memory/region@0"). */
    public String path() {
        return path;
    }

    /** Byte offset of the BEGIN_NODE token, or -1 when not read from a blob. */
    public long offset() {
        return offset;
    }

    public List<FdtProperty> properties() {
        return properties;
    }

    public List<FdtNode> children() {
        return children;
    }

    public Optional<FdtProperty> property(String propertyName) {
        for (FdtProperty p : properties) {
            if (p.name().equals(propertyName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    public boolean hasProperty(String propertyName) {
        return property(propertyName).isPresent();
    }

    /**
     * A direct child by name. As libfdt's fdt_subnode_offset, a name without a unit address also matches
     * "name@unit" when no child is called exactly "name" (so "chosen" finds "chosen@0", SPEC §6).
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

    /** Status is absent, "okay" or "ok" (SPEC §3.2, Linux of_fdt_device_is_available). */
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

        public Builder(String name, String path, long offset) {
            this.name = name;
            this.path = path;
            this.offset = offset;
        }

        public String path() {
            return path;
        }

        public Builder property(FdtProperty p) {
            properties.add(p);
            return this;
        }

        public Builder child(FdtNode n) {
            children.add(n);
            return this;
        }

        public boolean hasChildren() {
            return !children.isEmpty();
        }

        public FdtNode build() {
            // List.copyOf: one small object per list, and the shared empty list for a leaf (a blob of
            // a million nodes holds a million leaves)
            return new FdtNode(name, path, offset, List.copyOf(properties), List.copyOf(children));
        }
    }

    /** The path of a child called {@code childName} under {@code parentPath}. */
    public static String childPath(String parentPath, String childName) {
        return parentPath.equals("/") ? "/" + childName : parentPath + "/" + childName;
    }
}
