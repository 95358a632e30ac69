package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed expectation files (fdt-samples/expected-layout, see SOURCES.md there) against references
 * outside dtcore, so CheckCommandTest's snapshot comparison is not the only thing that holds them:
 * <ul>
 * <li>the QEMU samples' RAM is where QEMU puts it for the {@code -m} that fdt-samples/regenerate.sh
 * passes (the bases are QEMU's: hw/arm/virt.c VIRT_MEM 0x40000000, hw/riscv/virt.c VIRT_DRAM
 * 0x80000000, ppce500 and pseries from 0);</li>
 * <li>every chunk lies inside a tuple of the property it names, as libfdt's fdtget reads it (the memory
 * rules may only trim a tuple, never grow or move it).</li>
 * </ul>
 */
class ExpectedLayoutSourcesTest {
    private static final Path SAMPLES = Path.of("fdt-samples");
    private static final Map<String, Long> QEMU_RAM_BASE = Map.of("qemu-arm64-virt-2g", 0x40000000L,
            "qemu-arm64-virt-numa", 0x40000000L, "qemu-arm64-virt-highmem", 0x40000000L,
            "qemu-riscv64-virt", 0x80000000L, "qemu-ppce500", 0L, "qemu-pseries", 0L);
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> qemuSamples() {
        return QEMU_RAM_BASE.keySet().stream().sorted();
    }

