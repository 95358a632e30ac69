package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Everything dtcore reads from a blob, checked against dtc's own tools: header fields, /memreserve/
 * entries and node/property layout from {@code fdtdump}, every property's exact bytes from one batched
 * {@code fdtget -t bx} per blob. Blobs: the committed samples, the real kernels' blobs in
 * ../shared/kernel-truth, and small trees compiled here with {@code dtc}.
 */
class FdtDifferentialTest {
    private static final Path SAMPLES = Path.of("fdt-samples");
    private static final Path KERNEL_TRUTH = Path.of("..", "shared", "kernel-truth");

    static Stream<Path> referenceBlobs() throws IOException {
        List<Path> blobs = new ArrayList<>();
        if (Files.isDirectory(SAMPLES)) {
            try (Stream<Path> s = Files.walk(SAMPLES, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                s.filter(p -> p.toString().endsWith(".dtb")).sorted().forEach(blobs::add);
            }
        }
        try (Stream<Path> s = Files.list(KERNEL_TRUTH)) {
            // x86_64 cases have no device tree: take the blobs each case has.
            s.filter(Files::isDirectory).sorted().forEach(dir -> {
                for (String name : List.of("booted.dtb", "capture.dtb")) {
                    if (Files.isRegularFile(dir.resolve(name))) {
                        blobs.add(dir.resolve(name));
                    }
                }
            });
        }
        assertThat(blobs).as("kernel-truth blobs under " + KERNEL_TRUTH.toAbsolutePath()).hasSizeGreaterThanOrEqualTo(6);
        return blobs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("referenceBlobs")
    void matchesFdtdumpAndFdtget(Path blob) throws IOException {
        assertSameAsDtcTools(blob);
    }

    /** Small trees that exercise what the reference blobs may not: each compiled with the given dtc flags. */
    @Test
    void compiledTreesMatch(@TempDir Path dir) throws IOException {
        Map<String, String[]> cases = new LinkedHashMap<>();
        String reserved = """
                /dts-v1/;
                /memreserve/ 0x1000 0x2000;
                /memreserve/ 0xffffffff00000000 0x10;
                / {
                    #address-cells = <2>;
                    #size-cells = <1>;
                    empty;
                    quoted = "a\\"b", "c, \\"d", "";
                    bytes = [01 02 03];
                    mixed = "x", <0xdeadbeef>, [ff];
                    big = /bits/ 64 <0xffffffffffffffff>;
                    chosen@0 { bootargs = "console=ttyS0 crashkernel=256M"; };
                    memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0x40000000>; };
                    a { b { c { d { e { deep = <1>; }; }; }; }; };
                };
                """;
        cases.put("v17", new String[] {});
        cases.put("v16", new String[] {"-V", "16"});
        cases.put("padded", new String[] {"-p", "4096", "-R", "3"});
        cases.put("aligned", new String[] {"-a", "64", "-b", "5"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            Path dtb = DtsBoard.compile(dir, c.getKey(), reserved, c.getValue());
            assertSameAsDtcTools(dtb);
        }

        Path minimalDtb = DtsBoard.compile(dir, "minimal", "/dts-v1/;\n/ { };\n");
        assertSameAsDtcTools(minimalDtb);
        assertThat(FdtParser.read(minimalDtb).header().orElseThrow().bootCpuidPhys()).isZero();
    }

    private static void assertSameAsDtcTools(Path blob) throws IOException {
        DeviceTree tree = FdtParser.read(blob);
        FdtdumpListing dump = FdtdumpListing.parse(ExternalTool.output("fdtdump", blob.toString()));

        FdtHeader h = tree.header().orElseThrow();
        Map<String, Long> expectedHeader = new LinkedHashMap<>(dump.header());
        Map<String, Long> actualHeader = new LinkedHashMap<>();
        actualHeader.put("magic", h.magic());
        actualHeader.put("totalsize", h.totalSize());
        actualHeader.put("off_dt_struct", h.offDtStruct());
        actualHeader.put("off_dt_strings", h.offDtStrings());
        actualHeader.put("off_mem_rsvmap", h.offMemRsvmap());
        actualHeader.put("version", h.version());
        actualHeader.put("last_comp_version", h.lastCompVersion());
        actualHeader.put("boot_cpuid_phys", h.bootCpuidPhys());
        actualHeader.put("size_dt_strings", h.sizeDtStrings());
        if (h.version() >= 17) {
            actualHeader.put("size_dt_struct", h.sizeDtStruct());
        }
        assertThat(actualHeader).as(blob + " header").isEqualTo(expectedHeader);
        assertThat(tree.reservations()).as(blob + " /memreserve/").isEqualTo(dump.reservations());

        Map<String, List<String>> actualLayout = new LinkedHashMap<>();
        List<FdtProperty> all = new ArrayList<>();
        List<FdtNode> todo = new ArrayList<>(List.of(tree.root()));
        while (!todo.isEmpty()) { // depth-first in blob order, as fdtdump prints
            FdtNode n = todo.remove(todo.size() - 1);
            actualLayout.put(n.path(), n.properties().stream().map(FdtProperty::name).toList());
            all.addAll(n.properties());
            List<FdtNode> kids = new ArrayList<>(n.children());
            java.util.Collections.reverse(kids);
            todo.addAll(kids);
        }
        assertThat(List.copyOf(actualLayout.entrySet())).as(blob + " nodes and property names")
                .isEqualTo(List.copyOf(dump.properties().entrySet()));

        if (all.isEmpty()) {
            return; // fdtget needs at least one node/property pair
        }
        List<String> cmd = new ArrayList<>(List.of("fdtget", "-t", "bx", "--", blob.toString()));
        for (FdtProperty p : all) {
            cmd.add(p.nodePath());
            cmd.add(p.name());
        }
        String[] lines = ExternalTool.output(cmd.toArray(String[]::new)).split("\n", -1);
        assertThat(lines.length).as(blob + " fdtget lines").isEqualTo(all.size() + 1);
        for (int i = 0; i < all.size(); i++) {
            assertThat(hexBytes(all.get(i).bytes())).as(blob + " " + all.get(i).path()).isEqualTo(lines[i]);
        }
    }

    /** fdtget -t bx style: each byte in unpadded lower-case hex, separated by spaces. */
    private static String hexBytes(byte[] bytes) {
        StringBuilder s = new StringBuilder();
        for (byte b : bytes) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(Integer.toHexString(b & 0xff));
        }
        return s.toString();
    }
}
