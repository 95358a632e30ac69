package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An error names the input its value came from: a value of a --context file names the
 * file and its field; a node or property an overlay put in the tree names the overlay; --crashkernel
 * options that cannot all be regions of one kernel are refused.
 */
class NamedSourcesTest {
    static final Path SAMPLE = Path.of("fdt-samples", "qemu-arm64-virt-2g.dtb");

    @TempDir
    Path tmp;

    /** A context file that is good but for one field, which the later stages would refuse. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"pageSize\": \"0x3000\"                               | pageSize: page size 0x3000 is not a power of two",
        "\"cpus\": [{\"cpu\": 0, \"address\": \"0x0\"}, {\"cpu\": 0, \"address\": \"0x1000\"}] | cpus: CPU 0 is given twice",
        "\"cpus\": [{\"cpu\": 0, \"address\": \"0xffffffffffffff00\", \"size\": \"0x1a8\"}, {\"cpu\": 1, \"address\": \"0x1000\"}] | cpus: CPU 0's crash note: address 0xffffffffffffff00 + size 0x1a8 wraps",
        "\"cpus\": [{\"cpu\": 0, \"address\": \"0x10000\", \"size\": \"0x2000\"}]  | cpus: CPU 0's crash note: size 8192 is larger than a page (4096 bytes)",
        "\"vmcoreinfo\": {\"address\": \"0xffffffffffffffff\", \"size\": \"0x1024\"} | vmcoreinfo: address 0xffffffffffffffff + size 0x1024 wraps",
        "\"kernelText\": {\"vaddr\": \"0xffff800008000000\", \"paddr\": \"0xfffffffffff00000\", \"size\": \"0x4c00000\"} | kernelText: physical address 0xfffffffffff00000",
    })
    void aContextFileValueIsNamedByFileAndField(String field, String expected) throws IOException {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("arch", "\"arm64\"");
        fields.put("cpus", "[{\"cpu\": 0, \"address\": \"0xbfbbd000\", \"size\": \"0x1a8\"}]");
        fields.put("vmcoreinfo", "{\"address\": \"0x40a34000\", \"size\": \"0x1024\"}");
        fields.put("pageSize", "\"0x1000\"");
        // the field given replaces the good one of its name
        String name = field.strip().substring(1, field.strip().indexOf('"', 1));
        fields.put(name, field.substring(field.indexOf(':') + 1).strip());
        if (expected.contains("larger than a page")) {
            fields.remove("pageSize"); // the page size is the architecture's default
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((k, v) -> json.append(json.length() == 1 ? "" : ", ").append('"').append(k).append("\": ")
                .append(v));
        json.append('}');
        Path ctx = Files.writeString(tmp.resolve("ctx.json"), json.toString());
        CliRun r = CliRun.of("header", SAMPLE.toString(), "--arch", "arm64", "--crashkernel", "256M@0x60000000",
                "--context", ctx.toString(), "--no-kernel-text", "-o", tmp.resolve("h").toString(), "--quiet");
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines().filter(l -> !l.startsWith("dtcore: warning:")).toList()).singleElement().asString()
                .startsWith("dtcore: " + ctx + ": ").contains(expected.strip());
    }

    /**
     * A node an overlay added, and a property it set on a node of the board, are the overlay's in errors:
     * here a dynamic reserved-memory size two cells long under a root of one size cell (Linux
     * __reserved_mem_alloc_size takes exactly #size-cells).
     */
    @Test
    void anErrorInWhatAnOverlayAddedNamesTheOverlay() throws IOException {
        String pool = "#address-cells = <1>; #size-cells = <1>; ranges;"
                + " pool { compatible = \"shared-dma-pool\"; reusable; size = <0x100000>; };";
        Path base = DtsBoard.compile(tmp, "base", "/ { #address-cells = <1>; #size-cells = <1>;"
                + " memory@40000000 { device_type = \"memory\"; reg = <0x40000000 0x40000000>; };"
                + " reserved-memory { " + pool + " }; };");
        Path added = plugin("added", "/ { fragment@0 { target-path = \"/reserved-memory\"; __overlay__ {"
                + " extra { compatible = \"shared-dma-pool\"; reusable; size = <0 0x100000>; }; }; }; };");
        CliRun r = CliRun.of("chunks", base.toString(), "--overlay", added.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("dtcore: " + base + ": overlay added.dtbo, /reserved-memory/extra/size: ");

        Path changed = plugin("changed", "/ { fragment@0 { target-path = \"/reserved-memory/pool\"; __overlay__ {"
                + " size = <0 0x100000>; }; }; };");
        CliRun c = CliRun.of("chunks", base.toString(), "--overlay", changed.toString());
        assertThat(c.status()).as(c.err()).isEqualTo(2);
        assertThat(c.err().strip()).startsWith("dtcore: " + base + ": overlay changed.dtbo, /reserved-memory/pool/size: ");

        // the board's own mistake stays the board's, whatever an overlay did elsewhere
        Path bad = DtsBoard.compile(tmp, "bad", "/ { #address-cells = <1>; #size-cells = <1>;"
                + " memory@40000000 { device_type = \"memory\"; reg = <0x40000000 0x40000000>; };"
                + " reserved-memory { " + pool.replace("<0x100000>", "<0 0x100000>") + " }; };");
        Path harmless = plugin("harmless", "/ { fragment@0 { target-path = \"/\"; __overlay__ { model = \"x\"; }; }; };");
        CliRun b = CliRun.of("chunks", bad.toString(), "--overlay", harmless.toString());
        assertThat(b.status()).isEqualTo(2);
        assertThat(b.err().strip()).startsWith("dtcore: " + bad + ": /reserved-memory/pool/size: ");
    }

    private Path plugin(String name, String body) throws IOException {
        Path src = Files.writeString(tmp.resolve(name + ".dts"), "/dts-v1/;\n/plugin/;\n" + body + "\n");
        Path out = tmp.resolve(name + ".dtbo");
        org.dtcore.testing.ExternalTool.output("dtc", "-q", "-@", "-I", "dts", "-O", "dtb", "-o", out.toString(),
                src.toString());
        return out;
    }

    /**
     * Linux reserves at most two crash kernel regions, crashkernel= and crashkernel=,low (kernel/crash_reserve.c
     * crashk_res and crashk_low_res), never overlapping: three options, or two that share bytes, are no
     * kernel's.
     */
    @Test
    void crashKernelOptionsThatNoKernelHasAreRefused() {
        for (List<String> regions : List.of(
                List.of("256M@0x60000000", "256M@0x60000000", "64M@0x50000000"),
                List.of("256M@0x60000000", "64M@0x50000000", "32M@0x48000000"),
                List.of("256M@0x60000000", "256M@0x60000000"),
                List.of("256M@0x60000000", "64M@0x6c000000"))) {
            List<String> args = new ArrayList<>(List.of("header", SAMPLE.toString(), "--arch", "arm64", "--cpu-note",
                    "0,0x13fb00000", "--vmcoreinfo", "0x40a34000", "--no-kernel-text", "-o",
                    tmp.resolve("h").toString()));
            for (String region : regions) {
                args.addAll(List.of("--crashkernel", region));
            }
            CliRun r = CliRun.of(args.toArray(String[]::new));
            assertThat(r.status()).as(regions + ": " + r.err()).isEqualTo(2);
            assertThat(r.err()).as(regions.toString()).contains("--crashkernel");
            assertThat(Files.exists(tmp.resolve("h"))).isFalse();
        }
    }
}
