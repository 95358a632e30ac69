package org.dtcore.input;

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
import java.util.Arrays;
import java.util.List;

/**
 * A folder to walk whole (a /proc/device-tree copy), on disk or inside a system root's archive: its entries
 * without following links, and a link followed only on request and only to a regular file inside the folder
 * the walk started from (its top). What a walker makes of each entry, and how it words a refusal, is its own.
 *
 * <p>Failures of the file system are {@link InputException}s naming the entry.
 */
public abstract class InputFolder {
    /** What an entry is, its link (if it is one) not followed. */
    public enum Kind {
        /** a regular file */
        FILE,
        /** a folder */
        FOLDER,
        /** a symbolic link, not followed; see {@link #linkEnd} */
        LINK,
        /** a FIFO, socket or device: never read */
        OTHER
    }

    /** Where a link leads. */
    public enum LinkEnd {
        /** a regular file inside the top folder */
        FILE,
        /** out of the top folder */
        OUTSIDE,
        /** inside, but to a folder or special file */
        NOT_A_FILE,
        /** nowhere: dangling, or a loop */
        NOWHERE
    }

    /**
     * One entry of a folder.
     *
     * @param name the entry's name in the folder, without a path
     * @param kind what the entry is, a link not followed
     */
    public record Entry(String name, Kind kind) {
    }

    InputFolder() {
    }

    /**
     * The folder {@code folder} on disk, the top of its own walk: links must stay inside it.
     *
     * @param folder a folder on disk (a link to one is followed once, here)
     * @return the folder, ready to walk
     * @throws InputException NOT_REGULAR when {@code folder} is not a folder, NO_SUCH_FILE or UNREADABLE
     */
    public static InputFolder of(Path folder) {
        Path real;
        try {
            real = folder.toRealPath();
        } catch (IOException e) {
            throw InputFile.unreadable(folder, e);
        }
        if (!Files.isDirectory(real)) {
            throw new InputException(InputException.Kind.NOT_REGULAR, folder.toString(), "not a folder");
        }
        return new OnDisk(real, real);
    }

    /**
     * What messages call this folder.
     *
     * @return the folder's path on disk, or ARCHIVE:PATH inside an archive
     */
    public abstract String name();

    /**
     * Lists the folder.
     *
     * @return the entries, sorted by name (String order): the same order on every run, whatever readdir
     *         gives; empty for an empty folder
     * @throws InputException UNREADABLE when the folder cannot be listed
     */
    public abstract List<Entry> entries();

    /**
     * Steps into a sub-folder.
     *
     * @param name an entry of {@link #entries()} whose kind is {@link Kind#FOLDER}
     * @return that folder, in the same walk (links in it must stay inside the same top folder)
     */
    public abstract InputFolder folder(String name);

    /**
     * Follows a link, without reading what it names.
     *
     * @param name an entry of {@link #entries()} whose kind is {@link Kind#LINK}
     * @return where the link leads
     */
    public abstract LinkEnd linkEnd(String name);

    /**
     * The size the file {@code name} (or the file its link leads to) says it has: for procfs and sysfs not
     * the size of what a read returns, so use it for a report, not to size a read.
     *
     * @param name an entry of {@link #entries()}: a file, or a link whose {@link #linkEnd} is FILE
     * @return the size in bytes the file system reports
     * @throws InputException OUTSIDE_ROOT for a link that does not lead to a file inside the top folder,
     *         UNREADABLE
     */
    public abstract long size(String name);

    /**
     * The file {@code name} (or the file inside its link leads to), read to its end but never more than
     * {@code max} + 1 bytes: a result longer than {@code max} means the file is.
     *
     * @param name an entry of {@link #entries()}: a file, or a link whose {@link #linkEnd} is FILE
     * @param max  the most bytes the caller accepts
     * @return the file's bytes, at most {@code max} + 1 of them
     * @throws InputException OUTSIDE_ROOT for a link that does not lead to a file inside the top folder,
     *         TOO_LARGE for an archived file too large to have been kept, UNREADABLE
     */
    public abstract byte[] read(String name, int max);

    /** A folder on disk. */
    private static final class OnDisk extends InputFolder {
        private final Path top;
        private final Path dir;

        OnDisk(Path top, Path dir) {
            this.top = top;
            this.dir = dir;
        }

        @Override
        public String name() {
            return dir.toString();
        }