    static Stream<String> allSamples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES.resolve("expected-layout"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expect.json"))
                    .map(n -> n.substring(0, n.length() - ".expect.json".length())).sorted().toList().stream();
        }
    }

    private static JsonNode expectation(String name) throws IOException {
        return JSON.readTree(SAMPLES.resolve("expected-layout").resolve(name + ".expect.json").toFile());
    }

    /** {@code -m 2G} or {@code -m 4G,slots=...} after {@code qemu_sample NAME}, in bytes. */
    private static long qemuMemory(String name) throws IOException {
        String script = Files.readString(SAMPLES.resolve("regenerate.sh")).replace("\\\n", " ");
        Matcher m = Pattern.compile("qemu_sample " + Pattern.quote(name) + " [^\n]*?-m (\\d+)G").matcher(script);
        assertThat(m.find()).as("regenerate.sh makes " + name).isTrue();
        return Long.parseLong(m.group(1)) << 30;
    }

    private static long hex(JsonNode n) {
        return Long.parseUnsignedLong(n.asText().substring(2), 16);
    }

    @ParameterizedTest
    @MethodSource("qemuSamples")
    void qemuRamIsWhatRegenerateShAskedFor(String name) throws IOException {
        long base = QEMU_RAM_BASE.get(name);
        long size = qemuMemory(name);
        JsonNode ram = expectation(name).get("ram");
        assertThat(ram).hasSize(1);
        assertThat(hex(ram.get(0).get("start"))).isEqualTo(base);
        assertThat(hex(ram.get(0).get("end"))).isEqualTo(base + size - 1);
        assertThat(ram.get(0).get("size").asText()).isEqualTo((size >> 30) + "G");
    }

    @ParameterizedTest
    @MethodSource("allSamples")
    void everyChunkLiesInATupleLibfdtReads(String name) throws IOException {
        String dtb = SAMPLES.resolve(name + ".dtb").toString();
        // absent root cells: Linux's defaults, include/linux/of.h OF_ROOT_NODE_{ADDR,SIZE}_CELLS_DEFAULT (1, 1)
        int addressCells = cells(dtb, "#address-cells", 1);
        int sizeCells = cells(dtb, "#size-cells", 1);
        JsonNode chunks = expectation(name).get("chunks");
        int checked = 0;
        for (JsonNode c : chunks) {
            String property = c.get("property").asText();
            if (!property.equals("reg") && !property.equals("linux,usable-memory")) {
                continue; // drconf LMBs and /chosen ranges are other formats
            }
            List<long[]> tuples = tuples(ExternalTool.output("fdtget", "-t", "x", dtb, c.get("node").asText(),
                    property), addressCells, sizeCells);
            long start = hex(c.get("start"));
            long end = hex(c.get("end"));
            assertThat(tuples).as(name + " " + c).anyMatch(t -> Long.compareUnsigned(t[0], start) <= 0
                    && Long.compareUnsigned(end, t[0] + t[1] - 1) <= 0);
            checked++;
        }
        assertThat(checked).as(name + ": chunks from reg").isPositive();
    }

    /**
     * fdt-samples/boot-loader/rpi4-4gb.expect.json (README's worked example, first written by {@code dtcore
     * expect}) against its sources: the RAM is the two banks the README gives as the Pi 4 firmware's
     * (0+0x3b400000 and 0x40000000+0xbc000000, also in BootLoaderCliTest), which U-Boot's
     * fdt_fixup_memory_banks writes into /memory@0's reg; the reservations are the base's /memreserve/ (as
     * fdtdump prints it) and the overlay's ramoops reg and no-map (fdtget); the dynamic region is the base's
     * linux,cma size and alloc-ranges (fdtget); the dump (arm64) is the RAM less the no-map region, as
     * arch/arm64's crash_prepare_elf64_headers() walks memblock without MEMBLOCK_NOMAP.
     */
    @Test
    void theBootLoaderExampleHoldsToTheBanksTheTreeAndTheOverlay() throws IOException {
        Path dir = SAMPLES.resolve("boot-loader");
        String base = dir.resolve("bcm2711-rpi-4-b.dtb").toString();
        String overlay = dir.resolve("rpi4-ramoops.dtbo").toString();
        JsonNode e = JSON.readTree(dir.resolve("rpi4-4gb.expect.json").toFile());
        long[][] banks = {{0, 0x3b40_0000L}, {0x4000_0000L, 0xbc00_0000L}};

        assertThat(ranges(e.get("ram"))).containsExactly(banks[0][0] + " " + (banks[0][1] - 1),
                banks[1][0] + " " + (banks[1][0] + banks[1][1] - 1));
        assertThat(ranges(e.get("chunks"))).isEqualTo(ranges(e.get("ram")));
        assertThat(e.get("chunks").findValuesAsText("node")).containsOnly("/memory@0");

        Matcher rsv = Pattern.compile("/memreserve/ (\\S+) (\\S+);").matcher(ExternalTool.output("fdtdump", base));
        assertThat(rsv.find()).isTrue();
        long rsvStart = Long.decode(rsv.group(1));
        long rsvEnd = rsvStart + Long.decode(rsv.group(2)) - 1;
        String ramoopsNode = "/fragment@0/__overlay__/ramoops@3b300000";
        List<long[]> ramoops = tuples(ExternalTool.output("fdtget", "-t", "x", overlay, ramoopsNode, "reg"), 2, 1);
        assertThat(ExternalTool.output("fdtget", "-p", overlay, ramoopsNode)).contains("no-map");
        long oopsStart = ramoops.get(0)[0];
        long oopsEnd = oopsStart + ramoops.get(0)[1] - 1;
        JsonNode reserved = e.get("reserved");
        assertThat(ranges(reserved)).containsExactly(rsvStart + " " + rsvEnd, oopsStart + " " + oopsEnd);
        assertThat(reserved.findValuesAsText("noMap")).containsExactly("false", "true");

        JsonNode cma = e.get("dynamic").get(0);
        assertThat(cma.get("node").asText()).isEqualTo("/reserved-memory/linux,cma");
        long cmaSize = Long.parseLong(ExternalTool.output("fdtget", "-t", "x", base, "/reserved-memory/linux,cma", "size")
                .strip(), 16);
        assertThat(cma.get("size").asText()).isEqualTo((cmaSize >> 20) + "M");
        List<long[]> alloc = tuples(ExternalTool.output("fdtget", "-t", "x", base, "/reserved-memory/linux,cma",
                "alloc-ranges"), 2, 1);
        assertThat(ranges(cma.get("allocRanges"))).containsExactly(alloc.get(0)[0] + " " + (alloc.get(0)[1] - 1));

        assertThat(ranges(e.get("crash").get("dumpRanges"))).containsExactly(banks[0][0] + " " + (oopsStart - 1),
                banks[1][0] + " " + (banks[1][0] + banks[1][1] - 1));
    }

    /** "start end" (decimal) of each {start, end} object, so that two lists compare as text. */
    private static List<String> ranges(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(r -> out.add(hex(r.get("start")) + " " + hex(r.get("end"))));
        return out;
    }

    private static int cells(String dtb, String name, int linuxDefault) {
        ExternalTool.Result r = ExternalTool.run("fdtget", "-t", "u", dtb, "/", name);
        return r.exitCode() == 0 ? Integer.parseInt(r.stdout().strip()) : linuxDefault;
    }

    private static List<long[]> tuples(String hexWords, int addressCells, int sizeCells) {
        String[] w = hexWords.strip().split("\\s+");
        List<long[]> out = new ArrayList<>();
        int step = addressCells + sizeCells;
        for (int i = 0; i + step <= w.length; i += step) {
            long a = 0;
            long s = 0;
            for (int k = 0; k < addressCells; k++) {
                a = (a << 32) | Long.parseLong(w[i + k], 16);
            }
            for (int k = 0; k < sizeCells; k++) {
                s = (s << 32) | Long.parseLong(w[i + addressCells + k], 16);
            }
            out.add(new long[] {a, s});
        }
        return out;
    }
}
