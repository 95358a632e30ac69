package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.dtcore.testing.BlobBuilder;

/** The parser on well-formed blobs written by {@link BlobBuilder}: header, reservations, tree (SPEC §1). */
class FdtParserTest {

    @Test
    void headerFieldsAreReadAsWritten() {
        BlobBuilder b = new BlobBuilder().bootCpuid(3);
        byte[] blob = b.beginNode("").endNode().end().build();

        FdtHeader h = FdtParser.parse(ByteBuffer.wrap(blob)).header().orElseThrow();

        assertThat(h.magic()).isEqualTo(0xd00dfeedL);
        assertThat(h.totalSize()).isEqualTo(blob.length);
        assertThat(h.offMemRsvmap()).isEqualTo(0x28);
        assertThat(h.offDtStruct()).isEqualTo(0x38);
        assertThat(h.offDtStrings()).isEqualTo(0x38 + 16);
        assertThat(h.version()).isEqualTo(17);
        assertThat(h.lastCompVersion()).isEqualTo(16);
        assertThat(h.bootCpuidPhys()).isEqualTo(3);
        assertThat(h.sizeDtStrings()).isZero();
        assertThat(h.sizeDtStruct()).isEqualTo(16);
        assertThat(h.size()).isEqualTo(40);
    }

    @Test
    void version16BlobHasNoStructSizeAndItsStructureRunsToTotalsize() {
        byte[] blob = new BlobBuilder().version(16, 16).beginNode("").propU32("x", 1).endNode().end().build();

        DeviceTree t = FdtParser.parse(ByteBuffer.wrap(blob));

        assertThat(t.header().orElseThrow().version()).isEqualTo(16);
        assertThat(t.header().orElseThrow().sizeDtStruct()).isZero();
        assertThat(t.root().property("x").orElseThrow().asU32()).isEqualTo(1);
    }

    @Test
    void laterVersionCompatibleWith17IsRead() {
        byte[] blob = new BlobBuilder().version(18, 17).beginNode("").endNode().end().build();

        assertThat(FdtParser.parse(ByteBuffer.wrap(blob)).header().orElseThrow().version()).isEqualTo(18);
    }

    @Test
    void reservationsEndAtTheFirstEntryOfSizeZeroWhateverItsAddress() {
        byte[] blob = new BlobBuilder().reserve(0x1000, 0x2000).reserve(0xffffffff00000000L, 0x10)
                .reserve(0xdead0000L, 0) // SPEC §1: terminator; its address is ignored as libfdt does
                .reserve(0x5000, 0x10)   // after the terminator: never read
                .beginNode("").endNode().end().build();

        List<RegEntry> r = FdtParser.parse(ByteBuffer.wrap(blob)).reservations();

        assertThat(r).containsExactly(new RegEntry(0x1000, 0x2000),
                new RegEntry(0xffffffff00000000L, 0x10));
    }

    @Test
    void treeKeepsNamesPathsOffsetsAndBlobOrder() {
        BlobBuilder b = new BlobBuilder();
        int rootAt = b.here();
        b.beginNode("").propU32("#address-cells", 2).propU32("#size-cells", 1);
        int memAt = b.here();
        b.beginNode("memory@80000000").propString("device_type", "memory");
        int regAt = b.here();
        b.propU32("reg", 0, 0x80000000, 0x1000).endNode();
        b.beginNode("soc").beginNode("uart@1000").endNode().endNode();
        byte[] blob = b.endNode().end().build();

        FdtNode root = FdtParser.parse(ByteBuffer.wrap(blob)).root();

        assertThat(root.name()).isEmpty();
        assertThat(root.path()).isEqualTo("/");
        assertThat(root.offset()).isEqualTo(rootAt);
        assertThat(root.properties()).extracting(FdtProperty::name).containsExactly("#address-cells", "#size-cells");
        assertThat(root.children()).extracting(FdtNode::path).containsExactly("/memory@80000000", "/soc");
        FdtNode mem = root.children().get(0);
        assertThat(mem.offset()).isEqualTo(memAt);
        FdtProperty reg = mem.property("reg").orElseThrow();
        assertThat(reg.offset()).isEqualTo(regAt);
        assertThat(reg.nodePath()).isEqualTo("/memory@80000000");
        assertThat(reg.asReg(2, 1)).containsExactly(new RegEntry(0x80000000L, 0x1000));
        assertThat(root.children().get(1).children().get(0).path()).isEqualTo("/soc/uart@1000");
    }

