package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dtcore(1) as man-db and groff read it (both installed by .ci/run): no warning at the strictest level, lines
 * that fit 80 columns, and for every registered command its usage, operands and every option of its table.
 */
class ManPageTest {
    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {
    }

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8), err);
    }

    private Path page() throws IOException {
        CliRun r = CliRun.of("man");
        assertThat(r.status()).as(r.err()).isZero();
        return Files.writeString(tmp.resolve("dtcore.1"), r.out());
    }

    @Test
    void groffFindsNothingToWarnAbout() throws Exception {
        Run groff = run(Map.of(), "groff", "-ww", "-z", "-man", page().toString());
        assertThat(groff.status()).isZero();
        assertThat(groff.err()).isEmpty();
    }

    @Test
    void manRendersItAtEightyColumnsWithoutWarnings() throws Exception {
        Path page = page();
        Run man = run(Map.of("MANWIDTH", "80", "LC_ALL", "C.UTF-8"), "man", "--warnings",
                "-l", page.toString());
        assertThat(man.status()).as(man.err()).isZero();
        assertThat(man.err()).isEmpty();
        // man formats for a terminal only when it writes to one; through a pipe it is plain text
        String text = man.out();
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(80));
        assertThat(text).contains("NAME", "SYNOPSIS", "COMMANDS", "EXIT STATUS", "ENVIRONMENT", "FILES", "SEE ALSO");
        String flat = text.replaceAll("\\s+", " ");
        for (Subcommand c : DtcoreCommand.all()) {
            OptionTable t = new OptionTable();
            c.declare(t);
            // the usage, as the help prints it, item by item
            assertThat(flat).as(c.name()).contains("dtcore " + c.name() + " " + (c.synopsis().isEmpty() ? ""
                    : c.synopsis() + " "));
            for (Usage.Item i : Usage.items(t)) {
                assertThat(flat).as(c.name()).contains(i.text());
            }
            assertThat(flat).as(c.name()).contains(c.purpose().replaceAll("\\s+", " "));
            for (String[] o : c.operands()) {
                assertThat(flat).as(c.name()).contains(o[1].replaceAll("\\s+", " "));
            }
            for (OptionTable.Entry e : t.entries()) {
                assertThat(flat).as(c.name()).contains("--" + e.name() + (e.label().isEmpty() ? "" : " " + e.label()));
                assertThat(flat).as(c.name()).contains(e.help().replaceAll("\\s+", " "));
            }
        }
    }

    @Test
    void rofflessTextIsEscaped() {
        // a hyphen is a minus (copyable options), a backslash cannot start a request, nothing beyond ASCII
        assertThat(ManPage.text("--arch a\\b é")).isEqualTo("\\-\\-arch a\\eb \\[u00E9]");
        StringWriter s = new StringWriter();
        ManPage.write(List.of(new ChunksCommand()), "dtcore 9", new PrintWriter(s));
        assertThat(s.toString()).matches("(?s)\\p{ASCII}*").doesNotContainPattern("(?m)^[.'](?![A-Za-z\\\\])");
    }
}
