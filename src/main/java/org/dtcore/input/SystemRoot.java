package org.dtcore.input;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A running system's /sys and /proc, or a copy of them (SPEC §10): a folder ("/" for the live system), or a
 * tar or tar.gz archive of one, read directly ({@link TarArchive}). It only reads files: the ones
 * {@link RootFile} declares, each under its cap; what they mean is decided by the layer that owns the
 * meaning (the tree by fdt, iomem by memory, the crash kernel by crash, CPU notes, vmcoreinfo and kallsyms by
 * context). Every file is optional: a missing one is empty, and the caller falls back.
 *
 * <p>A root stays a root: in a folder every path is checked to stay inside it once every link on the way is
 * followed, and a link that leads out is refused, never followed ({@link InputFile#within}); in an archive,
 * names and links are kept inside it when it is read, and a link is followed inside the archive only.
 * Messages name a folder's file by its path and an archive's as {@code ARCHIVE:ENTRY}; they never quote a
 * file's contents.
 */
public final class SystemRoot {
    private final Path path;
    /** null for a folder */
    private final TarArchive archive;

    private SystemRoot(Path path, TarArchive archive) {
        this.path = path;
        this.archive = archive;
    }

    /**
     * The system copied under the folder {@code path}, or packed in the tar or tar.gz archive {@code path}.
     * An archive is read whole here, within its limits; a folder is read file by file, when asked.
     *
     * @param path a folder, or a tar or tar.gz archive
     * @return the root
     * @throws InputException NO_SUCH_FILE when nothing is at {@code path}, BAD_ARCHIVE for a file that is not
     *         a tar or tar.gz archive dtcore reads (or one past its limits), or as {@link InputFile#requireRegular}
     */
    public static SystemRoot of(Path path) {
        if (Files.isDirectory(path)) {
            return new SystemRoot(path, null);
        }
        if (!Files.exists(path)) {
            throw new InputException(InputException.Kind.NO_SUCH_FILE, path.toString(), "system root: no such folder"
                    + " or archive");
        }
        InputFile.requireRegular(path);
        if (!TarArchive.looksLikeArchive(InputFile.head(path, 512))) {
            throw new InputException(InputException.Kind.BAD_ARCHIVE, path.toString(), "system root is neither a"
                    + " folder nor a tar or tar.gz archive");
        }
        return new SystemRoot(path, TarArchive.read(path, TarArchive.Limits.DEFAULT));
    }

    /**
     * The running system, read through "/".
     *
     * @return the root "/"
     */
    public static SystemRoot live() {
        return of(Path.of("/"));
    }

    /**
     * Where the root is.
     *
     * @return the folder or archive given to {@link #of}
     */
    public Path path() {
        return path;
    }

    /**
     * Whether the root is an archive read into memory, rather than a folder read on demand.
     *
     * @return true for a tar or tar.gz archive
     */
    public boolean isArchive() {
        return archive != null;
    }

    /**
     * How messages name a path under this root.
     *
     * @param relative a path under the root, relative and "/"-separated
     * @return its path, or ARCHIVE:ENTRY in an archive
     */
    public String where(String relative) {
        return archive == null ? path.resolve(relative).toString() : archive.where(relative);
    }

    /**
     * How messages name a declared file.
     *
     * @param file a file the root may have
     * @return the path of it that is there, else its first; as {@link #where(String)} words it
     */
    public String where(RootFile file) {
        return where(file, null);
    }

    /**
     * As {@link #where(RootFile)}, for the instance {@code n} of a numbered file.
     *
     * @param file a file the root may have
     * @param n    the instance's number in decimal ("0" for cpu0); null for a file that is not numbered
     * @return the path of it that is there, else its first; as {@link #where(String)} words it
     */
    public String where(RootFile file, String n) {
        return where(found(file, n).orElse(RootFile.instance(file.paths().get(0), n)));
    }

    /**
     * Which of {@code file}'s paths is there: a dangling link is there too (reading it then fails), so a
     * file that is there but unreadable is told from one that is missing.
     *
     * @param file a file the root may have
     * @return its first path that is there, relative; empty when none is
     * @throws InputException OUTSIDE_ROOT in a folder root, when a link on the way leads out of the root
     */
    public Optional<String> found(RootFile file) {
        return found(file, null);
    }

    /**
     * As {@link #found(RootFile)}, for the instance {@code n} of a numbered file.
     *
     * @param file a file the root may have
     * @param n    the instance's number in decimal ("0" for cpu0); null for a file that is not numbered
     * @return its first path that is there, relative, {@code {N}} replaced; empty when none is
     * @throws InputException OUTSIDE_ROOT in a folder root, when a link on the way leads out of the root
     */
    public Optional<String> found(RootFile file, String n) {
        for (String p : file.paths()) {
            String rel = RootFile.instance(p, n);
            if (archive == null ? Files.exists(inside(rel), LinkOption.NOFOLLOW_LINKS)
                    : archive.resolve(rel, false).end() != TarArchive.End.MISSING) {
                return Optional.of(rel);
            }
        }
        return Optional.empty();
    }

    /**
     * The whole file, at most its cap.
     *
     * @param file a file (not a folder) the root may have
     * @return the file's bytes; empty when the root does not have it
     * @throws InputException when the file is there but cannot be read: past its cap, a folder or special
     *         file, a dangling link, a link out of the root
     * @throws IllegalArgumentException for a {@link RootFile.Kind#FOLDER}
     */
    public Optional<byte[]> bytes(RootFile file) {
        return bytes(file, null);
    }

    /**
     * As {@link #bytes(RootFile)}, for the instance {@code n} of a numbered file.
     *
     * @param file a file (not a folder) the root may have
     * @param n    the instance's number in decimal ("0" for cpu0); null for a file that is not numbered
     * @return the file's bytes; empty when the root does not have it
     * @throws InputException when the file is there but cannot be read, as {@link #bytes(RootFile)}
     * @throws IllegalArgumentException for a {@link RootFile.Kind#FOLDER}
     */
    public Optional<byte[]> bytes(RootFile file, String n) {
        requireFile(file);
        return found(file, n).map(rel -> archive == null ? InputFile.read(inside(rel), file.maxBytes())
                : archived(rel, file.maxBytes()));
    }

    /**
     * The file as UTF-8 text (malformed bytes replaced, never an error), at most its cap.
     *
     * @param file a file (not a folder) the root may have
     * @return the file's text, untrimmed; empty when the root does not have it
     * @throws InputException when the file is there but cannot be read, as {@link #bytes(RootFile)}
     * @throws IllegalArgumentException for a {@link RootFile.Kind#FOLDER}
     */
    public Optional<String> text(RootFile file) {
        return text(file, null);
    }

    /**
     * As {@link #text(RootFile)}, for the instance {@code n} of a numbered file.
     *
     * @param file a file (not a folder) the root may have
     * @param n    the instance's number in decimal ("0" for cpu0); null for a file that is not numbered
     * @return the file's text, untrimmed; empty when the root does not have it
     * @throws InputException when the file is there but cannot be read, as {@link #bytes(RootFile)}
     * @throws IllegalArgumentException for a {@link RootFile.Kind#FOLDER}
     */
    public Optional<String> text(RootFile file, String n) {
        return bytes(file, n).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /**
     * The text file's lines, the whole capped at the file's {@link RootFile#maxBytes()}.
     *
     * @param file         a file (not a folder) the root may have
     * @param maxLineBytes the most bytes one line may hold
     * @return the open lines, for the caller to close; empty when the root does not have the file
     * @throws InputException when the file is there but cannot be opened, as {@link #bytes(RootFile)}
     * @throws IllegalArgumentException for a {@link RootFile.Kind#FOLDER}
     */
    public Optional<InputLines> lines(RootFile file, int maxLineBytes) {
        requireFile(file);
        return found(file, null).map(rel -> archive == null
                ? InputFile.lines(inside(rel), file.maxBytes(), maxLineBytes)
                : new InputLines(new ByteArrayInputStream(archived(rel, file.maxBytes())), archive.where(rel),
                        file.maxBytes(), maxLineBytes));
    }

    /**
     * A declared folder, to walk.
     *
     * @param file a {@link RootFile.Kind#FOLDER}
     * @return the first of its paths that is a folder; empty when none is
     * @throws InputException OUTSIDE_ROOT when a link on the way leads out of the root
     * @throws IllegalArgumentException for a file that is not a folder
     */
    public Optional<InputFolder> folder(RootFile file) {
        if (file.kind() != RootFile.Kind.FOLDER) {
            throw new IllegalArgumentException(file + " is not a folder");
        }
        for (String rel : file.paths()) {
            if (archive == null) {
                Path p = inside(rel);
                if (Files.isDirectory(p)) {
                    return Optional.of(InputFolder.of(p));
                }
            } else {
                TarArchive.Resolved r = resolved(rel);
                if (r.end() == TarArchive.End.FOUND && r.node().type == TarArchive.Type.FOLDER) {
                    return Optional.of(new InputFolder.InArchive(archive, r.node().path, r.node()));
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The numbers a numbered file exists for ("0", "1", "10" for cpu0, cpu1, cpu10), ascending as numbers:
     * the folders (or files) named by its {@code {N}} component that are there. The file itself may be
     * missing in some of them.
     *
     * @param file a numbered file
     * @return the numbers, in decimal; empty when the folder of instances is missing
     * @throws InputException when a folder on the way cannot be listed
     * @throws IllegalArgumentException for a file that is not numbered
     */
    public List<String> instances(RootFile file) {
        if (!file.numbered()) {
            throw new IllegalArgumentException(file + " is not numbered");
        }
        String[] parts = file.paths().get(0).split("/");
        int k = 0;
        while (!parts[k].contains(RootFile.N)) {
            k++;
        }
        String parent = String.join("/", List.of(parts).subList(0, k));
        boolean wantFolder = k < parts.length - 1;
        String pattern = parts[k];
        List<String> out = new ArrayList<>();
        for (String name : list(parent, wantFolder)) {
            if (RootFile.component(pattern, name)) {
                int at = pattern.indexOf(RootFile.N);
                out.add(name.substring(at, name.length() - (pattern.length() - at - RootFile.N.length())));
            }
        }
        out.sort(Comparator.comparingLong(Long::parseLong));
        return out;
    }

    /** The names in folder {@code relative} that are folders (or files), links followed inside the root. */
    private List<String> list(String relative, boolean folders) {
        List<String> out = new ArrayList<>();
        if (archive == null) {
            Path dir = inside(relative);
            if (!Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                for (Path p : ds) {
                    if (folders ? Files.isDirectory(p) : Files.isRegularFile(p)) {
                        out.add(p.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw new InputException(InputException.Kind.UNREADABLE, dir.toString(), "cannot list: "
                        + InputFile.reason(e));
            }
            return out;
        }
        TarArchive.Resolved r = resolved(relative);
        if (r.end() != TarArchive.End.FOUND || r.node().type != TarArchive.Type.FOLDER) {
            return out;
        }
        for (TarArchive.Node child : r.node().children.values()) {
            TarArchive.Resolved c = archive.resolve(child.path, true);
            TarArchive.Type t = c.end() == TarArchive.End.FOUND ? c.node().type : null;
            if (t == (folders ? TarArchive.Type.FOLDER : TarArchive.Type.FILE)) {
                out.add(child.path.substring(child.path.lastIndexOf('/') + 1));
            }
        }
        return out;
    }

    private static void requireFile(RootFile file) {
        if (file.kind() == RootFile.Kind.FOLDER) {
            throw new IllegalArgumentException(file + " is a folder");
        }
    }

    /**
     * {@code relative} under this folder root, once checked to stay inside it with every link followed: a
     * link out of the root is refused, never followed, so no file outside the root is read and none can
     * reach an error line.
     */
    private Path inside(String relative) {
        return InputFile.within(path, path.resolve(relative));
    }

    /** The entry, links followed inside the archive; one that leads out of it is refused. */
    private TarArchive.Resolved resolved(String relative) {
        TarArchive.Resolved r = archive.resolve(relative, true);
        if (r.end() == TarArchive.End.OUTSIDE) {
            throw archive.refuse(InputException.Kind.OUTSIDE_ROOT, relative, "a link leads out of " + archive.name()
                    + "; not followed");
        }
        if (r.end() == TarArchive.End.LOOP) {
            throw archive.refuse(InputException.Kind.OUTSIDE_ROOT, relative, "too many levels of links; not followed");
        }
        return r;
    }

    private byte[] archived(String relative, int maxBytes) {
        TarArchive.Resolved r = resolved(relative);
        if (r.end() == TarArchive.End.MISSING) {
            throw archive.refuse(InputException.Kind.NO_SUCH_FILE, relative, "no such file");
        }
        TarArchive.Node n = r.node();
        if (n.type == TarArchive.Type.FOLDER) {
            throw archive.refuse(InputException.Kind.FOLDER, relative, "is a folder, not a file");
        }
        if (n.type != TarArchive.Type.FILE) {
            throw archive.refuse(InputException.Kind.NOT_REGULAR, relative, "is a special file, not a regular file;"
                    + " refusing to read it");
        }
        if (n.size > maxBytes || n.data == null) {
            throw InputFile.tooLarge(archive.where(relative), maxBytes);
        }
        return n.data.clone();
    }

    /** {@return the root's path, as given} */
    @Override
    public String toString() {
        return path.toString();
    }
}
