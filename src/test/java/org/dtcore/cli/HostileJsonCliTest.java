package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile JSON as an expectation file ({@code check}) and as a context file ({@code context --context}),
 * through the command line: each is refused with exit status 2, nothing on standard output, and exactly one
 * line on standard error that names the file, the line and the column, and says in words what is wrong;
 * never a Java or Jackson name, a stack trace, a raw control character or byte order mark, nor the file's
 * text (each input carries the marker SECRET where a careless message would quote it). Lines and columns
 * are counted by hand from the inputs (lines by line feed, columns in characters from 1).
 */
class HostileJsonCliTest {
    private static final String BOARD = "fdt-samples/qemu-arm64-virt-2g.dtb";
    /** What a message with Java in it would show: class names, Jackson's features and limits, exceptions. */
    private static final Pattern JAVA = Pattern.compile(
            "(?i)jackson|databind|exception|\\bjava\\.|\\bcom\\.|StreamReadConstraints|JsonNode|FAIL_ON|ALLOW_|Feature|"
                    + "\\bat org\\.|\\$[A-Z]");

    @TempDir
    Path tmp;

    /** An input, and where (line, column) it goes wrong and what the message must say. */
    record Hostile(String name, byte[] bytes, String where, String words) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Hostile of(String name, String text, String where, String words) {
        return new Hostile(name, text.getBytes(StandardCharsets.UTF_8), where, words);
    }

    /** Malformed text: refused by the JSON reader itself, the same for both kinds of file. */
    static Stream<Hostile> malformed() {
        List<Hostile> all = new ArrayList<>();
        // 65 levels: the 65th bracket, at column 65, is one too deep
        all.add(of("65 levels", "[".repeat(65) + "]".repeat(65), "line 1 column 65", "nested deeper than 64 levels"));
        all.add(of("100,000 open arrays", "[".repeat(100_000), "line 1 column 65", "nested deeper than 64 levels"));
        all.add(of("trailing {}", "{}{}", "line 1 column 3", "more after the JSON value"));
        all.add(of("NaN", "{\"SECRET\": NaN}", "line 1 column 12", "NaN and Infinity are not JSON numbers"));
        all.add(of("Infinity", "{\"SECRET\": -Infinity}", "line 1 column 13", "NaN and Infinity are not JSON numbers"));
        all.add(of("comment", "{/* SECRET */}", "line 1 column 2", "a comment (JSON has no comments)"));
        all.add(of("line comment", "{\n  // SECRET\n}", "line 2 column 3", "a comment (JSON has no comments)"));
        all.add(of("byte order mark inside", "{ \uFEFF\"SECRET\": 1}", "line 1 column 3", "a byte order mark (U+FEFF)"));
        all.add(of("truncated", "{\"SECRET\": [{\"start\": \"0x0\"", "line 1 column 28",
                "the text ends inside an object that starts at line 1 column 13"));
        all.add(of("truncated string", "{\"SECRET", "line 1 column 9", "the text ends inside a string"));
        all.add(of("duplicate key", "{\"board\": \"SECRET\",\n \"board\": \"x\"}", "line 2 column 2",
                "a key this object already has (first at line 1 column 11)"));
        all.add(of("NUL in a string", "{\"x\": \"SECRET\u0000\"}", "line 1 column 14",
                "a control character (U+0000) inside a string"));
        all.add(of("NUL between values", "{\u0000}", "line 1 column 2", "a control character (U+0000)"));
        all.add(of("escape character", "{\"x\": \"\u001b[31mSECRET\"}", "line 1 column 8",
                "a control character (U+001B) inside a string"));
        all.add(of("single quotes", "{'SECRET': 1}", "line 1 column 2", "JSON strings take double quotes"));
        all.add(of("trailing comma", "{\n  \"ram\": [],\n  \"chunks\": [1,]\n}", "line 3 column 16",
                "a comma before ']': JSON allows no trailing comma"));
        all.add(of("leading zero", "{\"x\": 0123}", "line 1 column 7", "a number with a leading zero"));
        all.add(of("unknown escape", "{\"x\": \"SECRET\\q\"}", "line 1 column 14", "an escape sequence JSON does not have"));
        all.add(of("empty", "", "line 1 column 1", "no JSON value"));
        all.add(of("only blanks", " \n\t", "line 2 column 2", "no JSON value"));
        all.add(new Hostile("invalid UTF-8", new byte[] {'{', '"', 'x', '"', ':', ' ', '"', 'S', (byte) 0xff, '"', '}'},
                "line 1 column 9", "byte 0xff (offset 8) is not UTF-8 text"));
        all.add(new Hostile("overlong UTF-8", new byte[] {'[', (byte) 0xc0, (byte) 0x80, ']'}, "line 1 column 2",
                "byte 0xc0 (offset 1) is not UTF-8 text"));
        return all.stream();
    }

