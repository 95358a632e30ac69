package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_FOLDER;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.input.InputException;
import org.dtcore.input.InputFolder;

/**
 * Reads a /proc/device-tree style folder (sysfs {@code firmware/devicetree/base}, or a copy of it, on disk or
 * in a system root's archive) into a {@link DeviceTree} (SPEC §7): a subfolder is a node named after the
 * folder, a regular file a property whose value is the file's raw bytes. The tree has no header and no
 * /memreserve/ entries (the folder has neither); the root folder's {@code name} file, when present, is a
 * property like any other.
 *
 * <p>Order: the kernel lists nodes and properties in creation order, which a copied folder cannot keep
 * and readdir does not promise, so children and properties are sorted by name (String order) to give the
 * same tree on every run. Nothing in the memory rules depends on order.
 *
 * <p>Links: SPEC §7 says never follow a link out of the folder. sysfs has no links inside the tree, so a
 * link is either a copy's artefact or an attempt to read something else: one that resolves to a regular
 * file inside the folder is read as that file; any other link (escaping the folder, to a folder, which
 * could loop, or dangling) fails with an error naming it rather than being skipped, because a silently
 * missing property would change the memory map without a word. Files that are neither regular files nor
 * folders (FIFOs, devices) fail too: reading them could block or never end.
 *
 * <p>Limits against hostile input, each failing with the path inside the folder: one file's size, the
 * total bytes, depth and the number of nodes plus properties.
 */
public final class DeviceTreeFolder {

    /**
     * Bounds for one read.
     *
     * @param maxFileBytes  largest property value (file)
     * @param maxTotalBytes largest sum of all property values
     * @param maxDepth      deepest node level (the root is level 0); SPEC §1 caps blobs at 64 too
     * @param maxEntries    most nodes plus properties
     */
    public record Limits(long maxFileBytes, long maxTotalBytes, int maxDepth, int maxEntries) {
        /** 16 MiB for one value, 256 MiB in all, 64 levels, a million nodes and properties. */
        public static final Limits DEFAULT = new Limits(16L << 20, 256L << 20, 64, 1_000_000);

        /**
         * Checks that each bound can be kept: one value is read into one array, so it must fit in one.
         *
         * @param maxFileBytes  largest property value (file), at most {@code Integer.MAX_VALUE - 16}
         * @param maxTotalBytes largest sum of all property values, 0 or more
         * @param maxDepth      deepest node level (the root is level 0), 0 or more
         * @param maxEntries    most nodes plus properties, 0 or more
         * @throws FdtException of kind {@link FdtException.Kind#BAD_FOLDER} when a bound is out of range
         */
        public Limits {
            // one value is read into one array, so it must fit in one
            if (maxFileBytes < 0 || maxFileBytes > Integer.MAX_VALUE - 16 || maxTotalBytes < 0 || maxDepth < 0
                    || maxEntries < 0) {
                throw FdtException.of(BAD_FOLDER, "device-tree folder limits out of range: " + maxFileBytes + ", "
                        + maxTotalBytes + ", " + maxDepth + ", " + maxEntries);
            }
        }
    }

    private final Limits limits;
    private long totalBytes;
    private int entries;

    private DeviceTreeFolder(Limits limits) {
        this.limits = limits;
    }

    /**
     * Reads a folder on disk with {@link Limits#DEFAULT}, as {@link #read(Path, Limits)} does.
     *
     * @param folder the tree's top folder, such as {@code /proc/device-tree}
     * @return the tree, without a header or /memreserve/ entries
     * @throws FdtException of kind {@link FdtException.Kind#BAD_FOLDER}, naming the path inside the folder
     */
    public static DeviceTree read(Path folder) {
        return read(folder, Limits.DEFAULT);
    }

