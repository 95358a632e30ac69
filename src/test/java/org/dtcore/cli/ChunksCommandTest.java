package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.fdt.FdtParser;
import org.dtcore.testing.ExternalTool;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `dtcore chunks` on each kind of input (SPEC §7, §12). */
class ChunksCommandTest {
    private static final Path NUMA = Path.of("fdt-samples/qemu-arm64-virt-numa.dtb");
    /** The warning for the default a tree read without --arch relies on. */
    static final String GENERIC_RULES = "dtcore: warning: no --arch: the generic memory rules apply (4 KiB"
            + " pages, none of an architecture's own); give --arch to choose (arm64, arm, ppc64, ppc, riscv64,"
            + " x86_64, loongarch64)";

    @Test
    void tableReadsLikeReadelf() {
        CliRun r = CliRun.of("chunks", NUMA.toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).isEqualTo(GENERIC_RULES + "\n");
        assertThat(r.out()).contains("RAM: 1 range, 4 GiB")
                .contains("  0x0000000040000000 0x000000013fffffff 4 GiB")
                .contains("Chunks: 2")
                .containsPattern("0x0000000040000000 0x00000000bfffffff 2 GiB +0 +no +/memory@40000000 reg")
                .containsPattern("0x00000000c0000000 0x000000013fffffff 2 GiB +1 +no +/memory@c0000000 reg");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    /** Every table line fits 100 columns; long node paths move below their row. */
    @Test
    void everySamplesTableFitsOneHundredColumns() throws IOException {
        try (var files = Files.list(Path.of("fdt-samples"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".dtb")).sorted().toList()) {
                CliRun r = CliRun.of("chunks", f.toString());
                assertThat(r.out().lines()).as(f.toString())
                        .allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
            }
        }
        CliRun r = CliRun.of("chunks", "fdt-samples/reserved-memory.dtb");
        assertThat(r.out()).contains("no-map\n      /reserved-memory/secmon@4e000000")
                .contains("16 MiB     -          no-map   /reserved-memory/dsp-pool\n"
                        + "      in 0x0000000050000000-0x000000005fffffff (256 MiB)");
    }

    @Test
    void jsonKeepsSixtyFourBitValuesAsHexStrings() throws IOException {
        CliRun r = CliRun.of("chunks", "--format", "json", NUMA.toString());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("memory").get(0).get("end").asText()).isEqualTo("0x13fffffff");
        assertThat(j.get("chunks").get(1).get("numaNode").asInt()).isEqualTo(1);
        assertThat(j.get("chosen").get("bootargs").isNull()).isTrue();
        assertThat(j.get("warnings").isArray()).isTrue();
    }

    @Test
    void deviceTreeFolderGivesTheSameMapAsTheBlob(@TempDir Path tmp) throws IOException {
        // a /proc/device-tree style folder of the same tree; dtc (-I fs) confirms it holds the same tree
        Path folder = tmp.resolve("base");
        DtsBoard.folder(FdtParser.read(NUMA).root(), folder);
        assertThat(ExternalTool.output("dtc", "-q", "-s", "-I", "fs", "-O", "dts", folder.toString()))
                .isEqualTo(ExternalTool.output("dtc", "-q", "-s", "-I", "dtb", "-O", "dts", NUMA.toString()));
        CliRun fromFolder = CliRun.of("chunks", "--format", "json", folder.toString());
        CliRun fromBlob = CliRun.of("chunks", "--format", "json", NUMA.toString());
        assertThat(fromFolder.status()).as(fromFolder.err()).isZero();
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(fromFolder.out()).get("chunks")).isEqualTo(m.readTree(fromBlob.out()).get("chunks"));
    }

    @Test
    void procIomemIsDetectedFromItsText() {
        CliRun r = CliRun.of("chunks", "../shared/kernel-truth/arm64-virt-2g/iomem.txt");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("0x0000000040000000 0x00000000bfffffff")
                .contains("crash kernel                0x00000000ada00000-0x00000000bd9fffff (256 MiB)");
    }

    @Test
    void badInputIsOneLineNamingTheFileAndOffset(@TempDir Path tmp) throws IOException {
        Path bad = tmp.resolve("short.dtb");
        byte[] blob = Files.readAllBytes(NUMA);
        Files.write(bad, java.util.Arrays.copyOf(blob, 100));
        CliRun r = CliRun.of("chunks", bad.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines()).singleElement().asString().startsWith("dtcore: " + bad + ": offset 0x")
                .doesNotContain("Exception");
    }

    /**
     * The architecture is a default relied on only where rules apply: a tree. /proc/iomem is what the kernel
     * kept after its own rules, and a batch says it once, not once a file.
     */
    @Test
    void withoutArchATreeIsReadByTheGenericRulesAndSaysSoOnce(@TempDir Path tmp) throws IOException {
        CliRun given = CliRun.of("chunks", "--arch", "arm64", NUMA.toString());
        assertThat(given.status()).isZero();
        assertThat(given.err()).isEmpty();
        Path iomem = Files.writeString(tmp.resolve("iomem"), "40000000-7fffffff : System RAM\n");
        CliRun text = CliRun.of("chunks", iomem.toString());
        assertThat(text.status()).isZero();
        assertThat(text.err()).isEmpty();
        CliRun batch = CliRun.of("chunks", "--summary", NUMA.toString(), "fdt-samples/qemu-arm64-virt-2g.dtb");
        assertThat(batch.status()).isZero();
        assertThat(batch.err()).isEqualTo(GENERIC_RULES + "\n");
        CliRun paged = CliRun.of("chunks", "--page-size", "64K", NUMA.toString());
        assertThat(paged.err()).isEqualTo(GENERIC_RULES.replace("(4 KiB pages, ", "(") + "\n");
        CliRun map = CliRun.of("map", NUMA.toString(), "-o", tmp.resolve("m.svg").toString());
        assertThat(map.err()).isEqualTo(GENERIC_RULES + "\n");
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun r = CliRun.of("chunks", "--arch", "vax", NUMA.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("unknown architecture 'vax'");
    }

    /** "powerpc" is the kernel's arch/powerpc, which builds ppc and ppc64 kernels: which rules is not said. */
    @Test
    void anArchitectureNameForBothWordSizesIsRefusedWithTheChoices() {
        CliRun r = CliRun.of("chunks", "--arch", "powerpc", NUMA.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().findFirst()).hasValue("dtcore: --arch: 'powerpc' names both a 32-bit and a 64-bit"
                + " architecture: give ppc64 (64-bit) or ppc (32-bit)");
    }

    @Test
    void theHelpListsEachArchitecturesOtherNames() {
        String help = CliRun.of("chunks", "--help").out().replaceAll("\\s+", " ");
        assertThat(help).contains("arm64 (aarch64, aarch64_be)", "ppc64 (ppc64le, powerpc64, powerpc64le)",
                "ppc (ppc32)", "x86_64 (amd64, x86-64)", "not powerpc, riscv, x86 or loongarch");
    }

    @Test
    void versionAndHelp() {
        assertThat(CliRun.of("--version").out()).startsWith("dtcore ");
        assertThat(CliRun.of("--help").out()).contains("chunks").contains("inspect");
    }
}