    /** Well-formed JSON whose fields are wrong: each reader says which field, where, and what it must be. */
    static Stream<Arguments> wrongFields() {
        String huge = "1" + "0".repeat(400);
        return Stream.of(
                Arguments.of("expectation", "huge integer address", "{\"ram\": [{\"start\": " + huge + ", \"size\": \"1G\"}]}",
                        "line 1 column 20: $.ram[0].start", "found a JSON number: addresses and sizes are strings"),
                Arguments.of("expectation", "huge exponent", "{\"rules\": {\"noRamBelow\": 1e999999999}}",
                        "line 1 column 26: $.rules.noRamBelow", "found a JSON number"),
                Arguments.of("expectation", "huge NUMA node", "{\"chunks\": [{\"start\": \"0x0\", \"size\": \"1G\","
                        + " \"numaNode\": " + huge + "}]}", "line 1 column 56: $.chunks[0].numaNode", "is larger than"),
                Arguments.of("expectation", "number past 2^64", "{\"ram\": [{\"start\": \"0x1" + "0".repeat(16)
                        + "\", \"size\": \"1G\"}]}", "line 1 column 20: $.ram[0].start", "does not fit in 64 bits"),
                Arguments.of("expectation", "unknown field", "{\n  \"SECRET\": 1\n}", "line 2 column 13: $",
                        "a field this object does not have"),
                Arguments.of("expectation", "not a number", "{\"rules\": {\"noRamBelow\": \"SECRET\"}}",
                        "line 1 column 26: $.rules.noRamBelow", "not a number"),
                Arguments.of("expectation", "NUMA key", "{\"numa\": {\"SECRET\": {\"total\": \"1G\"}}}",
                        "line 1 column 21: $.numa", "a NUMA node key is a node id"),
                Arguments.of("context", "huge CPU id", "{\"cpus\": [{\"cpu\": " + huge + ", \"address\": \"0x1\"}]}",
                        "line 1 column 19: $.cpus[0].cpu", "is larger than 2147483647"),
                Arguments.of("context", "integer address", "{\"vmcoreinfo\": {\"address\": 4096}}",
                        "line 1 column 28: $.vmcoreinfo.address", "found a JSON number: addresses and sizes are strings"),
                Arguments.of("context", "integer e_flags", "{\"eFlags\": 0}", "line 1 column 12: $.eFlags",
                        "found a JSON number"),
                Arguments.of("context", "unknown field", "{\"SECRET\": \"x\"}", "line 1 column 12: $",
                        "a field this object does not have"),
                Arguments.of("context", "unknown architecture", "{\"arch\": \"SECRET\"}", "line 1 column 10: $.arch",
                        "not an architecture dtcore knows"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedExpectationFilesAreOneLineInWords(Hostile h) throws IOException {
        Path file = tmp.resolve("board.expect.json");
        Files.write(file, h.bytes());
        refusedInOneLine(CliRun.of("check", BOARD, file.toString()), file, h.where(), h.words());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedContextFilesAreOneLineInWords(Hostile h) throws IOException {
        Path file = tmp.resolve("ctx.json");
        Files.write(file, h.bytes());
        refusedInOneLine(CliRun.of("context", "--arch", "arm64", "--context", file.toString()), file, h.where(),
                h.words());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("wrongFields")
    void wrongFieldsAreOneLineInWords(String kind, String name, String json, String where, String words)
            throws IOException {
        Path file = tmp.resolve(kind + ".json");
        Files.writeString(file, json);
        CliRun r = kind.equals("expectation") ? CliRun.of("check", BOARD, file.toString())
                : CliRun.of("context", "--arch", "arm64", "--context", file.toString());
        refusedInOneLine(r, file, where, words);
    }

    /** A byte order mark at the start is allowed (RFC 8259 §8.1): the file reads as without it. */
    @Test
    void aLeadingByteOrderMarkIsSkipped() throws IOException {
        Path file = tmp.resolve("bom.expect.json");
        Files.write(file, ("\uFEFF{\"ram\": [{\"start\": \"0x40000000\", \"size\": \"2G\"}]}").getBytes(StandardCharsets.UTF_8));
        CliRun r = CliRun.of("check", BOARD, file.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("ok   ram: 1 range as expected");
    }

    /** In a real process too: one line on stderr, no stack trace from the JVM. */
    @Test
    void aRealProcessPrintsTheSameOneLine() throws Exception {
        Path file = tmp.resolve("deep.expect.json");
        Files.writeString(file, "{\"ram\":" + "[".repeat(5000));
        CliProcess p = CliProcess.run(null, null, "check", BOARD, file.toString());
        assertThat(p.status()).isEqualTo(2);
        assertThat(p.out()).isEmpty();
        assertThat(p.err()).isEqualTo("dtcore: " + file + ": line 1 column 71: nested deeper than 64 levels; no file"
                + " dtcore reads goes beyond a few\n");
    }

    private static void refusedInOneLine(CliRun r, Path file, String where, String words) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).endsWith("\n");
        List<String> lines = r.err().lines().toList();
        assertThat(lines).as(r.err()).hasSize(1);
        String line = lines.get(0);
        assertThat(line).startsWith("dtcore: " + file + ": " + where + ": ").contains(words)
                .doesNotContain("SECRET", "\uFEFF", "\u0000", "\u001b", "\uFFFD");
        assertThat(JAVA.matcher(line).find()).as("names Java: %s", line).isFalse();
        assertThat(line.chars().allMatch(c -> c >= 0x20 && c != 0x7f)).as("control characters in %s", line).isTrue();
    }
}
