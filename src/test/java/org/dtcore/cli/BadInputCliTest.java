package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §12 on bad input: exit status 2, one line on stderr that names the file, no stack trace unless
 * --debug. Runs the CLI in process on each kind of broken input {@code dtcore chunks} can meet.
 */
class BadInputCliTest {
    @TempDir
    Path dir;

    /** What one run printed. */
    private record Run(int status, String out, String err) {
        /** stderr's lines; a final line without its newline counts too. */
        List<String> errLines() {
            return err.isEmpty() ? List.of() : List.of(err.split("\n"));
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DtcoreCommand.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        OutputSchemas.validate(args, status, out.toString());
        return new Run(status, out.toString(), err.toString());
    }

    /** The SPEC §12 contract for a bad FILE, returning the one line for further checks. */
    private static String failsWithOneLine(Path file) {
        Run r = run("chunks", file.toString());
        assertThat(r.status()).as("exit status for %s", file).isEqualTo(2);
        assertThat(r.err()).as("stderr for %s", file).endsWith("\n");
        assertThat(r.err().chars().filter(c -> c == '\n').count()).as("lines on stderr for %s: %s", file, r.err())
                .isEqualTo(1);
        String line = r.errLines().get(0);
        assertThat(line).startsWith("dtcore: ").contains(file.toString())
                .doesNotContain("Exception").doesNotContain("at org.").doesNotContain("internal error");
        return line;
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void truncatedBlob() throws IOException {
        byte[] blob = Files.readAllBytes(Path.of("fdt-samples/qemu-arm64-virt-2g.dtb"));
        Path file = write("truncated.dtb", Arrays.copyOf(blob, 100));
        assertThat(failsWithOneLine(file)).contains("offset 0x4: totalsize 0x").contains("is larger than the 0x64 bytes");
    }

    @Test
    void garbage() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        noise[0] = 0x13; // not the FDT magic, not text
        assertThat(failsWithOneLine(write("garbage.bin", noise))).contains("neither a device tree blob");
    }

    @Test
    void emptyFile() throws IOException {
        assertThat(failsWithOneLine(write("empty", new byte[0]))).contains("the file has only 0 bytes");
    }

    @Test
    void folderWithALinkOutOfIt() throws IOException {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Path secret = Files.writeString(dir.resolve("secret"), "outside");
        Files.createSymbolicLink(tree.resolve("model"), secret);
        assertThat(failsWithOneLine(tree)).contains("/model: link points out of the device-tree folder");
    }

    /** A build folder (its class archive over the property limit), an empty one, one of text files. */
    @Test
    void aFolderThatIsNoDeviceTreeIsRefusedNamingIt() throws IOException {
        Path build = Files.createDirectories(dir.resolve("target/cds"));
        try (var out = Files.newOutputStream(build.resolve("dtcore-cli.jsa"))) {
            out.write(new byte[17 << 20]); // over the 16 MiB a property may hold
        }
        Files.createDirectories(dir.resolve("target/classes/org"));
        assertThat(failsWithOneLine(dir.resolve("target"))).isEqualTo("dtcore: " + dir.resolve("target")
                + ": not a device-tree folder: no file at its top is one of the properties a tree's root has (name,"
                + " compatible, model, #address-cells, #size-cells)");
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertThat(failsWithOneLine(empty)).isEqualTo("dtcore: " + empty
                + ": an empty folder, neither a device-tree folder nor a folder of .dtb files");
        Path text = Files.createDirectories(dir.resolve("text"));
        Files.writeString(text.resolve("notes.txt"), "not a property\n");
        Files.writeString(text.resolve("Makefile"), "all:\n");
        assertThat(failsWithOneLine(text)).startsWith("dtcore: " + text + ": not a device-tree folder: ");
    }

    @Test
    void folderNodeNameWithANewlineStaysOnOneLine() throws IOException {
        Path tree = Files.createDirectory(dir.resolve("tree"));
        Path memory = Files.createDirectory(tree.resolve("mem\nory@0"));
        Files.write(memory.resolve("device_type"), "memory\0".getBytes(StandardCharsets.US_ASCII));
        // root cells 2+2, reg base 2^64 − 1, size 2: wraps (SPEC §0), an error that names the node
        Files.write(tree.resolve("#address-cells"), new byte[] {0, 0, 0, 2});
        Files.write(tree.resolve("#size-cells"), new byte[] {0, 0, 0, 2});
        byte[] reg = new byte[16];
        Arrays.fill(reg, 0, 8, (byte) 0xff); // base 2^64 − 1
        reg[15] = 2;                         // size 2: wraps
        Files.write(memory.resolve("reg"), reg);
        assertThat(failsWithOneLine(tree)).contains("/mem\\nory@0/reg: base 0xffffffffffffffff + size 0x2 wraps");
    }

    @Test
    void iomemWithABadLine() throws IOException {
        Path file = write("iomem", ("00000000-0fffffff : System RAM\n"
                + "  zz-1000 : Kernel code\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(failsWithOneLine(file)).contains("line 2: an address of 2 characters is not hex");
    }

    @Test
    void iomemWithANonUtf8ByteIsReadLikeTheRest() throws IOException {
        // a stray byte in a resource name must not fail the whole file (a UTF-8 decoder says "Input length = 1")
        Path file = write("iomem", ("00000000-0fffffff : System RAM\n"
                + "  00001000-00001fff : dev\u00ff\n"
                + "10000000-0fffffff : System RAM\n").getBytes(StandardCharsets.ISO_8859_1));
        assertThat(failsWithOneLine(file)).contains("line 3: start 0x10000000 is above end 0xfffffff");
    }

    @Test
    void missingFile() {
        // once, with why: not "x: x: cannot read: x"
        Path missing = dir.resolve("does-not-exist");
        assertThat(failsWithOneLine(missing)).isEqualTo("dtcore: " + missing + ": no such file");
    }

    @Test
    void missingFolderInThePath() {
        failsWithOneLine(dir.resolve("no-such-dir").resolve("board.dtb"));
    }

    @Test
    void fifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(p.waitFor()).isZero();
        assertThat(failsWithOneLine(fifo)).contains("is a FIFO, not a regular file");
    }

    @Test
    void debugShowsTheStackTrace() throws IOException {
        Path file = write("empty", new byte[0]);
        Run r = run("--debug", "chunks", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.errLines().get(0)).startsWith("dtcore: ").contains(file.toString());
        assertThat(r.err()).contains("MemoryMapException").contains("at org.dtcore.");
    }

    @Test
    void debugAfterTheSubcommandShowsTheStackTraceToo() throws IOException {
        Path file = write("empty", new byte[0]);
        Run r = run("chunks", "--debug", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("at org.dtcore.");
    }
}