        @Override
        public List<Entry> entries() {
            List<Entry> out = new ArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    Kind k = a.isSymbolicLink() ? Kind.LINK : a.isDirectory() ? Kind.FOLDER
                            : a.isRegularFile() ? Kind.FILE : Kind.OTHER;
                    out.add(new Entry(p.getFileName().toString(), k));
                }
            } catch (IOException e) {
                throw new InputException(InputException.Kind.UNREADABLE, dir.toString(), "cannot list folder: "
                        + InputFile.reason(e));
            }
            out.sort((a, b) -> a.name().compareTo(b.name()));
            return out;
        }

        @Override
        public InputFolder folder(String name) {
            return new OnDisk(top, dir.resolve(name));
        }

        @Override
        public LinkEnd linkEnd(String name) {
            Path target;
            try {
                target = dir.resolve(name).toRealPath();
            } catch (IOException e) {
                return LinkEnd.NOWHERE;
            }
            if (!target.startsWith(top)) {
                return LinkEnd.OUTSIDE;
            }
            return Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) ? LinkEnd.FILE : LinkEnd.NOT_A_FILE;
        }

        private Path file(String name) {
            Path p = dir.resolve(name);
            if (!Files.isSymbolicLink(p)) {
                return p;
            }
            if (linkEnd(name) != LinkEnd.FILE) {
                throw new InputException(InputException.Kind.OUTSIDE_ROOT, p.toString(),
                        "a link that does not lead to a file inside " + top + "; not followed");
            }
            try {
                return p.toRealPath();
            } catch (IOException e) {
                throw InputFile.unreadable(p, e);
            }
        }

        @Override
        public long size(String name) {
            Path p = file(name);
            try {
                return Files.size(p);
            } catch (IOException e) {
                throw InputFile.unreadable(p, e);
            }
        }

        @Override
        public byte[] read(String name, int max) {
            Path p = file(name);
            // NOFOLLOW_LINKS: a file swapped for a link after the check above is refused by the open itself
            try (SeekableByteChannel ch = Files.newByteChannel(p, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                // read to EOF rather than trust size(): sysfs sizes can differ from what a read returns
                ByteBuffer buf = ByteBuffer.allocate((int) Math.min(max + 1L, Math.max(ch.size() + 1, 64)));
                while (buf.position() <= max) {
                    if (!buf.hasRemaining()) {
                        ByteBuffer bigger = ByteBuffer.allocate((int) Math.min(max + 1L, (long) buf.capacity() * 2));
                        buf.flip();
                        bigger.put(buf);
                        buf = bigger;
                    }
                    if (ch.read(buf) < 0) {
                        break;
                    }
                }
                byte[] out = new byte[buf.position()];
                buf.flip().get(out);
                return out;
            } catch (IOException e) {
                throw new InputException(InputException.Kind.UNREADABLE, p.toString(), "cannot read: " + InputFile.reason(e));
            }
        }
    }

    /** A folder inside an archive. */
    static final class InArchive extends InputFolder {
        private final TarArchive archive;
        private final String top;
        private final TarArchive.Node dir;

        InArchive(TarArchive archive, String top, TarArchive.Node dir) {
            this.archive = archive;
            this.top = top;
            this.dir = dir;
        }

        @Override
        public String name() {
            return archive.where(dir.path);
        }

        @Override
        public List<Entry> entries() {
            List<Entry> out = new ArrayList<>(dir.children.size());
            dir.children.forEach((name, n) -> out.add(new Entry(name, switch (n.type) {
                case FILE -> Kind.FILE;
                case FOLDER -> Kind.FOLDER;
                case LINK -> Kind.LINK;
                case OTHER -> Kind.OTHER;
            })));
            return out;
        }

        @Override
        public InputFolder folder(String name) {
            return new InArchive(archive, top, dir.children.get(name));
        }

        @Override
        public LinkEnd linkEnd(String name) {
            TarArchive.Resolved r = archive.resolve(dir.children.get(name).path, true);
            return switch (r.end()) {
                case MISSING, LOOP -> LinkEnd.NOWHERE;
                case OUTSIDE -> LinkEnd.OUTSIDE;
                case FOUND -> !inside(r.node().path) ? LinkEnd.OUTSIDE
                        : r.node().type == TarArchive.Type.FILE ? LinkEnd.FILE : LinkEnd.NOT_A_FILE;
            };
        }

        private boolean inside(String path) {
            return top.isEmpty() || path.equals(top) || path.startsWith(top + "/");
        }

        private TarArchive.Node file(String name) {
            TarArchive.Node n = dir.children.get(name);
            if (n.type != TarArchive.Type.LINK) {
                return n;
            }
            if (linkEnd(name) != LinkEnd.FILE) {
                throw archive.refuse(InputException.Kind.OUTSIDE_ROOT, n.path, "a link that does not lead to a file"
                        + " inside " + archive.where(top) + "; not followed");
            }
            return archive.resolve(n.path, true).node();
        }

        @Override
        public long size(String name) {
            return file(name).size;
        }

        @Override
        public byte[] read(String name, int max) {
            TarArchive.Node n = file(name);
            if (n.data == null) {
                throw archive.refuse(InputException.Kind.TOO_LARGE, n.path, "larger than dtcore keeps of a file it"
                        + " does not read; refusing to read it");
            }
            return Arrays.copyOf(n.data, Math.min(n.data.length, max + 1));
        }
    }
}
