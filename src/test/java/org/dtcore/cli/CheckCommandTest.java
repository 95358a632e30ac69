package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code dtcore check} and {@code dtcore expect} over the samples and their reviewed expectation files. */
class CheckCommandTest {
    static final Path SAMPLES = Path.of("fdt-samples");
    static final Path EXPECTED = SAMPLES.resolve("expected-layout");

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dtb"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    /**
     * A snapshot: the files were written by {@code dtcore expect}; ExpectedLayoutSourcesTest and
     * fdt-samples/expected-layout/SOURCES.md hold them to outside references.
     */
    @ParameterizedTest
    @MethodSource("samples")
    void everySampleHoldsItsSnapshotExpectation(String name) {
        CliRun r = CliRun.of("check", SAMPLES.resolve(name + ".dtb").toString(),
                EXPECTED.resolve(name + ".expect.json").toString());
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("checks hold").doesNotContain("FAIL");
    }

    @Test
    void everySampleHasAnExpectationFile() throws IOException {
        assertThat(samples()).allSatisfy(n -> assertThat(EXPECTED.resolve(n + ".expect.json")).exists());
    }

    @Test
    void aMutatedExpectationFailsWithTheSideBySideDiff(@TempDir Path tmp) throws IOException {
        String text = Files.readString(EXPECTED.resolve("reserved-memory.expect.json"))
                .replace("\"end\": \"0xbfffffff\", \"size\": \"2G\"}\n  ],\n  \"chunks\"",
                        "\"end\": \"0x13fffffff\", \"size\": \"4G\"}\n  ],\n  \"chunks\"")
                .replace("\"totalRamAtLeast\": \"2G\"", "\"totalRamAtLeast\": \"8G\"")
                .replace("\"node\": \"/reserved-memory/secmon@4e000000\", \"noMap\": true",
                        "\"node\": \"/reserved-memory/secmon@4e000000\", \"noMap\": false");
        Path expect = tmp.resolve("mutated.expect.json");
        Files.writeString(expect, text);

        CliRun r = CliRun.of("check", SAMPLES.resolve("reserved-memory.dtb").toString(), expect.toString());

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL ram: 1 of 1 rows differ")
                .contains("    ! 0x0000000040000000-0x000000013fffffff (4 GiB) | 0x0000000040000000-0x00000000bfffffff (2 GiB)")
                .contains("FAIL reserved:")
                // too wide side by side for 100 columns: expected above, actual below
                .containsPattern("! 0x000000004e000000-0x000000004e1fffff \\(2 MiB\\) +reserved-memory\n {6}/reserved-memory/"
                        + "secmon@4e000000\n {6}0x000000004e000000-0x000000004e1fffff \\(2 MiB\\) +reserved-memory no-map")
                .contains("FAIL rules.totalRamAtLeast: total RAM 2 GiB < 8 GiB")
                .contains("ok   dynamic")
                .contains("3 of 11 checks failed");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void badExpectationIsOneLineNamingFileAndField(@TempDir Path tmp) throws IOException {
        Path expect = tmp.resolve("bad.expect.json");
        Files.writeString(expect, "{\"reserved\": [{\"start\": \"0x1000\", \"end\": \"lots\"}]}");

        CliRun r = CliRun.of("check", SAMPLES.resolve("reserved-memory.dtb").toString(), expect.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).singleElement().asString()
                .startsWith("dtcore: " + expect + ": $.reserved[0].end: a value of 4 characters (character 1 is not a digit) is not a number");
    }

    @Test
    void unknownFieldsAndJsonNumbersAreRefused(@TempDir Path tmp) throws IOException {
        Path typo = tmp.resolve("typo.json");
        Files.writeString(typo, "{\"rules\": {\"totalRamAtLest\": \"1G\"}}");
        Path number = tmp.resolve("number.json");
        Files.writeString(number, "{\"rules\": {\"noRamBelow\": 1073741824}}");
        Path notJson = tmp.resolve("broken.json");
        Files.writeString(notJson, "{\"ram\": [");

        String dtb = SAMPLES.resolve("qemu-arm64-virt-2g.dtb").toString();
        assertThat(CliRun.of("check", dtb, typo.toString()).err()).contains("$.rules.totalRamAtLest: unknown field");
        assertThat(CliRun.of("check", dtb, number.toString()).err())
                .contains("$.rules.noRamBelow: expected a string such as \"0x40000000\"");
        CliRun broken = CliRun.of("check", dtb, notJson.toString());
        assertThat(broken.status()).isEqualTo(2);
        assertThat(broken.err()).contains(notJson + ": line 1 column").contains("not JSON");
    }

    @Test
    void expectPrintsAnExpectationThatChecksClean(@TempDir Path tmp) {
        Path out = tmp.resolve("numa.expect.json");
        CliRun made = CliRun.of("expect", SAMPLES.resolve("numa-hotplug.dtb").toString(), "-o", out.toString());
        assertThat(made.status()).isZero();
        assertThat(out).content().contains("\"format\": \"dtcore-expect/1\"").contains("\"numa\"");

        CliRun check = CliRun.of("check", SAMPLES.resolve("numa-hotplug.dtb").toString(), out.toString());
        assertThat(check.status()).as(check.out()).isZero();
    }

    @Test
    void expectRefusesToOverwriteItsInput(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("board.dtb");
        Files.copy(SAMPLES.resolve("qemu-arm64-virt-2g.dtb"), copy);
        CliRun r = CliRun.of("expect", copy.toString(), "-o", copy.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(Files.readAllBytes(copy)).isEqualTo(Files.readAllBytes(SAMPLES.resolve("qemu-arm64-virt-2g.dtb")));
    }

    @Test
    void crashSectionIsEvaluatedWithTheArchitecture() {
        CliRun r = CliRun.of("check", SAMPLES.resolve("reserved-memory.dtb").toString(),
                EXPECTED.resolve("reserved-memory.expect.json").toString());
        assertThat(r.out()).contains("ok   crash.omits").contains("ok   crash.dumpRanges: 3 ranges as expected")
                .contains("ok   rules.crashkernelFits: 128 MiB aligned to 2 MiB below 0x80000000 fits at");
        assertThat(List.of(r.status())).containsExactly(0);
    }
}
