package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The completion scripts in the shells themselves (bash and zsh, both installed by .ci/run): they offer the
 * commands, each command's options, the words an option takes, and file or folder names where a value or an
 * operand is a file or folder. Expected values come from the option tables (what the command accepts) and the
 * folder the shell completes in, never from the scripts.
 */
class CompletionTest {
    @TempDir
    Path tmp;
    Path work;

    @BeforeEach
    void folder() throws IOException {
        // a folder to complete names in: one name with a space, one folder
        work = Files.createDirectories(tmp.resolve("work"));
        Files.createFile(work.resolve("board one.dtb"));
        Files.createFile(work.resolve("board-two.dtb"));
        Files.createFile(work.resolve("other.txt"));
        Files.createDirectories(work.resolve("sys root"));
    }

    private static OptionTable table(Subcommand c) {
        OptionTable t = new OptionTable();
        c.declare(t);
        return t;
    }

    private static Set<String> names() {
        Set<String> names = new TreeSet<>();
        for (Subcommand c : DtcoreCommand.all()) {
            names.add(c.name());
        }
        return names;
    }

    /** Every way the command's options are typed: {@code --name}, and {@code -x} for an alias. */
    private static Set<String> typed(Subcommand c, boolean withShort) {
        Set<String> all = new TreeSet<>();
        for (OptionTable.Entry e : table(c).entries()) {
            all.add("--" + e.name());
            if (withShort && !e.shortName().isEmpty()) {
                all.add("-" + e.shortName());
            }
        }
        return all;
    }

