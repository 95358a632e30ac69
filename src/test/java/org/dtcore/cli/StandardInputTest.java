package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dtcore.context.ContextJson;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.fdt.FdtParser;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.memory.Iomem;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard input is what it says: a closed standard input is refused, not replaced by
 * whatever file the JVM opened on descriptor 0; overlays take {@code -} like every other input; and an
 * input too large for its kind is refused after at most its kind's cap plus one byte, whatever follows.
 */
class StandardInputTest {
    static final Path SAMPLE = CliStreamsTest.SAMPLE;
    static final Path OVERLAYS = Path.of("src/test/resources/org/dtcore/fdt/kernel-overlays/arm64/boot/dts/mediatek");

    @TempDir
    Path tmp;

    /** An endless standard input (a repeated prefix then zeros) that counts what is read from it. */
    static final class Endless extends InputStream {
        private final byte[] head;
        long read;

        Endless(byte[] head) {
            this.head = head;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) {
                long at = read + i;
                b[off + i] = at < head.length ? head[(int) at] : (byte) ' ';
            }
            read += len;
            return len;
        }
    }

    record Run(int status, byte[] out, String err, long stdinRead) {
    }

    static Run run(InputStream stdin, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1));
        int status = DtcoreCommand.run(args, new CommandIo(out, new PrintWriter(err), bytes, stdin, false));
        out.flush();
        return new Run(status, bytes.toByteArray(), err.toString(), stdin instanceof Endless e ? e.read : -1);
    }

    @Test
    void anExpectationOnStandardInputStopsAtItsOwnCap() throws Exception {
        Endless in = new Endless("{\"format\": \"dtcore-expect/1\", \"ram\": [".getBytes(StandardCharsets.US_ASCII));
        Run r = run(in, "check", SAMPLE.toString(), "-");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("dtcore: -: ")
                .contains("16 MiB").contains("expectation");
        assertThat(r.stdinRead()).isLessThanOrEqualTo(ExpectationReader.MAX_BYTES + 1L);
    }

    @Test
    void iomemTextOnStandardInputStopsAtItsCap() {
        Endless in = new Endless("00000000-0009ffff : System RAM\n".getBytes(StandardCharsets.US_ASCII));
        Run r = run(in, "chunks", "-");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("dtcore: -: ").contains("16 MiB");
        assertThat(r.stdinRead()).isLessThanOrEqualTo(Iomem.MAX_BYTES + 1L);
    }

    /**
     * capture-memmap's IOMEM takes {@code -} like every other input: the recorded x86_64 kernel's /proc/iomem on
     * standard input gives the map the same file gives, and an endless one stops at iomem's cap.
     */
    @Test
    void captureMemmapReadsIomemFromStandardInputAsFromAFile() throws Exception {
        Path iomem = KernelTruthSysroot.TRUTH.resolve("x86_64-pc-2g/iomem.txt");
        String[] common = {"--arch", "x86_64", "--kernel-version", "6.1", "--crashkernel", "256M@0x6f000000",
            "--elfcorehdr", "0x6f000000,0x1000"};
        Run fromFile = run(InputStream.nullInputStream(), concat("capture-memmap", iomem.toString(), common));
        Run fromStdin = run(new java.io.ByteArrayInputStream(Files.readAllBytes(iomem)), concat("capture-memmap", "-",
                common));
        assertThat(fromFile.status()).as(fromFile.err()).isZero();
        assertThat(fromStdin.status()).as(fromStdin.err()).isZero();
        assertThat(new String(fromStdin.out(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(fromFile.out(), StandardCharsets.ISO_8859_1)).contains("System RAM");

        Endless in = new Endless("00000000-0009ffff : System RAM\n".getBytes(StandardCharsets.US_ASCII));
        Run endless = run(in, concat("capture-memmap", "-", common));
        assertThat(endless.status()).isEqualTo(2);
        assertThat(endless.err().lines().toList()).singleElement().asString().startsWith("dtcore: -: ")
                .contains("16 MiB");
        assertThat(endless.stdinRead()).isLessThanOrEqualTo(Iomem.MAX_BYTES + 1L);
    }

    private static String[] concat(String command, String input, String[] rest) {
        String[] all = new String[rest.length + 2];
        all[0] = command;
        all[1] = input;
        System.arraycopy(rest, 0, all, 2, rest.length);
        return all;
    }

    /**
     * A blob on standard input is read to its totalsize (the parser reads nothing past it, as from a file);
     * one whose header claims more than a blob may hold is refused at once.
     */
    @Test
    void aBlobOnStandardInputIsReadToItsTotalsizeAndNoFurther() throws Exception {
        byte[] blob = Files.readAllBytes(SAMPLE);
        Endless after = new Endless(blob);
        Run ok = run(after, "chunks", "-");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.stdinRead()).isEqualTo(blob.length);

        byte[] huge = blob.clone();
        java.nio.ByteBuffer.wrap(huge).putInt(4, 300 << 20); // totalsize 300 MiB
        Endless claims = new Endless(huge);
        Run r = run(claims, "chunks", "-");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().toList()).singleElement().asString().startsWith("dtcore: -: ").contains("256 MiB");
        assertThat(r.stdinRead()).isLessThanOrEqualTo(FdtParser.MAX_READ_BYTES + 1L).isLessThan(1 << 16);
    }

    @Test
    void contextAndCoreHeaderOnStandardInputStopAtTheirCaps() {
        Endless context = new Endless("{\"arch\": \"arm64\", ".getBytes(StandardCharsets.US_ASCII));
        List<String> header = new ArrayList<>(List.of("header", SAMPLE.toString(), "--context", "-", "-o",
                tmp.resolve("h").toString()));
        header.addAll(List.of(CliStreamsTest.HEADER));
        Run r = run(context, header.toArray(String[]::new));
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.startsWith("dtcore: warning:")).toList()).singleElement()
                .asString().startsWith("dtcore: -: ");
        assertThat(r.stdinRead()).isLessThanOrEqualTo(ContextJson.MAX_BYTES + 1L);

        Endless core = new Endless(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        Run i = run(core, "inspect", "-");
        assertThat(i.status()).isEqualTo(2);
        assertThat(i.stdinRead()).isLessThanOrEqualTo(CoreHeaderReader.MAX_HEAD_BYTES + 1L);
    }

    /** {@code overlay BASE -} and {@code --overlay -} read the overlay from standard input. */
    @Test
    void overlaysTakeDashLikeEveryOtherInput() throws Exception {
        Path base = OVERLAYS.resolve("mt7986a-bananapi-bpi-r3.dtb");
        byte[] emmc = Files.readAllBytes(OVERLAYS.resolve("mt7986a-bananapi-bpi-r3-emmc.dtbo"));
        Path fromFile = tmp.resolve("file.dtb");
        Path fromStdin = tmp.resolve("stdin.dtb");
        assertThat(CliRun.of("overlay", base.toString(), OVERLAYS.resolve("mt7986a-bananapi-bpi-r3-emmc.dtbo").toString(),
                "-o", fromFile.toString(), "--quiet").status()).isZero();
        Run r = run(new java.io.ByteArrayInputStream(emmc), "overlay", base.toString(), "-", "-o", fromStdin.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(Files.readAllBytes(fromStdin)).isEqualTo(Files.readAllBytes(fromFile));

        Run chunks = run(new java.io.ByteArrayInputStream(emmc), "chunks", base.toString(), "--overlay", "-");
        assertThat(chunks.status()).as(chunks.err()).isZero();
        String viaStdin = new String(chunks.out(), StandardCharsets.ISO_8859_1);
        String viaFile = CliRun.of("chunks", base.toString(), "--overlay",
                OVERLAYS.resolve("mt7986a-bananapi-bpi-r3-emmc.dtbo").toString()).out();
        // the same map; only the warning names the overlay, "-" here
        assertThat(viaStdin.substring(0, viaStdin.indexOf("Warnings:")))
                .isEqualTo(viaFile.substring(0, viaFile.indexOf("Warnings:")));
        assertThat(viaStdin).contains("the tree is the board's with - applied");
        // still one standard input per run
        Run two = run(new java.io.ByteArrayInputStream(emmc), "overlay", "-", "-", "-o", fromStdin.toString());
        assertThat(two.status()).isEqualTo(2);
        assertThat(two.err()).contains("only one input can be standard input");
    }

    /**
     * Started with descriptor 0 closed ({@code <&-}), the JVM opens its own files there (its runtime image):
     * reading that as the input would parse the JVM. The run is refused in one line instead. ProcessBuilder
     * cannot close a descriptor, so sh does.
     */
    @Test
    void aClosedStandardInputIsRefused() throws Exception {
        for (List<String> args : List.of(List.of("chunks", "-"), List.of("check", SAMPLE.toString(), "-"),
                List.of("chunks", SAMPLE.toString(), "--overlay", "-"))) {
            StringBuilder script = new StringBuilder("exec");
            for (String a : CliProcess.command(args.toArray(String[]::new))) {
                script.append(' ').append(LocaleTest.q(a));
            }
            script.append(" <&-");
            Process p = new ProcessBuilder("sh", "-c", script.toString()).start();
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(args + ": " + err).isEqualTo(2);
            assertThat(err.lines().toList()).as(args.toString()).singleElement().asString()
                    .isEqualTo("dtcore: -: standard input is closed; give a file, or redirect one into it");
        }
    }

    /**
     * An input that needs more heap than the JVM has is a plain message saying so, not an internal error:
     * a 100 MiB blob on standard input under a 48 MiB heap.
     */
    @Test
    void runningOutOfMemoryIsSaidPlainly() throws Exception {
        Path big = tmp.resolve("big.dtb");
        try (var out = Files.newOutputStream(big)) {
            byte[] head = new byte[1 << 20];
            java.nio.ByteBuffer.wrap(head).putInt(0, 0xd00dfeed).putInt(4, 100 << 20);
            out.write(head);
            byte[] zeros = new byte[1 << 20];
            for (int i = 1; i < 100; i++) {
                out.write(zeros);
            }
        }
        List<String> cmd = new ArrayList<>(CliProcess.command("chunks", "-"));
        cmd.add(1, "-Xmx48m");
        Process p = new ProcessBuilder(cmd).redirectInput(big.toFile()).start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(err.lines().toList()).singleElement().asString().startsWith("dtcore: out of memory: ")
                .doesNotContain("internal error");
    }
}
