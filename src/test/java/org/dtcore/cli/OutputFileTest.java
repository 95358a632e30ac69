package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** -o replaces nothing but a regular file, and leaves no temporary file behind. */
class OutputFileTest {
    @TempDir
    Path tmp;

    private static String[] header(String out) {
        List<String> a = new ArrayList<>(List.of("header", CliStreamsTest.SAMPLE.toString()));
        a.addAll(List.of(CliStreamsTest.HEADER));
        a.addAll(List.of("--quiet", "-o", out));
        return a.toArray(String[]::new);
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).inheritIO().start();
        assertThat(p.waitFor()).as(String.join(" ", cmd)).isZero();
    }

    @Test
    void aCharacterDeviceIsWrittenNotReplaced() throws Exception {
        // a private copy of /dev/null (character device 1,3), so a regression cannot harm the machine's
        Path dev = tmp.resolve("null");
        run("mknod", dev.toString(), "c", "1", "3");
        CliRun r = CliRun.of(header(dev.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.isRegularFile(dev, LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.getAttribute(dev, "unix:mode", LinkOption.NOFOLLOW_LINKS)).extracting(m -> ((Integer) m) & 0170000)
                .isEqualTo(0020000);
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void aFifoIsWrittenDirectly() throws Exception {
        Path fifo = tmp.resolve("fifo");
        run("mkfifo", fifo.toString());
        byte[][] read = new byte[1][];
        Thread reader = new Thread(() -> {
            try (InputStream in = Files.newInputStream(fifo)) {
                read[0] = in.readAllBytes();
            } catch (IOException e) {
                read[0] = new byte[0];
            }
        });
        reader.setDaemon(true);
        reader.start();
        CliRun r = CliRun.of(header(fifo.toString()));
        reader.join(30_000);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS)).isFalse();
        // ELF magic: the header went through the pipe
        assertThat(read[0]).startsWith(0x7f, 'E', 'L', 'F');
    }

    @Test
    void aLinkToARegularFileStaysALinkAndItsTargetIsReplaced() throws IOException {
        Path target = Files.writeString(tmp.resolve("real"), "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), target);
        CliRun r = CliRun.of(header(link.toString()));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readAllBytes(target)).startsWith(0x7f, 'E', 'L', 'F');
    }

    @Test
    void aFolderOrADanglingLinkIsRefusedInOneLine() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        for (Path p : List.of(dir, dangling)) {
            CliRun r = CliRun.of(header(p.toString()));
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines().toList()).singleElement().asString().startsWith("dtcore: " + p + ": ")
                    .contains("refusing to write");
        }
        assertThat(Files.exists(tmp.resolve("nowhere"))).isFalse();
    }

    /** A link loop is called a loop, a link to nothing a link to nothing: two different mistakes. */
    @Test
    void aLinkLoopIsCalledALoop() throws IOException {
        Path loop = Files.createSymbolicLink(tmp.resolve("loop"), tmp.resolve("loop"));
        Path a = tmp.resolve("a");
        Files.createSymbolicLink(a, tmp.resolve("b"));
        Files.createSymbolicLink(tmp.resolve("b"), a);
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere"));
        for (Path p : List.of(loop, a)) {
            CliRun r = CliRun.of(header(p.toString()));
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err().lines().toList()).singleElement().asString()
                    .isEqualTo("dtcore: " + p + ": a symbolic link loop; refusing to write there");
        }
        assertThat(CliRun.of(header(dangling.toString())).err().strip())
                .isEqualTo("dtcore: " + dangling + ": a symbolic link to nothing; refusing to write there");
    }

    /**
     * A write that fails says why, and names the path the user gave, never the temporary file beside it
     * (".x.json.STAMP.1.tmp") that the failure happened on.
     */
    @Test
    void aFailedWriteSaysWhyAndNamesTheUsersPath() throws IOException {
        Path missing = tmp.resolve("no-such-folder").resolve("h.bin");
        CliRun r = CliRun.of(header(missing.toString()));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("dtcore: " + missing + ": cannot write: no such folder "
                + missing.getParent());
        Path notAFolder = Files.writeString(tmp.resolve("file"), "x").resolve("h.bin");
        CliRun f = CliRun.of(header(notAFolder.toString()));
        assertThat(f.status()).isEqualTo(2);
        assertThat(f.err().strip()).startsWith("dtcore: " + notAFolder + ": cannot write: ")
                .doesNotContain(".tmp").doesNotContain("Exception");
    }

    @Test
    void newFilesGetTheUmaskAndOldOnesKeepTheirPermissions() throws Exception {
        Path fresh = tmp.resolve("fresh");
        List<String> cmd = CliProcess.command(header(fresh.toString()));
        StringBuilder sh = new StringBuilder("umask 027 && exec");
        for (String c : cmd) {
            sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        run("sh", "-c", sh.toString());
        // 0666 minus umask 027 = 0640 (not the 0600 of a temporary file)
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r-----");

        Path old = Files.writeString(tmp.resolve("old"), "x");
        Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-rw-r--"));
        assertThat(CliRun.of(header(old.toString())).status()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(old))).isEqualTo("rw-rw-r--");
    }

    @Test
    void aSignalDuringTheRunLeavesNoTemporaryFile() throws Exception {
        // SIGTERM or SIGINT at random moments of ten runs: whenever it lands, no .tmp file may stay
        Path out = tmp.resolve("hdr");
        for (int i = 0; i < 10; i++) {
            Process p = new ProcessBuilder(CliProcess.command(header(out.toString())))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(ThreadLocalRandom.current().nextInt(100, 600));
            new ProcessBuilder("kill", i % 2 == 0 ? "-TERM" : "-INT", Long.toString(p.pid())).start().waitFor();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(leftovers()).as("run %d", i).isEmpty();
        }
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }
}
