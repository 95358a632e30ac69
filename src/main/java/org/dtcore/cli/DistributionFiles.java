package org.dtcore.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Writes the distribution archive's share/ files from the option tables, at build time (mvn package runs it
 * before the archive is made, pom.xml): share/man/man1/dtcore.1 ({@code dtcore man}),
 * share/bash-completion/completions/dtcore and share/zsh/site-functions/_dtcore ({@code dtcore completion bash},
 * {@code zsh}). The same generators as the commands, so the installed files are what they print. Public only
 * because exec:java, which runs it in Maven's JVM, can call nothing else; not a command users run.
 */
public final class DistributionFiles {
    private DistributionFiles() {
    }

    /** {@code DistributionFiles SHARE_DIR VERSION}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: DistributionFiles SHARE_DIR VERSION");
        }
        Path share = Path.of(args[0]);
        String version = "dtcore " + args[1];
        write(share.resolve("man/man1/dtcore.1"), out -> ManPage.write(DtcoreCommand.all(), version, out));
        write(share.resolve("bash-completion/completions/dtcore"),
                out -> BashCompletion.write(DtcoreCommand.all(), out));
        write(share.resolve("zsh/site-functions/_dtcore"), out -> ZshCompletion.write(DtcoreCommand.all(), out));
    }

    private static void write(Path file, Consumer<PrintWriter> text) throws IOException {
        try (PrintWriter out = open(file)) {
            text.accept(out);
            if (out.checkError()) {
                throw new IOException("cannot write " + file);
            }
        }
    }

    private static PrintWriter open(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        // Unix line ends whatever the build machine: the shells and man read these files
        return new PrintWriter(w) {
            @Override
            public void println() {
                write('\n');
            }
        };
    }
}
