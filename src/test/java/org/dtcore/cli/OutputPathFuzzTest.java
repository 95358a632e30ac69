package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.testing.ScratchFolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The CLI's output path (OutputFile: -o replaces only a regular file) under fuzzed targets:
 * {@code dtcore expect BOARD -o PATH} where PATH is, by the fuzzer's choice, a new file, an old regular
 * file, a link to one, a link to /dev/null, a folder, a dangling link, a path through a missing folder,
 * the input itself or a link to it, a fuzzed name, or a path with ".." in it.
 *
 * <p>Checked after every run: exit 0 or 2; a failure is one line naming no Java class; the input is
 * unchanged; a link is still a link, /dev/null still a character device, a folder still a folder; no
 * temporary file is left beside the target; a run that succeeds wrote exactly the expectation text where
 * the path (or the link) leads. Without JAZZER_FUZZ this replays {@code OutputPathFuzzTestInputs/outputPath/}.
 * It sits in the cli package because the writer it aims at ({@code OutputFile}) is package-private.
 */
class OutputPathFuzzTest {
    private static final Path SAMPLE = Path.of("fdt-samples/qemu-arm64-virt-2g.dtb");

    private static Path scratch;
    private static String expected;

    @BeforeAll
    static void scratchFolder() throws IOException {
        scratch = Files.createTempDirectory("dtcore-output-fuzz");
        // the file names the board by its file name: the reference is made from a copy named as each run's
        Path board = Files.copy(SAMPLE, Files.createDirectory(scratch.resolve("reference")).resolve("board.dtb"));
        Path once = scratch.resolve("reference.json");
        CliRun r = CliRun.of("expect", board.toString(), "--arch", "arm64", "-o", once.toString());
        assertThat(r.status()).as(r.err()).isZero();
        expected = Files.readString(once);
    }

    @AfterAll
    static void removeScratch() throws IOException {
        ScratchFolder.delete(scratch);
    }

    @FuzzTest(maxDuration = "10m")
    void outputPath(FuzzedDataProvider data) throws IOException {
        Path dir = Files.createTempDirectory(scratch, "run");
        try {
            Path input = Files.copy(SAMPLE, dir.resolve("board.dtb"));
            byte[] before = Files.readAllBytes(input);
            Path old = Files.writeString(dir.resolve("old.json"), "yesterday's file\n");
            Path target;
            int kind = data.consumeInt(0, 10);
            switch (kind) {
                case 0 -> target = dir.resolve("new.json");
                case 1 -> target = old;
                case 2 -> target = Files.createSymbolicLink(dir.resolve("link.json"), old.getFileName());
                case 3 -> target = Files.createSymbolicLink(dir.resolve("null"), Path.of("/dev/null"));
                case 4 -> target = Files.createDirectory(dir.resolve("folder"));
                case 5 -> target = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
                case 6 -> target = dir.resolve("missing").resolve("x.json");
                case 7 -> target = input;
                case 8 -> target = Files.createSymbolicLink(dir.resolve("board-link"), input);
                case 9 -> target = dir.resolve(name(data));
                default -> target = dir.resolve("sub/../" + name(data));
            }
            boolean wasLink = Files.isSymbolicLink(target);
            boolean wasFolder = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);

            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = DtcoreCommand.run(new String[] {"expect", input.toString(), "--arch", "arm64", "-o", target.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));

            assertThat(status).as(err.toString()).isIn(0, 2);
            if (status != 0) {
                assertThat(err.toString().lines()).as(err.toString()).hasSize(1);
                assertThat(err.toString()).startsWith("dtcore: ").doesNotContain("Exception")
                        .doesNotContain("internal error");
            }
            assertThat(Files.readAllBytes(input)).isEqualTo(before);
            assertThat(Files.isSymbolicLink(target)).as("a link stays a link").isEqualTo(wasLink);
            assertThat(Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)).isEqualTo(wasFolder);
            assertThat(Files.readAttributes(Path.of("/dev/null"), "unix:mode").get("mode"))
                    .as("/dev/null is a character device").matches(m -> ((Integer) m & 0170000) == 0020000);
            try (Stream<Path> left = Files.walk(dir)) {
                // the target itself may be called "x.tmp" (a fuzzed name): only other such files are left over
                String own = target.getFileName().toString();
                List<String> tmp = left.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".tmp") && !n.equals(own)).toList();
                assertThat(tmp).as("temporary files left").isEmpty();
            }
            if (status == 0 && kind != 3) {
                assertThat(Files.readString(target)).isEqualTo(expected);
            }
        } finally {
            ScratchFolder.delete(dir);
        }
    }

    /** A file name from the fuzzer: any characters but '/' and NUL, never "." or "..". */
    private static String name(FuzzedDataProvider data) {
        String s = data.consumeString(24).replace('/', '_').replace('\0', '_');
        if (s.isEmpty() || s.equals(".") || s.equals("..")) {
            return "n";
        }
        try {
            Path.of(s); // unpaired surrogates make no path: the test's limit, not dtcore's
            return s;
        } catch (java.nio.file.InvalidPathException e) {
            return "n";
        }
    }
}
