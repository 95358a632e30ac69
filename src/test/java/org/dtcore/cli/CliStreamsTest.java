package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.testing.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's streams: '-' for stdin/stdout, write errors, batch combinations. */
class CliStreamsTest {
    static final Path SAMPLE = Path.of("fdt-samples/qemu-arm64-virt-numa.dtb");
    static final String[] HEADER = {"--arch", "arm64", "--crashkernel", "256M@0x60000000", "--cpu-note", "0,0x13fb00000",
        "--cpu-note", "1,0x13fb10000", "--vmcoreinfo", "0x40a34000", "--no-kernel-text"};

    @TempDir
    Path tmp;

    /** An in-process run with bytes on standard input, keeping standard output as bytes. */
    record Bytes(int status, byte[] out, String err) {
        String text() {
            return new String(out, StandardCharsets.ISO_8859_1);
        }

        static Bytes of(byte[] stdin, String... args) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StringWriter err = new StringWriter();
            PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(bytes, StandardCharsets.ISO_8859_1));
            int status = DtcoreCommand.run(args, new CommandIo(out, new PrintWriter(err), bytes,
                    new ByteArrayInputStream(stdin), false));
            out.flush();
            OutputSchemas.validate(args, status, bytes.toString(StandardCharsets.ISO_8859_1));
            return new Bytes(status, bytes.toByteArray(), err.toString());
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void dashReadsTheBlobFromStandardInput() throws IOException {
        CliRun fromFile = CliRun.of("chunks", SAMPLE.toString());
        Bytes fromStdin = Bytes.of(Files.readAllBytes(SAMPLE), "chunks", "-");
        assertThat(fromStdin.status()).as(fromStdin.err()).isZero();
        // the same map; only the title names the input
        assertThat(fromStdin.text().lines().skip(1).toList()).isEqualTo(fromFile.out().lines().skip(1).toList());
        assertThat(fromStdin.text()).startsWith("Memory map of - (");
    }

    @Test
    void dashReadsIomemAndElfHeadersFromStandardInputToo() throws IOException {
        byte[] iomem = "40000000-7fffffff : System RAM\n".getBytes(StandardCharsets.US_ASCII);
        Bytes map = Bytes.of(iomem, "chunks", "--format", "json", "-");
        assertThat(map.status()).as(map.err()).isZero();
        assertThat(new ObjectMapper().readTree(map.out()).at("/memory/0/end").asText()).isEqualTo("0x7fffffff");

        Path hdr = tmp.resolve("hdr");
        assertThat(CliRun.of(concat(new String[] {"header", SAMPLE.toString()}, concat(HEADER, "-o", hdr.toString())))
                .status()).isZero();
        Bytes inspect = Bytes.of(Files.readAllBytes(hdr), "inspect", "-");
        assertThat(inspect.status()).as(inspect.err()).isZero();
        assertThat(inspect.text()).isEqualTo(CliRun.of("inspect", hdr.toString()).out());
    }

    @Test
    void checkReadsTheExpectationFromStandardInputAndExpectWritesItToStandardOutput() {
        Bytes expect = Bytes.of(new byte[0], "expect", SAMPLE.toString(), "-o", "-");
        assertThat(expect.status()).as(expect.err()).isZero();
        assertThat(expect.text()).isEqualTo(CliRun.of("expect", SAMPLE.toString()).out());
        Bytes check = Bytes.of(expect.out(), "check", SAMPLE.toString(), "-");
        assertThat(check.status()).as(check.err()).isZero();
        // and a board that differs fails against the same expectation
        Bytes other = Bytes.of(expect.out(), "check", "fdt-samples/qemu-arm64-virt-2g.dtb", "-");
        assertThat(other.status()).as(other.err()).isEqualTo(1);
    }

