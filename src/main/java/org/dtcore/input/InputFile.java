package org.dtcore.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an input file with a cap on what is read, whatever the file is.
 *
 * <p>The file type is checked <em>before</em> the file is opened: opening a FIFO blocks until a writer
 * comes, and a device such as /dev/zero never ends, so anything but a regular file is refused with one
 * line. A regular file is read up to its cap plus one byte, never by trusting {@code stat}'s size (procfs
 * and sysfs report 0 or a page for files with other contents). Standard input, when a caller offers it,
 * goes through {@link #read(InputStream, String, int)} with the same cap.
 *
 * <p>Errors are {@link InputException}s located at the file; they never quote the file's contents.
 */
public final class InputFile {
    private InputFile() {
    }

    /**
     * Fails unless {@code file} is a regular file (links followed): missing, a folder, a FIFO, socket or
     * device are each refused in one line, without opening anything.
     *
     * @param file the path to check; a link is followed to what it names
     * @throws InputException NO_SUCH_FILE (missing, or a link to nothing or a loop), FOLDER, NOT_REGULAR or
     *         UNREADABLE
     */
    public static void requireRegular(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            Optional<String> link = brokenLink(file);
            if (link.isPresent()) {
                throw new InputException(InputException.Kind.NO_SUCH_FILE, file.toString(), "is " + link.get());
            }
            throw unreadable(file, e);
        }
        if (a.isDirectory()) {
            throw new InputException(InputException.Kind.FOLDER, file.toString(), "is a folder, not a file");
        }
        if (!a.isRegularFile()) {
            throw new InputException(InputException.Kind.NOT_REGULAR, file.toString(), "is " + typeOf(file)
                    + ", not a regular file; refusing to open it (it could block or never end)");
        }
    }

    /**
     * What is wrong with {@code path} as a symbolic link, when it is one that leads nowhere: "a symbolic
     * link to nothing" (what it names, or a link on the way, is missing) or "a symbolic link loop" (it
     * leads back to itself, or through more links than the kernel follows, 40: ELOOP). Empty for anything
     * else. Told apart by following the links one by one, not by the system's (translated) error text.
     *
     * @param path the path to look at; relative paths are taken from the working folder
     * @return the words for a broken link, for a message that names {@code path}; empty when {@code path}
     *         is not a link, or is one that leads to something that exists
     */
    public static Optional<String> brokenLink(Path path) {
        return brokenLink(path.toAbsolutePath(), 0);
    }

    private static Optional<String> brokenLink(Path path, int depth) {
        Path at = path;
        Set<Path> seen = new HashSet<>();
        for (int hops = 0; hops <= MAX_LINKS; hops++) {
            if (!Files.isSymbolicLink(at)) {
                if (hops == 0 || Files.exists(at)) {
                    return Optional.empty();
                }
                // what the last link names is missing, or a folder on its way is a broken link itself
                Path parent = at.getParent();
                Optional<String> up = parent == null || depth > MAX_LINKS ? Optional.empty()
                        : brokenLink(parent, depth + 1);
                return Optional.of(up.orElse("a symbolic link to nothing"));
            }
            if (!seen.add(at.normalize())) {
                return Optional.of("a symbolic link loop");
            }
            try {
                Path target = Files.readSymbolicLink(at);
                Path parent = at.getParent();
                at = parent == null ? target : parent.resolve(target);
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }
        return Optional.of("a symbolic link loop");
    }

    /** The links the kernel follows in one path before it gives up with ELOOP (fs/namei.c MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;

    /**
     * The whole file, which must be a regular file of at most {@code maxBytes} bytes.
     *
     * @param file     the file to read (links followed)
     * @param maxBytes the most bytes the file may hold; one more is an error
     * @return every byte of the file
     * @throws InputException as {@link #requireRegular}, TOO_LARGE past {@code maxBytes}, or UNREADABLE
     */
    public static byte[] read(Path file, int maxBytes) {
        requireRegular(file);
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), maxBytes);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * As {@link #read(Path, int)}, for a file that may be absent.
     *
     * @param file     the file to read (links followed)
     * @param maxBytes the most bytes the file may hold; one more is an error
     * @return every byte of the file; empty when nothing (not even a dangling link) is at {@code file}
     * @throws InputException as {@link #read(Path, int)} for anything that is there
     */
    public static Optional<byte[]> readIfPresent(Path file, int maxBytes) {
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(read(file, maxBytes));
    }

    /**
     * At most the first {@code maxBytes} bytes of a regular file, for a look at its start (content
     * detection, an ELF header at the front of a vmcore); the rest is not read.
     *
     * @param file     the file to look at (links followed)
     * @param maxBytes how many bytes to read from the start
     * @return the first {@code maxBytes} bytes, or the whole file when it is shorter
     * @throws InputException as {@link #requireRegular}, or UNREADABLE
     */
    public static byte[] head(Path file, int maxBytes) {
        requireRegular(file);
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(maxBytes);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * All of {@code in} (standard input, a pipe the caller opened), at most {@code maxBytes}: one byte
     * more is an error, so an endless stream costs {@code maxBytes} and no more.
     *
     * @param in       the stream to read to its end; the caller closes it
     * @param name     what messages call the input (a file name, or "standard input")
     * @param maxBytes the most bytes the stream may hold
     * @return every byte of the stream
     * @throws InputException TOO_LARGE past {@code maxBytes}, UNREADABLE when the stream fails
     */
    public static byte[] read(InputStream in, String name, int maxBytes) {
        byte[] bytes;
        try {
            bytes = in.readNBytes(maxBytes == Integer.MAX_VALUE ? maxBytes : maxBytes + 1);
        } catch (IOException e) {
            throw new InputException(InputException.Kind.UNREADABLE, name, "cannot read: " + reason(e));
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(name, maxBytes);
        }
        return bytes;
    }

    /**
     * Text lines of a regular file, with a cap on the whole and on each line; see {@link InputLines}.
     *
     * @param file         the file to read (links followed)
     * @param maxBytes     the most bytes the whole file may hold
     * @param maxLineBytes the most bytes one line may hold, its '\n' not counted
     * @return the open lines, for the caller to close
     * @throws InputException as {@link #requireRegular}, or UNREADABLE; the caps are checked as lines are read
     */
    public static InputLines lines(Path file, long maxBytes, int maxLineBytes) {
        requireRegular(file);
        try {
            return new InputLines(Files.newInputStream(file), file.toString(), maxBytes, maxLineBytes);
        } catch (IOException e) {
            throw unreadable(file, e);
        }
    }

    /**
     * {@code file}, if it stays inside {@code root} once every link on its way is followed; a link that
     * leads out of {@code root} is refused, not followed: a system root stays a root, so a
     * copied root cannot make dtcore read the machine it runs on.
     * A path that leads nowhere is returned as it is, for the caller to treat as missing.
     *
     * @param root the folder {@code file} must stay in
     * @param file a path under {@code root}
     * @return {@code file} itself (not its real path), once it is known to stay inside
     * @throws InputException OUTSIDE_ROOT when a link leads out of {@code root}, UNREADABLE when the paths
     *         cannot be resolved
     */
    public static Path within(Path root, Path file) {
        Path real;
        Path realRoot;
        try {
            realRoot = root.toRealPath();
        } catch (IOException e) {
            throw unreadable(root, e);
        }
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            // missing, or a dangling link: the nearest folder that exists must be inside too, so a link
            // to a place outside is refused even when what it names is missing there
            Path p = file.toAbsolutePath().getParent();
            while (p != null && !Files.exists(p)) {
                p = p.getParent();
            }
            if (p != null && p.startsWith(root.toAbsolutePath())) {
                within(root, p);
            }
            return file;
        } catch (IOException e) {
            throw unreadable(file, e);
        }
        if (!real.startsWith(realRoot)) {
            throw new InputException(InputException.Kind.OUTSIDE_ROOT, file.toString(),
                    "a link leads out of " + root + "; not followed");
        }
        return file;
    }

    static InputException tooLarge(String name, long maxBytes) {
        return new InputException(InputException.Kind.TOO_LARGE, name, "larger than " + size(maxBytes)
                + "; refusing to read more");
    }

    static String size(long bytes) {
        if (bytes >= (1 << 20) && bytes % (1 << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes >= (1 << 10) && bytes % (1 << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    static InputException unreadable(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new InputException(InputException.Kind.NO_SUCH_FILE, file.toString(), "no such file");
        }
        return new InputException(InputException.Kind.UNREADABLE, file.toString(), "cannot read: " + reason(e));
    }

    /**
     * Why a file operation failed, in words and without the path: a FileSystemException's message is the
     * path (or two), which the caller names already, and which may not be the one the user gave.
     *
     * @param e the failure of a file operation
     * @return a short lower-case reason ("permission denied", "not a folder", the system's reason)
     */
    public static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException fs) {
            return fs.getReason() != null && !fs.getReason().isBlank() ? fs.getReason() : words(e);
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? words(e) : m;
    }

    private static String words(IOException e) {
        return e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    // Names the kind of file from the mode bits (Linux stat: S_IFMT), for the message only.
    private static String typeOf(Path file) {
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            return switch (mode & 0170000) {
                case 0010000 -> "a FIFO";
                case 0020000 -> "a character device";
                case 0060000 -> "a block device";
                case 0140000 -> "a socket";
                default -> "a special file";
            };
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            return "a special file";
        }
    }
}
