package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_FOLDER;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.input.InputFile;

/**
 * Reads a /proc/device-tree style folder (sysfs {@code firmware/devicetree/base}, or a copy of it) into
 * a {@link DeviceTree} (SPEC §7): a subfolder is a node named after the folder, a regular file a property
 * whose value is the file's raw bytes. The tree has no header and no /memreserve/ entries (the folder has
 * neither); the root folder's {@code name} file, when present, is a property like any other.
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
        public static final Limits DEFAULT = new Limits(16L << 20, 256L << 20, 64, 1_000_000);

        public Limits {
            // one value is read into one array, so it must fit in one
            if (maxFileBytes < 0 || maxFileBytes > Integer.MAX_VALUE - 16 || maxTotalBytes < 0 || maxDepth < 0
                    || maxEntries < 0) {
                throw new MemoryMapException(BAD_FOLDER, "",
                        "device-tree folder limits out of range: " + maxFileBytes + ", "
                        + maxTotalBytes + ", " + maxDepth + ", " + maxEntries);
            }
        }
    }

    private final Path root;
    private final Limits limits;
    private long totalBytes;
    private int entries;

    private DeviceTreeFolder(Path root, Limits limits) {
        this.root = root;
        this.limits = limits;
    }

    /** Reads {@code folder} with {@link Limits#DEFAULT}. */
    public static DeviceTree read(Path folder) {
        return read(folder, Limits.DEFAULT);
    }

    /**
     * Reads {@code folder}. The folder itself may be a link (/proc/device-tree is one); links below it
     * follow the rules in the class comment.
     */
    public static DeviceTree read(Path folder, Limits limits) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw new MemoryMapException(BAD_FOLDER, folder.toString(),
                    "cannot open device-tree folder: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(real)) {
            throw new MemoryMapException(BAD_FOLDER, folder.toString(), "not a folder");
        }
        DeviceTreeFolder reader = new DeviceTreeFolder(real, limits);
        return new DeviceTree(null, List.of(), reader.node(real, "", "/", 0));
    }

    private FdtNode node(Path dir, String name, String path, int depth) {
        if (depth > limits.maxDepth()) {
            throw new MemoryMapException(BAD_FOLDER, path, "nodes nest deeper than " + limits.maxDepth() + " levels");
        }
        count(path);
        List<Path> listing = list(dir, path);
        FdtNode.Builder node = new FdtNode.Builder(name, path, -1);
        List<FdtNode> children = new ArrayList<>();
        for (Path entry : listing) {
            String entryName = entry.getFileName().toString();
            String entryPath = FdtNode.childPath(path, entryName);
            BasicFileAttributes attrs = attributes(entry, entryPath);
            if (attrs.isSymbolicLink()) {
                Path target = linkTarget(entry, entryPath);
                node.property(FdtProperty.of(path, entryName, contents(target, entryPath)));
            } else if (attrs.isDirectory()) {
                children.add(node(entry, entryName, entryPath, depth + 1));
            } else if (attrs.isRegularFile()) {
                node.property(FdtProperty.of(path, entryName, contents(entry, entryPath)));
            } else {
                throw new MemoryMapException(BAD_FOLDER, entryPath, "neither a file nor a folder");
            }
        }
        children.forEach(node::child);
        return node.build();
    }

    private List<Path> list(Path dir, String path) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                out.add(p);
            }
        } catch (IOException e) {
            throw new MemoryMapException(BAD_FOLDER, path, "cannot list folder: " + InputFile.reason(e), e);
        }
        out.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        return out;
    }

    private static BasicFileAttributes attributes(Path p, String path) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new MemoryMapException(BAD_FOLDER, path, "cannot read attributes: " + e.getMessage(), e);
        }
    }

    // SPEC §7: never follow a link out of the folder.
    private Path linkTarget(Path link, String path) {
        Path target;
        try {
            target = link.toRealPath();
        } catch (IOException e) {
            throw new MemoryMapException(BAD_FOLDER, path, "link leads nowhere: " + e.getMessage(), e);
        }
        if (!target.startsWith(root)) {
            throw new MemoryMapException(BAD_FOLDER, path,
                    "link points out of the device-tree folder; refusing to follow it");
        }
        if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new MemoryMapException(BAD_FOLDER, path,
                    "link does not lead to a regular file; refusing to follow it");
        }
        return target;
    }

    private byte[] contents(Path file, String path) {
        count(path);
        // NOFOLLOW_LINKS: a file swapped for a link after the check above is refused by the open itself
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long max = limits.maxFileBytes();
            if (ch.size() > max) {
                throw tooBig(path, ch.size());
            }
            // read to EOF rather than trust size(): sysfs sizes can differ from what a read returns
            ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max + 1, Math.max(ch.size() + 1, 64)));
            while (true) {
                if (!buf.hasRemaining()) {
                    if (buf.capacity() > max) {
                        throw tooBig(path, buf.capacity());
                    }
                    ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(max + 1, (long) buf.capacity() * 2));
                    buf.flip();
                    bigger.put(buf);
                    buf = bigger;
                }
                if (ch.read(buf) < 0) {
                    break;
                }
            }
            if (buf.position() > max) {
                throw tooBig(path, buf.position());
            }
            totalBytes += buf.position();
            if (totalBytes > limits.maxTotalBytes()) {
                throw new MemoryMapException(BAD_FOLDER, path, "property values add up to more than "
                        + limits.maxTotalBytes() + " bytes");
            }
            byte[] out = new byte[buf.position()];
            buf.flip().get(out);
            return out;
        } catch (IOException e) {
            throw new MemoryMapException(BAD_FOLDER, path, "cannot read: " + e.getMessage(), e);
        }
    }

    private MemoryMapException tooBig(String path, long size) {
        return new MemoryMapException(BAD_FOLDER, path, "file holds " + size + " bytes or more, over the "
                + limits.maxFileBytes() + "-byte limit for one property");
    }

    private void count(String path) {
        if (++entries > limits.maxEntries()) {
            throw new MemoryMapException(BAD_FOLDER, path,
                    "more than " + limits.maxEntries() + " nodes and properties");
        }
    }
}
