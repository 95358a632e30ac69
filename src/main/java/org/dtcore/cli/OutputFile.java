package org.dtcore.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.dtcore.input.InputFile;

/**
 * Writes what {@code -o} names so that nothing but a regular file is ever replaced:
 * <ul>
 * <li>{@code -}: standard output;</li>
 * <li>a character device or FIFO (also through a symbolic link): written directly, as {@code cat > x} would;</li>
 * <li>a regular file (also through a link) or a new path: the bytes go to a temporary file beside it, which
 *     is renamed over it; a new file gets 0666 minus the umask, an old one keeps its permissions; a failure
 *     or a signal (SIGINT, SIGTERM) leaves no temporary file and the old file untouched;</li>
 * <li>anything else (a folder, a socket, a block device, a dangling link): refused in one line.</li>
 * </ul>
 * An output that is one of the inputs is refused.
 */
final class OutputFile {
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static volatile boolean hooked;

    private OutputFile() {
    }

    static void write(Path target, byte[] bytes, List<Path> inputs, CommandIo io) {
        if (Inputs.isStdin(target)) {
            io.out().flush();
            try {
                io.binaryOut().write(bytes);
                io.binaryOut().flush();
            } catch (IOException e) {
                throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
            }
            return;
        }
        Path real = resolve(target);
        for (Path in : inputs) {
            if (in != null && !Inputs.isStdin(in) && sameFile(real, in)) {
                throw new CommandFailure(target + ": refusing to write over the input " + in);
            }
        }
        BasicFileAttributes attrs = attributes(real);
        if (attrs == null || attrs.isRegularFile()) {
            replace(target, real, bytes, attrs != null);
        } else if (attrs.isOther() && isCharacterOrFifo(real)) {
            try (OutputStream out = Files.newOutputStream(real, StandardOpenOption.WRITE)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new CommandFailure(target + ": cannot write: " + reason(e), e);
            }
        } else {
            throw new CommandFailure(target + ": " + (attrs.isDirectory() ? "is a folder" : "is not a regular file,"
                    + " character device or FIFO") + "; refusing to write there");
        }
    }

    /** The path a link leads to (it is the file to replace), or {@code target} when it does not exist yet. */
    private static Path resolve(Path target) {
        Path abs = target.toAbsolutePath();
        if (Files.isSymbolicLink(abs)) {
            Optional<String> broken = InputFile.brokenLink(abs);
            if (broken.isPresent()) {
                throw new CommandFailure(target + ": " + broken.get() + "; refusing to write there");
            }
            try {
                return abs.toRealPath();
            } catch (IOException e) {
                throw new CommandFailure(target + ": cannot follow the link: " + reason(e), e);
            }
        }
        return abs;
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isCharacterOrFifo(Path p) {
        try {
            // "other" covers sockets and block devices too; the unix view tells them apart by st_mode
            int mode = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            int type = mode & 0170000;
            return type == 0020000 || type == 0010000; // S_IFCHR, S_IFIFO
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return false;
        }
    }

    private static void replace(Path target, Path real, byte[] bytes, boolean exists) {
        Path dir = real.getParent();
        Path tmp = null;
        hook();
        try {
            tmp = newTemporary(dir, real);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            if (exists) {
                keepPermissions(real, tmp);
            }
            try {
                Files.move(tmp, real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, real, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Path folder = real.equals(target.toAbsolutePath()) && target.getParent() != null ? target.getParent()
                    : dir;
            throw new CommandFailure(target + ": cannot write: " + (e instanceof NoSuchFileException
                    ? "no such folder " + folder : reason(e)), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray temporary file is the lesser harm
                }
                PENDING.remove(tmp);
            }
        }
    }

    /**
     * Creates the temporary file beside {@code real}, registered for removal before it exists so that a
     * signal cannot leave it behind. Its name is unique by creation (CREATE_NEW, the next name on a clash),
     * not by the process id: asking for the pid loads ProcessHandle's machinery, a measurable part of a
     * short run's start-up (docs/performance.md).
     */
    private static Path newTemporary(Path dir, Path real) throws IOException {
        String stamp = Long.toString(System.nanoTime() & Long.MAX_VALUE, 36);
        for (int attempt = 0; ; attempt++) {
            long seq = SEQUENCE.incrementAndGet();
            Path tmp;
            try {
                tmp = dir.resolve("." + real.getFileName() + "." + stamp + "." + seq + ".tmp");
            } catch (InvalidPathException e) {
                // a name this JVM's encoding cannot spell again (reached through a link): a plain one will do
                tmp = dir.resolve(".dtcore." + stamp + "." + seq + ".tmp");
            }
            PENDING.add(tmp);
            try {
                // CREATE_NEW with no attributes: the system's 0666 minus umask, as any new file gets
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                PENDING.remove(tmp);
                if (attempt == 99) {
                    throw e;
                }
            } catch (IOException e) {
                PENDING.remove(tmp);
                throw e;
            }
        }
    }

    private static void keepPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (view != null) {
            PosixFileAttributes a = Files.readAttributes(from, PosixFileAttributes.class);
            view.setPermissions(a.permissions());
        }
    }

    /** On SIGINT or SIGTERM the JVM runs its shutdown hooks: remove a temporary file being written. */
    private static void hook() {
        if (!hooked) {
            synchronized (PENDING) {
                if (!hooked) {
                    Runtime.getRuntime().addShutdownHook(new Thread(OutputFile::removePending, "dtcore-cleanup"));
                    hooked = true;
                }
            }
        }
    }

    private static void removePending() {
        for (Path p : PENDING) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // exiting anyway
            }
        }
    }

    /**
     * Why a write failed, in words: never the path a FileSystemException's message is made of (it may be
     * the temporary file's, which the user never named).
     */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f) {
            return f.getReason() != null ? f.getReason() : "failed";
        }
        return e.getMessage() == null ? "failed" : e.getMessage();
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b.toAbsolutePath());
        }
    }
}