    @Test
    void aContextFileOnStandardInputIsReadAndNamedDash() {
        byte[] ctx = ("{\"arch\": \"arm64\", \"cpus\": [ {\"cpu\": 0, \"address\": \"0x13fb00000\"},"
                + " {\"cpu\": 1, \"address\": \"0x13fb10000\"} ], \"vmcoreinfo\": {\"address\": \"0x40a34000\"}}")
                .getBytes(StandardCharsets.UTF_8);
        Bytes ok = Bytes.of(ctx, "context", SAMPLE.toString(), "--arch", "arm64", "--context", "-");
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.text()).contains("\"0x13fb10000\"");
        Bytes bad = Bytes.of("{\"cpus\": 7}".getBytes(StandardCharsets.UTF_8), "context", SAMPLE.toString(),
                "--arch", "arm64", "--context", "-");
        assertThat(bad.status()).isEqualTo(2);
        assertThat(bad.err().lines().toList()).singleElement().asString().startsWith("dtcore: -: ")
                .doesNotContain("dtcore-stdin");
        // one run, one standard input
        Bytes twice = Bytes.of(ctx, "context", "-", "--arch", "arm64", "--context", "-");
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.err()).contains("only one input can be standard input");
    }

    @Test
    void dashAsOutputWritesTheHeaderBytesToStandardOutput() throws IOException {
        Path file = tmp.resolve("hdr");
        CliRun toFile = CliRun.of(concat(new String[] {"header", SAMPLE.toString()}, concat(HEADER, "-o", file.toString())));
        assertThat(toFile.status()).as(toFile.err()).isZero();
        Bytes toStdout = Bytes.of(new byte[0], concat(new String[] {"header", SAMPLE.toString()}, concat(HEADER, "-o", "-")));
        assertThat(toStdout.status()).as(toStdout.err()).isZero();
        assertThat(toStdout.out()).isEqualTo(Files.readAllBytes(file));
        assertThat(Files.exists(Path.of("-"))).as("no file named '-'").isFalse();
    }

    @Test
    void jsonOfSeveralFilesIsRefusedNotTurnedIntoJsonLines() {
        CliRun r = CliRun.of("chunks", "--format", "json", SAMPLE.toString(), "fdt-samples/reserved-memory.dtb");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).hasSize(2);
        assertThat(r.err()).contains("--jsonl").contains("Try 'dtcore chunks --help'");
    }

    @Test
    void jsonlAndSummaryTogetherAreRefused() {
        for (String command : List.of("chunks", "check")) {
            CliRun r = command.equals("chunks") ? CliRun.of("chunks", "--jsonl", "--summary", "fdt-samples")
                    : CliRun.of("check", "--jsonl", "--summary", "fdt-samples", "fdt-samples/expected-layout");
            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.err()).as(command).contains("--jsonl and --summary exclude each other");
        }
    }

    @Test
    void singleFileJsonCarriesFileArchAndPageSize() throws IOException {
        CliRun r = CliRun.of("chunks", "--format", "json", "--arch", "ppc64", SAMPLE.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("file").asText()).isEqualTo(SAMPLE.toString());
        assertThat(root.get("arch").asText()).isEqualTo("ppc64");
        // SPEC §3.1: ppc64's default page size is 64 KiB
        assertThat(root.get("pageSize").asText()).isEqualTo("0x10000");
    }

    @Test
    void jsonLinesRecordsHaveTheDocumentedKeys() throws IOException {
        Path dir = Files.createDirectory(tmp.resolve("boards"));
        Files.copy(SAMPLE, dir.resolve("a.dtb"));
        Files.write(dir.resolve("b.dtb"), new byte[] {1, 2, 3});
        CliRun r = CliRun.of("chunks", "--jsonl", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode ok = new ObjectMapper().readTree(lines.get(0));
        JsonNode bad = new ObjectMapper().readTree(lines.get(1));
        assertThat(ok.fieldNames()).toIterable().containsExactly("file", "ok", "map");
        assertThat(bad.fieldNames()).toIterable().containsExactly("file", "ok", "error");
        assertThat(ok.get("file").asText()).endsWith("a.dtb");
        assertThat(bad.get("ok").asBoolean()).isFalse();
    }

    @Test
    void writeErrorsOnStandardOutputExitTwoWithOneLine() throws Exception {
        Path expect = tmp.resolve("e.json");
        assertThat(CliRun.of("expect", SAMPLE.toString(), "-o", expect.toString()).status()).isZero();
        Path hdr = tmp.resolve("hdr");
        assertThat(CliRun.of(concat(new String[] {"header", SAMPLE.toString()}, concat(HEADER, "-o", hdr.toString())))
                .status()).isZero();
        File full = new File("/dev/full");
        List<String[]> commands = List.of(new String[] {"chunks", "--arch", "arm64", SAMPLE.toString()},
                new String[] {"chunks", "--arch", "arm64", "--format", "json", SAMPLE.toString()},
                new String[] {"chunks", "--arch", "arm64", "--jsonl", "fdt-samples"},
                new String[] {"inspect", hdr.toString()},
                new String[] {"expect", "--arch", "arm64", SAMPLE.toString()});
        for (String[] args : commands) {
            CliProcess p = CliProcess.run(null, full, args);
            assertThat(p.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(p.err().lines().toList()).as(String.join(" ", args)).singleElement().asString()
                    .isEqualTo("dtcore: standard output: cannot write: No space left on device");
        }
    }

    @Test
    void aProgressCountGoesToStandardErrorOnlyWhenAPersonWatchesIt() {
        for (boolean terminal : new boolean[] {true, false}) {
            java.io.StringWriter out = new java.io.StringWriter();
            java.io.StringWriter err = new java.io.StringWriter();
            int status = DtcoreCommand.run(new String[] {"chunks", "--arch", "arm64", "--jsonl", SAMPLE.toString(),
                "fdt-samples/reserved-memory.dtb"}, new CommandIo(new PrintWriter(out), new PrintWriter(err),
                        OutputStream.nullOutputStream(), new ByteArrayInputStream(new byte[0]), terminal));
            assertThat(status).isZero();
            assertThat(out.toString().lines()).hasSize(2);
            JsonSchemas.assertEachLineValid(JsonSchemas.CHUNKS_RECORD, out.toString());
            if (terminal) {
                // the last count is drawn, then erased: the line ends blank at column 0
                assertThat(err.toString()).contains("\rchunks: 2/2").endsWith("\r");
            } else {
                assertThat(err.toString()).isEmpty();
            }
        }
    }

    @Test
    void dashReadsFromAPipe() throws Exception {
        // a pipe cannot seek: the JDK's FileInputStream.readNBytes fails on one ("Illegal seek")
        List<String> cmd = CliProcess.command("chunks", "--format", "json", "-");
        StringBuilder sh = new StringBuilder("cat '" + SAMPLE + "' |");
        for (String c : cmd) {
            sh.append(" '").append(c.replace("'", "'\\''")).append('\'');
        }
        Process p = new ProcessBuilder("sh", "-c", sh.toString()).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(err).isZero();
        assertThat(new ObjectMapper().readTree(out).at("/memory/0/start").asText()).isEqualTo("0x40000000");
    }

    @Test
    void dashThroughARealProcess() throws Exception {
        CliProcess p = CliProcess.run(SAMPLE.toFile(), null, "chunks", "--format", "json", "-");
        assertThat(p.status()).as(p.err()).isZero();
        assertThat(new ObjectMapper().readTree(p.out()).get("file").asText()).isEqualTo("-");
    }
}
