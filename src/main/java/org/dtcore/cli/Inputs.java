package org.dtcore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;

/**
 * The inputs of a command: a file, a folder, or {@code -} for standard input (read whole, at most
 * {@link #STDIN_MAX_BYTES}); and the one-line message any failure on one of them becomes.
 */
final class Inputs {
    /** The most standard input may hold where its kind has no smaller cap ({@link StandardInput}). */
    static final int STDIN_MAX_BYTES = 256 << 20;
    private static final Path STDIN = Path.of("-");

    private Inputs() {
    }

    static boolean isStdin(Path p) {
        return STDIN.equals(p);
    }

    /**
     * The memory map of {@code file}, or of standard input for {@code -}. No lambda on this path: the
     * first one in a run costs the JVM its whole lambda machinery (docs/performance.md).
     */
    static MemoryMap map(Path file, ScanOptions options, BootLoaderView view, CommandIo io) {
        try {
            if (isStdin(file)) {
                return MemorySources.load(stdin(io), options, view);
            }
            Folders.requireSingleSource(file);
            return MemorySources.load(file, options, view);
        } catch (CommandFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** The device tree of a blob or folder, or of standard input for {@code -}. */
    static DeviceTree tree(Path file, CommandIo io) {
        try {
            if (isStdin(file)) {
                return MemorySources.tree(stdin(io));
            }
            Folders.requireSingleSource(file);
            return MemorySources.tree(file);
        } catch (CommandFailure e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw failure(file, e);
        }
    }

    /** All of standard input, read as a board (a blob or /proc/iomem text), with that kind's cap. */
    static byte[] stdin(CommandIo io) {
        return StandardInput.read(io, StandardInput.Kind.BOARD);
    }

    /** Runs {@code work} on {@code file}; any failure becomes a {@link CommandFailure} naming the file once. */
    static <T> T read(Path file, Callable<T> work) {
        try {
            return work.call();
        } catch (CommandFailure e) {
            throw e;
        } catch (Exception e) {
            throw failure(file, e);
        }
    }

    /** The one line a failure on {@code file} becomes. */
    static CommandFailure failure(Path file, Exception e) {
        String name = isStdin(file) ? "-" : file.toString();
        if (e instanceof CommandFailure c) {
            return c;
        }
        if (e instanceof DtcoreException d) {
            String line = d.oneLine(Flags::of);
            // a library error may already start with the file's name (an input bound, a link): say it once
            return new CommandFailure(line.startsWith(name + ": ") || line.equals(name)
                    || d.location().startsWith(name) ? line : name + ": " + line, e);
        }
        if (e instanceof IOException io) {
            return new CommandFailure(name + ": " + why(io), e);
        }
        if (e instanceof InvalidPathException ip) {
            return new CommandFailure(name + ": " + Arguments.unusable(ip), e);
        }
        if (e instanceof RuntimeException) {
            // Anything else is our bug; still one line without Java names, and --debug shows where.
            return new CommandFailure(name + ": internal error; run again with --debug and please report it"
                    + " with this file", e);
        }
        return new CommandFailure(name + ": cannot read", e);
    }

    /** What went wrong with a file, without repeating its name (a FileSystemException's message does). */
    static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f) {
            return "cannot read: " + (f.getReason() == null ? "failed" : f.getReason());
        }
        return "cannot read: " + e.getMessage();
    }

    /**
     * Runs library work whose failures already name their own file (and field or offset), such as
     * context and crash-memory gathering; they are printed as they are.
     */
    static <T> T gather(Supplier<T> work) {
        try {
            return work.get();
        } catch (CommandFailure e) {
            throw e;
        } catch (DtcoreException e) {
            throw new CommandFailure(e.oneLine(Flags::of), e);
        } catch (RuntimeException e) {
            throw new CommandFailure("internal error; run again with --debug and please report it", e);
        }
    }

    /** True when {@code p} is a regular file whose first bytes are the ELF magic. */
    static boolean isElf(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            throw new CommandFailure(p + ": " + why(e), e);
        }
    }
}
