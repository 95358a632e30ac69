package org.dtcore.cli;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.dtcore.DtcoreException;

/** Turns a library or I/O failure on one input file into the one-line message the CLI prints. */
final class Inputs {
    private Inputs() {
    }

    /** Runs {@code work} on {@code file}; any failure becomes a {@link CommandFailure} naming the file. */
    static <T> T read(Path file, Callable<T> work) {
        try {
            return work.call();
        } catch (CommandFailure e) {
            throw e; // already one line naming its own input (an overlay file, an option)
        } catch (DtcoreException e) {
            // a failure located at the file itself (an input bound, a link) names it already
            String line = e.location().startsWith(file.toString()) ? e.oneLine() : file + ": " + e.oneLine();
            throw new CommandFailure(line, e);
        } catch (NoSuchFileException e) {
            throw new CommandFailure(file + ": no such file", e);
        } catch (IOException e) {
            throw new CommandFailure(file + ": cannot read: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // Anything else is our bug; still one line, and --debug shows where.
            throw new CommandFailure(file + ": internal error (" + e + "); please report it with this file", e);
        } catch (Exception e) {
            throw new CommandFailure(file + ": " + e.getMessage(), e);
        }
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
            throw new CommandFailure(e.oneLine(), e);
        } catch (RuntimeException e) {
            throw new CommandFailure("internal error (" + e + "); please report it", e);
        }
    }
}
