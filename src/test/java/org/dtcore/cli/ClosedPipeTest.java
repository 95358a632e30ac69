package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A reader that stops reading ({@code dtcore chunks ... | head}) stops dtcore as it stops dtc and readelf:
 * nothing on stderr, and the status a shell reports for a tool killed by SIGPIPE (128 + 13). Any other write
 * error stays one, exit 2 ({@link CliStreamsTest#writeErrorsOnStandardOutputExitTwoWithOneLine}).
 */
class ClosedPipeTest {
    /** Enough JSON Lines that the output cannot fit a pipe's buffer: the sample folder many times over. */
    private static String[] batch() {
        List<String> args = new ArrayList<>(List.of("chunks", "--jsonl", "--arch", "arm64"));
        for (int i = 0; i < 40; i++) {
            args.add("fdt-samples");
        }
        return args.toArray(new String[0]);
    }

    @Test
    void aReaderThatIsGoneBeforeTheFirstWriteEndsTheRunQuietly() throws Exception {
        for (String[] args : List.of(batch(), new String[] {"chunks", "--arch", "arm64", "fdt-samples/qemu-arm64-virt-numa.dtb"},
                new String[] {"--version"}, new String[] {"chunks", "--help"})) {
            ProcessBuilder pb = new ProcessBuilder(CliProcess.command(args));
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            // the read end closed while the JVM starts: its first write meets a pipe without a reader
            p.getInputStream().close();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(err).as(String.join(" ", args)).isEmpty();
            assertThat(p.exitValue()).as(String.join(" ", args)).isEqualTo(141);
        }
    }

    @Test
    void headTakesWhatItWantsAndDtcoreStopsWithoutAWord() throws Exception {
        StringBuilder line = new StringBuilder();
        for (String w : CliProcess.command(batch())) {
            line.append(" '").append(w.replace("'", "'\\''")).append('\'');
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                line + " | head -n 2; echo \"status ${PIPESTATUS[0]}\" >&2");
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process p = pb.start();
        List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(out).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("{\"file\":"));
        assertThat(err).isEqualTo("status 141\n");
    }
}