    @Test
    void nopsAreSkippedAnywhereBeforeTheRootCloses() {
        byte[] blob = new BlobBuilder().nop().beginNode("").nop().propU32("a", 1).nop()
                .beginNode("n").nop().endNode().nop().endNode().end().build();

        FdtNode root = FdtParser.parse(ByteBuffer.wrap(blob)).root();

        assertThat(root.properties()).hasSize(1);
        assertThat(root.children()).extracting(FdtNode::name).containsExactly("n");
    }

    @Test
    void propertyAfterASubnodeIsCheckedButLeftOutAsLibfdtLookupsAndLinuxDo() {
        byte[] blob = new BlobBuilder().beginNode("").propU32("early", 1)
                .beginNode("n").endNode().propU32("late", 2).endNode().end().build();

        FdtNode root = FdtParser.parse(ByteBuffer.wrap(blob)).root();

        assertThat(root.hasProperty("early")).isTrue();
        assertThat(root.hasProperty("late")).isFalse();
    }

    @Test
    void bytesAfterEndAreNotRead() {
        byte[] blob = new BlobBuilder().beginNode("").endNode().end().token(0x77777777).build();

        assertThat(FdtParser.parse(ByteBuffer.wrap(blob)).root().path()).isEqualTo("/");
    }

    @Test
    void bytesPastTotalsizeAreIgnored() {
        byte[] blob = BlobBuilder.minimal();
        byte[] longer = java.util.Arrays.copyOf(blob, blob.length + 64);
        java.util.Arrays.fill(longer, blob.length, longer.length, (byte) 0xff);

        assertThat(FdtParser.parse(ByteBuffer.wrap(longer)).header().orElseThrow().totalSize()).isEqualTo(blob.length);
    }

    @Test
    void propertyValuesAreViewsIntoTheBlobNotCopies() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int valueAt = b.here() + 12;
        byte[] blob = b.propU32("v", 0x11223344).endNode().end().build();
        ByteBuffer buffer = ByteBuffer.wrap(blob);

        FdtProperty v = FdtParser.parse(buffer).root().property("v").orElseThrow();
        blob[valueAt] = 0x55;

        assertThat(v.asU32()).isEqualTo(0x55223344L);
        assertThat(v.value().isReadOnly()).isTrue();
    }

    @Test
    void parseStartsAtTheBufferPositionAndLeavesTheBufferAlone() {
        byte[] blob = BlobBuilder.minimal();
        byte[] shifted = new byte[blob.length + 8];
        System.arraycopy(blob, 0, shifted, 8, blob.length);
        ByteBuffer buffer = ByteBuffer.wrap(shifted).position(8);

        DeviceTree t = FdtParser.parse(buffer);

        assertThat(t.node("/chosen").orElseThrow().property("bootargs").orElseThrow().asString())
                .isEqualTo("console=ttyS0");
        assertThat(buffer.position()).isEqualTo(8);
        assertThat(t.root().children().get(0).offset()).isEqualTo(0x38 + 8 + 16); // from the blob start: after root and its property
    }

    @Test
    void sharedPropertyNamesAreOneString() {
        byte[] blob = new BlobBuilder().beginNode("").beginNode("a").propU32("reg", 1).endNode()
                .beginNode("b").propU32("reg", 2).endNode().endNode().end().build();

        FdtNode root = FdtParser.parse(ByteBuffer.wrap(blob)).root();

        assertThat(root.children().get(0).properties().get(0).name())
                .isSameAs(root.children().get(1).properties().get(0).name());
    }

    @Test
    void readMapsAFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.dtb");
        Files.write(file, BlobBuilder.minimal());

        DeviceTree t = FdtParser.read(file);

        assertThat(t.node("/chosen")).isPresent();
    }

    @Test
    void readOfAMissingFileNamesItOnce(@TempDir Path dir) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FdtParser.read(dir.resolve("none.dtb")))
                .isInstanceOfSatisfying(org.dtcore.input.InputException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.oneLine()).isEqualTo(dir.resolve("none.dtb") + ": no such file"));
    }

    @Test
    void depthLimitCountsTheRootAsLevelOne() {
        byte[] blob = nested(3);

        assertThat(FdtParser.parse(ByteBuffer.wrap(blob), FdtLimits.DEFAULT.withMaxDepth(3)).root()
                .children().get(0).children().get(0).path()).isEqualTo("/n/n");
    }

    /** A root with {@code levels - 1} nested nodes called "n". */
    static byte[] nested(int levels) {
        BlobBuilder b = new BlobBuilder().beginNode("");
        for (int i = 1; i < levels; i++) {
            b.beginNode("n");
        }
        for (int i = 0; i < levels; i++) {
            b.endNode();
        }
        return b.end().build();
    }
}