    private static String run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + err).isZero();
        assertThat(err).as(String.join(" ", command)).isEmpty();
        return out;
    }

    // --- bash: the script sourced in bash -c, the function called with COMP_WORDS and COMP_CWORD set -------

    private Path bashScript() throws IOException {
        CliRun r = CliRun.of("completion", "bash");
        assertThat(r.status()).isZero();
        return Files.writeString(tmp.resolve("dtcore.bash"), r.out());
    }

    /** COMPREPLY for the words (the last one being completed), as bash leaves it. */
    private Set<String> bash(String... words) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", "--norc", "--noprofile", "-c",
                "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); _dtcore;"
                        + " printf '%s\\n' \"${COMPREPLY[@]}\"", "complete", bashScript().toString()));
        cmd.addAll(List.of(words));
        Set<String> reply = new TreeSet<>(run(work, cmd).lines().toList());
        reply.remove("");
        return reply;
    }

    @Test
    void bashOffersTheCommandsAndTheTopLevelOptions() throws Exception {
        assertThat(bash("dtcore", "")).isEqualTo(names());
        assertThat(bash("dtcore", "ch")).containsExactlyInAnyOrder("chunks", "check");
        assertThat(bash("dtcore", "-")).containsExactlyInAnyOrder("-h", "--help", "-V", "--version", "--debug");
        // options before the command take no value: the command is still found after them
        assertThat(bash("dtcore", "--debug", "map", "--")).isEqualTo(typed(new MapCommand(), false));
    }

    @Test
    void bashOffersEachCommandsOwnOptionsAndTheirWords() throws Exception {
        for (Subcommand c : DtcoreCommand.all()) {
            assertThat(bash("dtcore", c.name(), "--")).as(c.name()).isEqualTo(typed(c, false));
            assertThat(bash("dtcore", c.name(), "-")).as(c.name()).isEqualTo(typed(c, true));
            for (OptionTable.Entry e : table(c).entries()) {
                if (e.value() == OptionTable.Value.WORD) {
                    Set<String> words = new TreeSet<>(e.words());
                    assertThat(bash("dtcore", c.name(), "--" + e.name(), "")).as(c.name() + " --" + e.name())
                            .isEqualTo(words);
                    // --name=value: bash splits the word at '='
                    assertThat(bash("dtcore", c.name(), "--" + e.name(), "=", "")).as(c.name() + " --" + e.name() + "=")
                            .isEqualTo(words);
                } else if (e.value() == OptionTable.Value.TEXT) {
                    // a number or a specification: nothing to offer, not file names
                    assertThat(bash("dtcore", c.name(), "--" + e.name(), "")).as(c.name() + " --" + e.name()).isEmpty();
                }
            }
        }
        assertThat(bash("dtcore", "chunks", "--arch", "=", "ppc")).containsExactlyInAnyOrder("ppc64", "ppc");
    }

    @Test
    void bashOffersFileNamesForFilesAndFolderNamesForFolders() throws Exception {
        Set<String> boards = Set.of("board one.dtb", "board-two.dtb");
        assertThat(bash("dtcore", "chunks", "bo")).isEqualTo(boards);
        assertThat(bash("dtcore", "chunks", "--overlay", "bo")).isEqualTo(boards);
        assertThat(bash("dtcore", "header", "-o", "bo")).isEqualTo(boards);
        assertThat(bash("dtcore", "check", "board-two.dtb", "")).containsAll(boards).contains("other.txt", "sys root");
        // a system root is a folder or an archive, so --sysroot offers both; --from is a folder only
        assertThat(bash("dtcore", "header", "--sysroot", "")).contains("sys root", "other.txt");
        assertThat(bash("dtcore", "snapshot", "--from", "")).containsExactly("sys root");
        assertThat(bash("dtcore", "completion", "")).containsExactlyInAnyOrder("bash", "zsh");
    }

    // --- zsh: the function on $fpath after compinit, Tab pressed in an interactive zsh on a pseudo-terminal ---

    /** The matches zsh's completion offers for {@code line} (typed, then Tab), backslash quoting removed. */
    private Set<String> zsh(String line) throws Exception {
        Path functions = Files.createDirectories(tmp.resolve("zsh-functions"));
        CliRun r = CliRun.of("completion", "zsh");
        assertThat(r.status()).isZero();
        Files.writeString(functions.resolve("_dtcore"), r.out());
        Path harness = tmp.resolve("zsh-complete.zsh");
        try (InputStream in = CompletionTest.class.getResourceAsStream("zsh-complete.zsh")) {
            Files.write(harness, in.readAllBytes());
        }
        Path out = tmp.resolve("zsh.out");
        run(work, List.of("zsh", "-f", harness.toString(), functions.toString(), out.toString(), line));
        Set<String> matches = new LinkedHashSet<>();
        for (String m : Files.readAllLines(out)) {
            if (!m.startsWith("__")) {
                matches.add(m.replaceAll("\\\\(.)", "$1"));
            }
        }
        assertThat(Files.readAllLines(out)).last().isEqualTo("__completed__");
        return new TreeSet<>(matches);
    }

    @Test
    void zshOffersTheCommandsOptionsWordsAndFiles() throws Exception {
        assertThat(zsh("dtcore ")).isEqualTo(names());
        assertThat(zsh("dtcore chunks --")).isEqualTo(typed(new ChunksCommand(), false));
        Set<String> header = typed(new HeaderCommand(), false);
        header.removeAll(Set.of("--sysroot", "--live"));
        // --live excludes itself and --sysroot (one system root)
        assertThat(zsh("dtcore header --live --")).isEqualTo(header);
        Set<String> chunks = typed(new ChunksCommand(), false);
        chunks.removeAll(Set.of("--jsonl", "--summary"));
        assertThat(zsh("dtcore chunks --jsonl --")).isEqualTo(chunks);
        Set<String> arches = new TreeSet<>();
        for (OptionTable.Entry e : table(new ChunksCommand()).entries()) {
            if (e.name().equals("arch")) {
                arches.addAll(e.words());
            }
        }
        assertThat(zsh("dtcore chunks --arch=")).isEqualTo(arches);
        assertThat(zsh("dtcore inspect --format ")).containsExactlyInAnyOrder("table", "json");
        assertThat(zsh("dtcore chunks bo")).containsExactlyInAnyOrder("board one.dtb", "board-two.dtb");
        assertThat(zsh("dtcore map -o bo")).containsExactlyInAnyOrder("board one.dtb", "board-two.dtb");
        assertThat(zsh("dtcore header --sysroot ")).contains("sys root", "other.txt");
        assertThat(zsh("dtcore snapshot --from ")).containsExactly("sys root");
        assertThat(zsh("dtcore completion ")).containsExactlyInAnyOrder("bash", "zsh");
        assertThat(zsh("dtcore chunks --page-size ")).isEmpty();
    }
}
