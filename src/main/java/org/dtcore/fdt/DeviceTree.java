package org.dtcore.fdt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole device tree: the root node, the /memreserve/ entries and, when it came from a blob, the header.
 * The same type serves a blob and a /proc/device-tree folder, so the memory rules run on either.
 *
 * @param header       the blob header; empty for a tree that was not read from a blob (a /proc/device-tree
 *                     folder, a tree built in memory)
 * @param reservations the memory reservation block (SPEC §1), without the terminating entry
 * @param root         the root node
 */
public record DeviceTree(Optional<FdtHeader> header, List<RegEntry> reservations, FdtNode root) {

    /**
     * Keeps an unmodifiable copy of the reservations.
     *
     * @param header       the blob header; empty for a tree that was not read from a blob
     * @param reservations the memory reservation block (SPEC §1), without the terminating entry
     * @param root         the root node
     */
    public DeviceTree {
        Objects.requireNonNull(header, "header");
        reservations = List.copyOf(reservations);
    }

    /**
     * A tree that was not read from a blob, so has no header: a folder's, or one built in memory.
     * {@link FdtWriter} writes it with boot_cpuid_phys 0.
     *
     * @param reservations the /memreserve/ entries, none of size 0 if the tree is to be written
     * @param root         the root node
     */
    public DeviceTree(List<RegEntry> reservations, FdtNode root) {
        this(Optional.empty(), reservations, root);
    }

    /**
     * An editor over a copy of this tree that appends new properties and nodes (SPEC §11: the capture
     * kernel's tree is an edited copy).
     *
     * @return a new editor; this tree stays as it is
     */
    public TreeEditor edit() {
        return new TreeEditor(this, TreeEditor.Placement.APPEND);
    }

    /**
     * An editor over a copy of this tree.
     *
     * @param placement where new properties and nodes go among their siblings ({@code LIBFDT} to match a
     *                  loader that edits with libfdt)
     * @return a new editor; this tree stays as it is
     */
    public TreeEditor edit(TreeEditor.Placement placement) {
        return new TreeEditor(this, placement);
    }

    /**
     * A node by absolute path ("/", "/chosen", "/reserved-memory/ramoops@8f000000"). Each component
     * matches as {@link FdtNode#child} does (a name without unit address also finds name@unit).
     *
     * @param path an absolute path; empty components ("//", a trailing "/") are skipped
     * @return the node; empty when the path does not start with "/" or some component is missing
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
