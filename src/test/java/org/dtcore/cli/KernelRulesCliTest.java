package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kernel rules through the command line: bootargs as Linux copies it and the memory limit shown (SPEC §6),
 * powerpc NUMA splitting the header's PT_LOADs (SPEC §3.6, §8).
 */
class KernelRulesCliTest {
    private static final Path TRUTH = Path.of("..", "shared", "kernel-truth");

    /** Capture trees kexec-tools wrote end bootargs with extra NULs ("...panic=5\0\0\0"). */
    static Stream<Path> kexecToolsCaptureTrees() throws IOException {
        try (Stream<Path> dirs = Files.list(TRUTH)) {
            return dirs.filter(d -> d.getFileName().toString().endsWith("-kexec-tools"))
                    .map(d -> d.resolve("capture.dtb")).filter(Files::isRegularFile).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kexecToolsCaptureTrees")
    void kexecToolsTreesAreReadInChunksAndExpect(Path dtb) throws IOException {
        CliRun chunks = CliRun.of("chunks", "--format", "json", dtb.toString());
        assertThat(chunks.status()).as(chunks.err()).isZero();
        String bootargs = new ObjectMapper().readTree(chunks.out()).get("chosen").get("bootargs").asText();
        // the C string ends at the first NUL: the trailing NULs are not part of it
        assertThat(bootargs).contains("panic=").doesNotContain("\0");
        CliRun expect = CliRun.of("expect", dtb.toString());
        assertThat(expect.status()).as(expect.err()).isZero();
    }

    @Test
    void memLimitIsAppliedWarnedAndShown(@TempDir Path dir) throws IOException {
        Path dtb = DtsBoard.compile(dir, "limited", """
                / {
                    #address-cells = <2>;
                    #size-cells = <2>;
                    chosen { bootargs = "console=ttyAMA0 mem=768M"; };
                    memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
                };
                """);
        CliRun json = CliRun.of("chunks", "--arch", "arm64", "--format", "json", dtb.toString());
        assertThat(json.status()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        // 768 MiB = 0x30000000 bytes from 0x40000000: RAM ends at 0x6fffffff
        assertThat(root.get("chosen").get("memoryLimit").asText()).isEqualTo("0x30000000");
        assertThat(root.get("memory").get(0).get("end").asText()).isEqualTo("0x6fffffff");
        assertThat(root.get("warnings").toString()).contains("memory limit 0x30000000");
        CliRun table = CliRun.of("chunks", "--arch", "arm64", dtb.toString());
        assertThat(table.out()).containsPattern("memoryLimit +0x0000000030000000");
    }

    @Test
    void twoNodePseriesGuestGetsAPtLoadPerNode(@TempDir Path dir) throws IOException {
        Path dtb = DtsBoard.compile(dir, "two-node", """
                / {
                    #address-cells = <2>;
                    #size-cells = <2>;
                    chosen { ibm,architecture-vec-5 = [19 00 20 00 00 20]; };
                    rtas { ibm,associativity-reference-points = <4 2>; };
                    memory@0 { device_type = "memory"; reg = <0 0 0 0x40000000>; ibm,associativity = <4 0 0 0 0>; };
                    memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>;
                        ibm,associativity = <4 0 0 0 1>; };
                };
                """);
        Path out = dir.resolve("two-node.hdr");
        CliRun header = CliRun.of("header", "--arch", "ppc64", "--kernel-version", "6.1", "--crashkernel",
                "256M@0x20000000", "--cpu-note", "0,0x1000,536", "--vmcoreinfo", "0x2000,0x10024",
                "--backup-region-offset", "0x20000000", dtb.toString(), "-o", out.toString(), "--quiet");
        assertThat(header.status()).as(header.err()).isZero();
        CliRun inspect = CliRun.of("inspect", "--format", "json", out.toString());
        List<String> loads = new ArrayList<>();
        new ObjectMapper().readTree(inspect.out()).get("segments").forEach(s -> {
            if (s.get("type").asText().equals("LOAD")) {
                loads.add(s.get("paddr").asText() + "+" + s.get("memsz").asText());
            }
        });
        // FORM2, primary index [0] = 4: node 0 below 1 GiB, node 1 above; the 1 GiB boundary stays a boundary
        assertThat(loads).containsExactly("0x0+0x10000", "0x10000+0x1fff0000", "0x30000000+0x10000000",
                "0x40000000+0x40000000");
    }
}
