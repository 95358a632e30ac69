package org.dtcore.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Standard input ({@code -}) for the commands whose library reads its input by path (header, capture-dtb,
 * context: the kdump pipeline reads the file itself): the bytes are copied, bounded, into a private
 * temporary folder that is removed when the command ends (or the JVM does). Messages name {@code -},
 * never the copy.
 */
final class StdinFile implements AutoCloseable {
    /** The copy of this run's standard input, if one was made: messages name it "-". */
    private static volatile StdinFile active;

    private final Path dir;
    private final Path file;

    private StdinFile(Path dir, Path file) {
        this.dir = dir;
        this.file = file;
    }

    /**
     * {@code given}'s copy when it is {@code -}, else null (the caller uses {@code given}): standard input,
     * read as {@code kind} with that kind's cap, streamed to the copy (not held in memory).
     */
    static StdinFile of(Path given, CommandIo io, StandardInput.Kind kind) {
        if (given == null || !Inputs.isStdin(given)) {
            return null;
        }
        StdinFile s;
        try {
            Path dir = Files.createTempDirectory("dtcore-stdin");
            s = new StdinFile(dir, dir.resolve("stdin"));
            Runtime.getRuntime().addShutdownHook(new Thread(s::close, "dtcore-stdin-cleanup"));
            active = s;
        } catch (IOException e) {
            throw new CommandFailure("-: cannot keep standard input: " + Inputs.why(e), e);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(s.file))) {
            StandardInput.copy(io, kind, out);
        } catch (IOException e) {
            throw new CommandFailure("-: cannot keep standard input: " + Inputs.why(e), e);
        }
        return s;
    }

    /** The path the library reads. */
    Path path() {
        return file;
    }

    /** {@code message} with the copy's path (if this run made one) said as {@code -}. */
    static String unmask(String message) {
        StdinFile s = active;
        return s == null || message == null ? message : message.replace(s.file.toString(), "-");
    }

    /** Removes this run's copy, if any (the command has finished with it). */
    static void closeActive() {
        StdinFile s = active;
        active = null;
        if (s != null) {
            s.close();
        }
    }

    /** {@code e} with the copy's path said as {@code -}. */
    CommandFailure unmasked(CommandFailure e) {
        String m = e.getMessage();
        return m == null || !m.contains(file.toString()) ? e : e.reworded(m.replace(file.toString(), "-"));
    }

    @Override
    public void close() {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary folder left behind is the lesser harm; the command's own result stands
        }
    }
}
