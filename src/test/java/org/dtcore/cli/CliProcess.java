package org.dtcore.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the CLI in a child JVM (this test JVM's java and class path), for what an in-process run cannot
 * show: real standard streams, /dev/full, the umask, signals.
 */
record CliProcess(int status, byte[] out, String err) {
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    /** The command line that starts the CLI: java, class path, main class, then {@code args}. */
    static List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of(JAVA, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs to the end; standard input from {@code stdin} (or nothing), standard output to {@code stdout} or kept. */
    static CliProcess run(File stdin, File stdout, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command(args));
        pb.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(new File("/dev/null")) : ProcessBuilder.Redirect.from(stdin));
        if (stdout != null) {
            pb.redirectOutput(stdout);
        }
        Process p = pb.start();
        byte[] out = stdout == null ? p.getInputStream().readAllBytes() : new byte[0];
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dtcore did not finish: " + String.join(" ", args));
        }
        if (stdout == null) {
            OutputSchemas.validate(args, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        }
        return new CliProcess(p.exitValue(), out, err);
    }
}
