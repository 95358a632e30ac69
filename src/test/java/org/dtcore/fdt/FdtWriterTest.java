package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's layout choices, each against dtc doing the same, and the trees it must refuse. */
class FdtWriterTest {
    private static final String SOURCE = """
            /dts-v1/;
            /memreserve/ 0x1000 0x2000;
            /memreserve/ 0xffffffff00000000 0x10;
            / {
                #address-cells = <2>;
                #size-cells = <1>;
                empty;
                chosen { bootargs = "console=ttyS0"; };
                memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0x40000000>; };
            };
            """;

    /** SPEC §1 layout with room: each option as the dtc flag it copies, byte for byte. */
    @Test
    void roomOptionsMatchDtcFlags(@TempDir Path dir) throws IOException {
        Path dtb = compile(dir, SOURCE);
        DeviceTree tree = FdtParser.read(dtb);
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(3, 0, 0, 0), "-R", "3");
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(0, 100, 0, 0), "-p", "100");
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(0, 0, 4096, 0), "-S", "4096");
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(0, 0, 10, 0), "-S", "10");
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(0, 0, 0, 64), "-a", "64");
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(0, 10, 0, 64), "-p", "10", "-a", "64");
        assertSameAsDtc(tree, dtb, dir, new FdtWriteOptions(2, 0, 300, 64), "-R", "2", "-S", "300", "-a", "64");

        DeviceTree back = FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(tree, new FdtWriteOptions(3, 0, 4096, 0))));
        assertThat(back.header().orElseThrow().totalSize()).isEqualTo(4096);
        assertThat(TreeListing.of(back)).isEqualTo(TreeListing.of(tree)); // empty slots read as the end
    }

    @Test
    void bootCpuidIsKeptAndVersion16BecomesVersion17(@TempDir Path dir) throws IOException {
        Path dtb = compile(dir, SOURCE, "-V", "16", "-b", "7");
        DeviceTree tree = FdtParser.read(dtb);
        assertThat(tree.header().orElseThrow().version()).isEqualTo(16);
        byte[] written = assertSameAsDtc(tree, dtb, dir, FdtWriteOptions.DEFAULT);
        FdtHeader h = FdtParser.parse(ByteBuffer.wrap(written)).header().orElseThrow();
        assertThat(List.of(h.version(), h.lastCompVersion(), h.bootCpuidPhys())).containsExactly(17L, 16L, 7L);
    }

    @Test
    void aTreeWithoutHeaderGetsBootCpuidZero(@TempDir Path dir) throws IOException {
        FdtNode root = new FdtNode.Builder("", "/", -1)
                .property(FdtProperty.of("/", "model", PropertyValues.string("built")))
                .child(new FdtNode.Builder("chosen", "/chosen", -1).build())
                .build();
        Path out = dir.resolve("built.dtb");
        Files.write(out, FdtWriter.write(new DeviceTree(List.of(), root)));
        FdtdumpListing dump = FdtdumpListing.parse(ExternalTool.output("fdtdump", out.toString()));
        assertThat(dump.header().get("boot_cpuid_phys")).isZero();
        assertThat(dump.properties()).containsEntry("/", List.of("model")).containsKey("/chosen");
        assertThat(ExternalTool.output("fdtget", out.toString(), "/", "model")).isEqualTo("built\n");
    }

    /**
     * dtc reuses a name found at any offset of the strings block, the tail of a longer name included;
     * names past the writer's indexed tail length take its other path.
     */
    @Test
    void stringsBlockSharesTailsAsDtcDoes(@TempDir Path dir) throws IOException {
        String longName = "a-property-name-long-enough-to-pass-the-indexed-tail-of-sixty-four-bytes";
        String source = """
                /dts-v1/;
                / {
                    cells; #address-cells = <1>; address-cells; s; ells;
                    a { %1$s; %2$s; %3$s; %1$s-x; };
                    b { size; #size-cells = <1>; e; x-%1$s; };
                };
                """.formatted(longName, longName.substring(3), longName.substring(60));
        Path dtb = compile(dir, source);
        DeviceTree tree = FdtParser.read(dtb);
        byte[] written = assertSameAsDtc(tree, dtb, dir, FdtWriteOptions.DEFAULT);
        FdtHeader h = FdtParser.parse(ByteBuffer.wrap(written)).header().orElseThrow();
        // appended: cells, #address-cells, the long name, its -x and x- forms, size, #size-cells;
        // shared: address-cells, s, ells, both tails of the long name, e (the tail of "size")
        int n = longName.length();
        long distinct = 6 + 15 + (n + 1) + (n + 3) + 5 + 12 + (n + 3);
        assertThat(h.sizeDtStrings()).isEqualTo(distinct);
    }

    @Test
    void aDeepTreeIsWrittenWithoutRecursion() {
        int depth = 20_000;
        FdtNode node = new FdtNode.Builder("n", "/n" + "/n".repeat(depth - 1), -1).build();
        for (int level = depth - 1; level >= 1; level--) {
            String path = "/n" + "/n".repeat(level - 1);
            node = new FdtNode.Builder("n", path, -1).child(node).build();
        }
        FdtNode root = new FdtNode.Builder("", "/", -1).child(node).build();
        byte[] blob = FdtWriter.write(new DeviceTree(List.of(), root));
        DeviceTree back = FdtParser.parse(ByteBuffer.wrap(blob), new FdtLimits(depth + 1, depth + 1, 0, 16, 2 * depth + 1));
        assertThat(back.header().orElseThrow().sizeDtStruct()).isEqualTo(4 + 8 + depth * 12L + 4);
    }

    @Test
    void namesWithNulAndSizeZeroReservationsAreRefused() {
        FdtNode badProperty = new FdtNode.Builder("", "/", -1)
                .property(FdtProperty.of("/", "bad\0name", new byte[0])).build();
        assertThatThrownBy(() -> FdtWriter.write(new DeviceTree(List.of(), badProperty)))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_VALUE);
                    assertThat(e.path()).contains("/bad\0name");
                });
        FdtNode named = new FdtNode.Builder("root", "/", -1).build();
        assertThatThrownBy(() -> FdtWriter.write(new DeviceTree(List.of(), named)))
                .isInstanceOfSatisfying(FdtException.class,
                        e -> assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_VALUE));
        FdtNode root = new FdtNode.Builder("", "/", -1).build();
        List<RegEntry> zero = List.of(new RegEntry(0x1000, 0x10), new RegEntry(0x5000, 0));
        assertThatThrownBy(() -> FdtWriter.write(new DeviceTree(zero, root)))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_RESERVATION);
                    assertThat(e.offset()).isEqualTo(0x38);
                });
    }

    /**
     * Two 1 GiB values (views of one sparse file, so the test costs no memory) need more than 32-bit
     * offsets allow: a clean TOO_LARGE before the blob is allocated.
     */
    @Test
    void aTreeTooLargeForAnFdtFailsCleanly(@TempDir Path dir) throws IOException {
        Path sparse = dir.resolve("sparse");
        int gib = 1 << 30;
        ByteBuffer huge;
        try (RandomAccessFile f = new RandomAccessFile(sparse.toFile(), "rw")) {
            f.setLength(gib);
            huge = f.getChannel().map(FileChannel.MapMode.READ_ONLY, 0, gib);
        }
        FdtNode root = new FdtNode.Builder("", "/", -1)
                .property(new FdtProperty("/", "first", -1, huge))
                .property(new FdtProperty("/", "second", -1, huge))
                .build();
        assertThatThrownBy(() -> FdtWriter.write(new DeviceTree(List.of(), root)))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.TOO_LARGE);
                    assertThat(e.path()).contains("/second");
                    assertThat(e.getMessage()).contains("0x7ffffff7");
                });
        assertThatThrownBy(() -> FdtWriter.write(new DeviceTree(List.of(), root),
                new FdtWriteOptions(0, Integer.MAX_VALUE, 0, 0)))
                .isInstanceOf(FdtException.class);
    }

    private static Path compile(Path dir, String source, String... flags) {
        return DtsBoard.compile(dir, "in", source, flags);
    }

    /** Writes {@code tree} with {@code options} and checks it against {@code dtc -I dtb -O dtb FLAGS}. */
    private static byte[] assertSameAsDtc(DeviceTree tree, Path dtb, Path dir, FdtWriteOptions options,
            String... flags) throws IOException {
        Path out = dir.resolve("dtc-out.dtb");
        List<String> cmd = new ArrayList<>(List.of("dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", out.toString()));
        cmd.addAll(List.of(flags));
        cmd.add(dtb.toString());
        ExternalTool.output(cmd.toArray(String[]::new));
        byte[] ours = FdtWriter.write(tree, options);
        assertThat(FdtWriterRoundTripTest.firstDifference(ours, Files.readAllBytes(out)))
                .as("first byte that differs from dtc %s (-1: none)", String.join(" ", flags)).isEqualTo(-1);
        return ours;
    }
}
