package org.dtcore.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a reference tool (dtc, fdtdump, readelf, eu-readelf, python3 with pyelftools) for differential
 * tests. A missing tool is a failure, never a skip: .ci/run installs every tool the tests call.
 */
public final class ExternalTool {
    private ExternalTool() {
    }

    /** Result of one run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs {@code command} with a 60 s limit and returns its output; throws AssertionError if it cannot start. */
    public static Result run(String... command) {
        List<String> cmd = new ArrayList<>(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        try {
            // stderr goes to a file so a chatty tool cannot block on a full pipe while we read stdout
            java.nio.file.Path errFile = java.nio.file.Files.createTempFile("dtcore-tool", ".err");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            var out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", cmd));
            }
            String err = java.nio.file.Files.readString(errFile, StandardCharsets.UTF_8);
            java.nio.file.Files.deleteIfExists(errFile);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
        } catch (IOException e) {
            throw new AssertionError("cannot run " + cmd.get(0) + " (is it installed? .ci/run installs it): "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", cmd), e);
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
