package org.dtcore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference tool (dtc, fdtdump, readelf, eu-readelf, python3 with pyelftools) for differential
 * tests. A missing tool is a failure, never a skip: .ci/run installs every tool the tests call.
 */
public final class ExternalTool {
    /** Long enough for any tool on a loaded CI machine, short enough that a hung one fails the build. */
    static final long LIMIT_SECONDS = 60;

    private ExternalTool() {
    }

    /** Result of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code command} with a 60 s limit and returns its output; throws AssertionError if it cannot start. */
    public static Result run(String... command) {
        return run(LIMIT_SECONDS, command);
    }

    /**
     * Runs {@code command} for at most {@code seconds}. Both streams go to files, so the limit starts when
     * the tool does: reading stdout to its end first would wait as long as a hung tool keeps it open.
     */
    static Result run(long seconds, String... command) {
        List<String> cmd = List.of(command);
        Path outFile = null;
        Path errFile = null;
        try {
            outFile = Files.createTempFile("dtcore-tool", ".out");
            errFile = Files.createTempFile("dtcore-tool", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                    .start();
            p.getOutputStream().close();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("timed out after " + seconds + " s: " + String.join(" ", cmd));
            }
            return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + " (is it installed? .ci/run installs it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", cmd), e);
        } finally {
            deleteQuietly(outFile);
            deleteQuietly(errFile);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temporary file left behind is not worth failing a test over
            }
        }
    }

    /** Runs {@code command}, fails the test unless it exits 0, and returns its stdout. */
    public static String output(String... command) {
        Result r = run(command);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }
}