    /**
     * Reads {@code folder}. The folder itself may be a link (/proc/device-tree is one); links below it
     * follow the rules in the class comment.
     *
     * @param folder the tree's top folder
     * @param limits the bounds against hostile input
     * @return the tree, without a header or /memreserve/ entries
     * @throws FdtException of kind {@link FdtException.Kind#BAD_FOLDER} when the folder cannot be opened, is
     *                      no tree, or breaks a rule or bound (naming the path inside it)
     */
    public static DeviceTree read(Path folder, Limits limits) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw FdtException.atPath(BAD_FOLDER, folder.toString(), "cannot open device-tree folder: "
                    + e.getMessage());
        }
        if (!Files.isDirectory(real)) {
            throw FdtException.atPath(BAD_FOLDER, folder.toString(), "not a folder");
        }
        return read(InputFolder.of(real), limits);
    }

    /**
     * Reads a system root's folder (on disk or in an archive) with {@link Limits#DEFAULT}; links are kept
     * inside it.
     *
     * @param folder the tree's top folder
     * @return the tree, without a header or /memreserve/ entries
     * @throws FdtException of kind {@link FdtException.Kind#BAD_FOLDER}, naming the path inside the folder
     */
    public static DeviceTree read(InputFolder folder) {
        return read(folder, Limits.DEFAULT);
    }

    /**
     * Reads a system root's folder (on disk or in an archive); links are kept inside it.
     *
     * @param folder the tree's top folder
     * @param limits the bounds against hostile input
     * @return the tree, without a header or /memreserve/ entries
     * @throws FdtException of kind {@link FdtException.Kind#BAD_FOLDER}, naming the path inside the folder
     */
    public static DeviceTree read(InputFolder folder, Limits limits) {
        return new DeviceTree(List.of(), new DeviceTreeFolder(limits).node(folder, "", "/", 0));
    }

    /**
     * Properties a tree's root holds, one of which a device-tree folder has at its top: {@code name}, which
     * Linux gives every node it unflattens (drivers/of/fdt.c populate_properties(), so /proc/device-tree
     * always has it), and those the devicetree specification requires of the root (§3.2: #address-cells,
     * #size-cells, model, compatible), which {@code dtc -O fs} writes from any real board's source.
     */
    static final List<String> ROOT_PROPERTIES = List.of("name", "compatible", "model", "#address-cells",
            "#size-cells");

    /**
     * Refuses a folder whose top holds none of {@link #ROOT_PROPERTIES} as a file before anything in it is
     * read: a build or source folder is no tree, and its large files would otherwise fail as oversized
     * properties, or its lack of memory nodes pass as a board without RAM.
     */
    private static void requireRoot(List<InputFolder.Entry> listing) {
        for (InputFolder.Entry e : listing) {
            if (e.kind() != InputFolder.Kind.FOLDER && ROOT_PROPERTIES.contains(e.name())) {
                return;
            }
        }
        throw FdtException.of(BAD_FOLDER, "not a device-tree folder: no file at its top is one of the"
                + " properties a tree's root has (" + String.join(", ", ROOT_PROPERTIES) + ")");
    }

    private FdtNode node(InputFolder dir, String name, String path, int depth) {
        if (depth > limits.maxDepth()) {
            throw FdtException.atPath(BAD_FOLDER, path, "nodes nest deeper than " + limits.maxDepth() + " levels");
        }
        count(path);
        List<InputFolder.Entry> listing = guarded(path, dir::entries);
        if (depth == 0) {
            requireRoot(listing);
        }
        FdtNode.Builder node = new FdtNode.Builder(name, path, -1);
        List<FdtNode> children = new ArrayList<>();
        for (InputFolder.Entry entry : listing) {
            String entryName = entry.name();
            String entryPath = FdtNode.childPath(path, entryName);
            switch (entry.kind()) {
                case LINK -> {
                    // SPEC §7: never follow a link out of the folder
                    switch (dir.linkEnd(entryName)) {
                        case OUTSIDE -> throw FdtException.atPath(BAD_FOLDER, entryPath,
                                "link points out of the device-tree folder; refusing to follow it");
                        case NOT_A_FILE -> throw FdtException.atPath(BAD_FOLDER, entryPath,
                                "link does not lead to a regular file; refusing to follow it");
                        case NOWHERE -> throw FdtException.atPath(BAD_FOLDER, entryPath, "link leads nowhere");
                        case FILE -> node.property(FdtProperty.of(path, entryName, contents(dir, entryName, entryPath)));
                    }
                }
                case FOLDER -> children.add(node(dir.folder(entryName), entryName, entryPath, depth + 1));
                case FILE -> node.property(FdtProperty.of(path, entryName, contents(dir, entryName, entryPath)));
                case OTHER -> throw FdtException.atPath(BAD_FOLDER, entryPath, "neither a file nor a folder");
            }
        }
        children.forEach(node::child);
        return node.build();
    }

    private byte[] contents(InputFolder dir, String name, String path) {
        count(path);
        long max = limits.maxFileBytes();
        long size = guarded(path, () -> dir.size(name));
        if (size > max) {
            throw tooBig(path, size);
        }
        byte[] out = guarded(path, () -> dir.read(name, (int) max));
        if (out.length > max) {
            throw tooBig(path, out.length);
        }
        totalBytes += out.length;
        if (totalBytes > limits.maxTotalBytes()) {
            throw FdtException.atPath(BAD_FOLDER, path, "property values add up to more than "
                    + limits.maxTotalBytes() + " bytes");
        }
        return out;
    }

    private interface Read<T> {
        T run();
    }

    /** A failure of the file system, located at the node path it was reading. */
    private static <T> T guarded(String path, Read<T> read) {
        try {
            return read.run();
        } catch (InputException e) {
            throw FdtException.atPath(BAD_FOLDER, path, e.detail());
        }
    }

    private FdtException tooBig(String path, long size) {
        return FdtException.atPath(BAD_FOLDER, path, "file holds " + size + " bytes or more, over the "
                + limits.maxFileBytes() + "-byte limit for one property");
    }

    private void count(String path) {
        if (++entries > limits.maxEntries()) {
            throw FdtException.atPath(BAD_FOLDER, path, "more than " + limits.maxEntries() + " nodes and properties");
        }
    }
}
