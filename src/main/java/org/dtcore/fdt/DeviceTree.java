package org.dtcore.fdt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole device tree: the root node, the /memreserve/ entries and, when it came from a blob, the header.
 * The same type serves a blob and a /proc/device-tree folder, so the memory rules run on either.
 *
 * @param header       the blob header, or null for a tree that was not read from a blob
 * @param reservations the memory reservation block (SPEC §1), without the terminating entry
 * @param root         the root node
 */
public record DeviceTree(Optional<FdtHeader> header, List<RegEntry> reservations, FdtNode root) {

    public DeviceTree {
        Objects.requireNonNull(header, "header");
        reservations = List.copyOf(reservations);
    }

    public DeviceTree(List<RegEntry> reservations, FdtNode root) {
        this(Optional.empty(), reservations, root);
    }

    /**
     * An editor over a copy of this tree that appends new properties and nodes (SPEC §11: the capture
     * kernel's tree is an edited copy).
     */
    public TreeEditor edit() {
        return new TreeEditor(this, TreeEditor.Placement.APPEND);
    }

    /** An editor over a copy of this tree that places new properties and nodes as {@code placement} says. */
    public TreeEditor edit(TreeEditor.Placement placement) {
        return new TreeEditor(this, placement);
    }

    /**
     * A node by absolute path ("/", "/chosen", "/reserved-memory/ramoops@8f000000"). Each component
     * matches as {@link FdtNode#child} does (a name without unit address also finds name@unit).
     */
    public Optional<FdtNode> node(String path) {
        if (!path.startsWith("/")) {
            return Optional.empty();
        }
        FdtNode at = root;
        for (String part : path.substring(1).split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            Optional<FdtNode> next = at.child(part);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            at = next.get();
        }
        return Optional.of(at);
    }
}
