package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dtcore.testing.BlobBuilder.putU32;
import static org.dtcore.fdt.FdtException.Kind.BAD_ALIGNMENT;
import static org.dtcore.fdt.FdtException.Kind.BAD_LAYOUT;
import static org.dtcore.fdt.FdtException.Kind.BAD_MAGIC;
import static org.dtcore.fdt.FdtException.Kind.BAD_RESERVATION;
import static org.dtcore.fdt.FdtException.Kind.BAD_STRING;
import static org.dtcore.fdt.FdtException.Kind.BAD_STRUCTURE;
import static org.dtcore.fdt.FdtException.Kind.BAD_VERSION;
import static org.dtcore.fdt.FdtException.Kind.LIMIT;
import static org.dtcore.fdt.FdtException.Kind.TRUNCATED;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.dtcore.testing.BlobBuilder;

/**
 * Hostile and broken blobs (SPEC §1 "Validation" and "Limits"): each must fail with its kind, the exact
 * offset of the offending field or token, and a message that says what was wrong.
 */
class MalformedBlobTest {

    // ---- header -------------------------------------------------------------------------------------

    @Test
    void shorterThanTheHeader() {
        byte[] blob = Arrays.copyOf(BlobBuilder.minimal(), 0x20);
        assertFails(blob, TRUNCATED, 0x20, "blob ends after 0x20 bytes, inside the 0x28-byte version 17 header");
        assertFails(new byte[2], TRUNCATED, 2, "inside the FDT header");
        assertFails(Arrays.copyOf(BlobBuilder.minimal(), 0x10), TRUNCATED, 0x10, "inside the FDT header");
    }

    @Test
    void shorterThanTotalsize() {
        byte[] full = BlobBuilder.minimal();
        byte[] blob = Arrays.copyOf(full, full.length - 4);
        assertFails(blob, TRUNCATED, 0x04, String.format("totalsize 0x%x is larger than the 0x%x bytes available",
                full.length, full.length - 4));
    }

    @Test
    void badMagic() {
        byte[] blob = BlobBuilder.minimal();
        putU32(blob, 0, 0xedfe0dd0);
        assertFails(blob, BAD_MAGIC, 0, "bad magic 0xedfe0dd0");
    }

    @Test
    void oldVersionsAreRejectedNamingTheVersion() {
        for (int v : new int[] {15, 3, 2, 1}) {
            byte[] blob = BlobBuilder.minimal();
            putU32(blob, 0x14, v);
            putU32(blob, 0x18, 1);
            assertFails(blob, BAD_VERSION, 0x14, "version " + v + " is not supported");
        }
    }

    @Test
    void lastCompVersionNewerThan17() {
        byte[] blob = BlobBuilder.minimal();
        putU32(blob, 0x14, 18);
        putU32(blob, 0x18, 18);
        assertFails(blob, BAD_VERSION, 0x18, "last_comp_version 18 (version 18) is newer than 17");
    }

    @Test
    void versionOlderThanItsLastCompVersion() {
        byte[] blob = BlobBuilder.minimal();
        putU32(blob, 0x14, 16);
        putU32(blob, 0x18, 17);
        assertFails(blob, BAD_VERSION, 0x14, "version 16 is older than its own last_comp_version 17");
    }

    @Test
    void totalsizeSmallerThanTheHeader() {
        byte[] blob = BlobBuilder.minimal();
        putU32(blob, 0x04, 0x20);
        assertFails(blob, BAD_LAYOUT, 0x04, "totalsize 0x20 is smaller than the 0x28-byte header");
    }

    @Test
    void blockOffsetsPastTotalsize() {
        int total = BlobBuilder.minimal().length;
        assertFieldFails(0x08, total + 4, BAD_LAYOUT, 0x08,
                String.format("off_dt_struct 0x%x is past totalsize 0x%x", total + 4, total));
        assertFieldFails(0x0c, total + 1, BAD_LAYOUT, 0x0c,
                String.format("off_dt_strings 0x%x is past totalsize 0x%x", total + 1, total));
        assertFieldFails(0x10, 0xfffffff8, BAD_LAYOUT, 0x10,
                String.format("off_mem_rsvmap 0xfffffff8 is past totalsize 0x%x", total));
    }

    @Test
    void blocksOverlappingTheHeader() {
        assertFieldFails(0x10, 0x20, BAD_LAYOUT, 0x10, "off_mem_rsvmap 0x20 overlaps the 0x28-byte header");
        assertFieldFails(0x08, 0x0, BAD_LAYOUT, 0x08, "off_dt_struct 0x0 overlaps the 0x28-byte header");
        assertFieldFails(0x0c, 0x24, BAD_LAYOUT, 0x0c, "off_dt_strings 0x24 overlaps the 0x28-byte header");
    }

    @Test
    void version16HeaderIs36Bytes() {
        byte[] blob = new BlobBuilder().version(16, 16).beginNode("").endNode().end().build();
        putU32(blob, 0x0c, 0x22);
        assertFails(blob, BAD_LAYOUT, 0x0c, "off_dt_strings 0x22 overlaps the 0x24-byte header");
    }

    @Test
    void misalignedBlocks() {
        assertFieldFails(0x10, 0x2c, BAD_ALIGNMENT, 0x10, "off_mem_rsvmap 0x2c is not 8-byte aligned");
        assertFieldFails(0x08, 0x3a, BAD_ALIGNMENT, 0x08, "off_dt_struct 0x3a is not 4-byte aligned");
    }

    @Test
    void sizeDtStringsOverflows32Bits() {
        byte[] blob = BlobBuilder.minimal();
        int off = BlobBuilder.getU32(blob, 0x0c);
        putU32(blob, 0x20, 0xffffffff);
        assertFails(blob, BAD_LAYOUT, 0x20,
                String.format("off_dt_strings 0x%x + size_dt_strings 0xffffffff overflows 32 bits", off));
    }

    @Test
    void sizeDtStructOverflows32Bits() {
        byte[] blob = BlobBuilder.minimal();
        putU32(blob, 0x24, 0xfffffff0);
        assertFails(blob, BAD_LAYOUT, 0x24, "off_dt_struct 0x38 + size_dt_struct 0xfffffff0 overflows 32 bits");
    }

    @Test
    void blocksRunningPastTotalsize() {
        byte[] blob = BlobBuilder.minimal();
        int total = blob.length;
        putU32(blob, 0x24, total);
        assertFails(blob, BAD_LAYOUT, 0x24, String.format(
                "the structure block (0x38 + size_dt_struct 0x%x) runs past totalsize 0x%x", total, total));
        blob = BlobBuilder.minimal();
        putU32(blob, 0x20, BlobBuilder.getU32(blob, 0x20) + 1);
        assertFails(blob, BAD_LAYOUT, 0x20, "runs past totalsize");
    }

    // ---- memory reservation block ---------------------------------------------------------------------

    @Test
    void unterminatedReservationBlockRunsIntoTheStructureBlock() {
        byte[] blob = new BlobBuilder().reserve(0x1000, 0x1000).noReservationTerminator()
                .beginNode("").endNode().end().build();
        assertFails(blob, BAD_RESERVATION, 0x38,
                "memory reservation block at 0x28 is unterminated: no entry of size 0 before the structure block at 0x38");
    }

    @Test
    void truncatedReservationEntryBeforeTheStructureBlock() {
        byte[] blob = new BlobBuilder().reserve(0x1000, 0x1000).beginNode("").endNode().end().build();
        putU32(blob, 0x08, 0x40); // structure "starts" in the middle of the terminator
        assertFails(blob, BAD_RESERVATION, 0x38,
                "memory reservation entry at 0x38 is truncated: 0x8 of its 0x10 bytes lie before the structure block at 0x40");
    }

    @Test
    void reservationBlockRunsPastTotalsize() {
        // Blocks before the reservation block: it has only the end of the blob to stop at.
        byte[] blob = BlobBuilder.minimal();
        int rsvmap = (blob.length + 7) & ~7;
        int total = rsvmap + 8;
        byte[] longer = Arrays.copyOf(blob, total);
        Arrays.fill(longer, rsvmap, total, (byte) 0x11);
        putU32(longer, 0x04, total);
        putU32(longer, 0x10, rsvmap); // the last 8 bytes, after the structure and strings blocks
        assertFails(longer, BAD_RESERVATION, rsvmap, String.format(
                "memory reservation entry at 0x%x is truncated: 0x8 of its 0x10 bytes lie before the end of the blob (totalsize 0x%x)",
                rsvmap, total));
    }

    // ---- structure block ------------------------------------------------------------------------------

    @Test
    void propertyLengthPastTheBlock() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int prop = b.here();
        byte[] blob = b.rawProp(0x40, b.nameOffset("p"), new byte[4]).endNode().end().build();
        int end = b.here();
        assertFails(blob, BAD_STRUCTURE, prop, String.format(
                "property at 0x%x: length 0x40 runs past the structure block (ends 0x%x)", prop, end));
    }

    @Test
    void propertyOfLength0x7fffffff() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int prop = b.here();
        byte[] blob = b.rawProp(0x7fffffff, b.nameOffset("p"), new byte[0]).endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, prop, String.format(
                "property at 0x%x: length 0x7fffffff runs past the structure block (ends 0x%x)", prop, b.here()));
    }

    @Test
    void propertyOfLength0xffffffffIsUnsigned() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int prop = b.here();
        byte[] blob = b.rawProp(0xffffffff, b.nameOffset("p"), new byte[0]).endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, prop, "length 0xffffffff runs past the structure block");
    }

    @Test
    void propertyHeaderCutByTheBlockEnd() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int prop = b.here();
        byte[] blob = b.token(BlobBuilder.PROP).token(0).build();
        assertFails(blob, BAD_STRUCTURE, prop, "its length and name offset run past the structure block");
    }

    @Test
    void unterminatedNodeName() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int node = b.here();
        byte[] blob = b.token(BlobBuilder.BEGIN_NODE).raw("abcd".getBytes(StandardCharsets.US_ASCII)).build();
        assertFails(blob, BAD_STRUCTURE, node, String.format(
                "node at 0x%x: name is not NUL-terminated before the structure block ends (0x%x)", node, b.here()));
    }

    @Test
    void unterminatedPropertyNameInTheStringsBlock() {
        BlobBuilder b = new BlobBuilder();
        int nameOff = b.rawString("abc".getBytes(StandardCharsets.US_ASCII)); // no NUL: last bytes of the block
        b.beginNode("");
        int prop = b.here();
        byte[] blob = b.rawProp(4, nameOff, new byte[4]).endNode().end().build();
        int stringsStart = BlobBuilder.getU32(blob, 0x0c);
        assertFails(blob, BAD_STRING, prop, String.format(
                "property at 0x%x: name at 0x%x is not NUL-terminated before the strings block ends (0x%x)",
                prop, stringsStart, stringsStart + 3));
    }

    @Test
    void nameOffsetPastTheStringsBlock() {
        BlobBuilder b = new BlobBuilder();
        b.nameOffset("p"); // 2 bytes of strings
        b.beginNode("");
        int prop = b.here();
        byte[] blob = b.rawProp(0, 2, new byte[0]).endNode().end().build();
        int stringsStart = BlobBuilder.getU32(blob, 0x0c);
        assertFails(blob, BAD_STRING, prop, String.format(
                "property at 0x%x: name offset 0x2 is past the strings block (0x2 bytes at 0x%x)", prop, stringsStart));
        putU32(blob, prop + 8, 0xfffffffc);
        assertFails(blob, BAD_STRING, prop, "name offset 0xfffffffc is past the strings block");
    }

    @Test
    void unknownToken() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int bad = b.here();
        byte[] blob = b.token(0x5).endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, bad, String.format("unknown token 0x5 at 0x%x", bad));
        b = new BlobBuilder().beginNode("");
        bad = b.here();
        blob = b.token(0xfffffff0).endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, bad, String.format("unknown token 0xfffffff0 at 0x%x", bad));
    }

    @Test
    void twoRoots() {
        BlobBuilder b = new BlobBuilder().beginNode("");
        int close = b.here();
        b.endNode();
        int second = b.here();
        byte[] blob = b.beginNode("").endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, second, String.format(
                "second root node at 0x%x: the root node closed at 0x%x", second, close));
    }

    @Test
    void namedRoot() {
        byte[] blob = new BlobBuilder().beginNode("root").endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, 0x38, "root node at 0x38 is named \"root\" (the root's name must be empty)");
    }

    @Test
    void endMissing() {
        BlobBuilder b = new BlobBuilder().beginNode("").endNode();
        byte[] blob = b.build();
        assertFails(blob, TRUNCATED, b.here(), String.format(
                "structure block ends at 0x%x without an END token", b.here()));
    }

    @Test
    void structureBlockEndsInsideANode() {
        BlobBuilder b = new BlobBuilder().beginNode("").beginNode("a");
        byte[] blob = b.build();
        assertFails(blob, TRUNCATED, b.here(), "structure block ends at 0x" + Integer.toHexString(b.here())
                + " inside node /a");
    }

    @Test
    void endBeforeTheRootCloses() {
        BlobBuilder b = new BlobBuilder().beginNode("").beginNode("cpus");
        int end = b.here();
        byte[] blob = b.end().endNode().endNode().build();
        assertFails(blob, BAD_STRUCTURE, end, String.format("END at 0x%x inside node /cpus (2 nodes open)", end));
    }

    @Test
    void endBeforeAnyRoot() {
        byte[] blob = new BlobBuilder().nop().end().build();
        assertFails(blob, BAD_STRUCTURE, 0x3c, "END at 0x3c before any root node");
    }

    @Test
    void endNodeWithoutBeginNode() {
        byte[] blob = new BlobBuilder().endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, 0x38, "END_NODE at 0x38 without a matching BEGIN_NODE");
    }

    @Test
    void extraEndNodeAfterTheRootCloses() {
        BlobBuilder b = new BlobBuilder().beginNode("").endNode();
        int extra = b.here();
        byte[] blob = b.endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, extra, String.format("END_NODE at 0x%x after the root node closed at 0x40",
                extra));
    }

    @Test
    void nopAfterTheRootClosesAsLibfdt() {
        BlobBuilder b = new BlobBuilder().beginNode("").endNode();
        int nop = b.here();
        byte[] blob = b.nop().end().build();
        assertFails(blob, BAD_STRUCTURE, nop, "after the root node closed at 0x40 (only END may follow)");
    }

    @Test
    void propertyOutsideAnyNode() {
        BlobBuilder b = new BlobBuilder();
        byte[] blob = b.propU32("x", 1).beginNode("").endNode().end().build();
        assertFails(blob, BAD_STRUCTURE, 0x38, "property at 0x38 before the root node");
    }

    // ---- limits ---------------------------------------------------------------------------------------

    @Test
    void depthLimitNamesTheNodeAndItsOffset() {
        byte[] blob = FdtParserTest.nested(100);
        // level 65 is the 64th "n" below the root: 8 bytes for the root token, 8 per "n" token before it
        int at = 0x38 + 8 + 63 * 8;
        assertFails(blob, FdtLimits.DEFAULT, LIMIT, at, String.format("node %s at 0x%x: depth 65 exceeds the limit of 64",
                "/n".repeat(64), at));

        DeviceTree t = FdtParser.parse(ByteBuffer.wrap(blob), FdtLimits.DEFAULT.withMaxDepth(200));
        assertThat(t.node("/n".repeat(99))).isPresent();
    }

    @Test
    void veryDeepTreeIsRejectedWithoutStackOverflow() {
        byte[] blob = FdtParserTest.nested(100_000);
        assertFails(blob, FdtLimits.DEFAULT, LIMIT, 0x38 + 8 + 63 * 8, "depth 65 exceeds the limit of 64");
    }

    @Test
    void deepTreeWithARaisedLimitIsBuiltWithoutRecursion() {
        int levels = 5_000;
        FdtLimits deep = new FdtLimits(levels, 1_000_000, 1_000_000, 1024, 2 * levels);
        DeviceTree t = FdtParser.parse(ByteBuffer.wrap(FdtParserTest.nested(levels)), deep);
        FdtNode at = t.root();
        int depth = 1;
        while (!at.children().isEmpty()) {
            at = at.children().get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(levels);
    }

    @Test
    void nodeAndPropertyCountLimits() {
        byte[] blob = new BlobBuilder().beginNode("").propU32("a", 1).propU32("b", 2)
                .beginNode("x").endNode().beginNode("y").endNode().endNode().end().build();
        assertFails(blob, new FdtLimits(64, 2, 10), LIMIT, 0x6c, "node /y at 0x6c: more than 2 nodes");
        assertFails(blob, new FdtLimits(64, 10, 1), LIMIT, 0x50, "property at 0x50: more than 1 properties");
    }

    @Test
    void nameAndPathLengthLimits() {
        byte[] blob = new BlobBuilder().beginNode("").beginNode("a".repeat(20)).beginNode("b".repeat(20))
                .endNode().endNode().endNode().end().build();
        assertFails(blob, new FdtLimits(64, 10, 10, 16, 4096), LIMIT, 0x40, "node at 0x40: name is longer than the limit of 16 bytes");
        assertFails(blob, new FdtLimits(64, 10, 10, 64, 30), LIMIT, 0x40 + 4 + 24,
                "path is longer than the limit of 30");
        byte[] longProp = new BlobBuilder().beginNode("").propU32("p".repeat(40), 1).endNode().end().build();
        assertFails(longProp, new FdtLimits(64, 10, 10, 16, 4096), LIMIT, 0x40, "longer than the limit of 16 bytes");
    }

    // ---- anything else must still be an FdtException --------------------------------------------------

    @Test
    void everyTruncationFailsCleanly() {
        byte[] blob = richBlob();
        for (int n = 0; n < blob.length; n++) {
            byte[] cut = Arrays.copyOf(blob, n);
            assertThatThrownBy(() -> FdtParser.parse(ByteBuffer.wrap(cut))).isInstanceOf(FdtException.class);
        }
    }

    @Test
    void randomCorruptionNeverThrowsAnythingButFdtException() {
        byte[] good = richBlob();
        Random random = new Random(0xd00dfeedL);
        int failures = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] bad = good.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = random.nextInt(bad.length);
                bad[at] = switch (random.nextInt(3)) {
                    case 0 -> (byte) random.nextInt(256);
                    case 1 -> (byte) 0xff;
                    default -> 0;
                };
            }
            try {
                DeviceTree t = FdtParser.parse(ByteBuffer.wrap(bad));
                walkEverything(t);
            } catch (FdtException e) {
                failures++;
                assertThat(e.offset()).isBetween(0L, (long) bad.length);
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        assertThat(failures).isPositive();
    }

    /** Touches every node and property as a caller would, to flush out lazily failing views. */
    private static void walkEverything(DeviceTree t) {
        java.util.ArrayDeque<FdtNode> todo = new java.util.ArrayDeque<>();
        todo.push(t.root());
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            for (FdtProperty p : n.properties()) {
                p.bytes();
            }
            n.children().forEach(todo::push);
        }
    }

    private static byte[] richBlob() {
        return new BlobBuilder().reserve(0x80000000L, 0x100000).reserve(0x1000, 0x10)
                .beginNode("").propU32("#address-cells", 2).propU32("#size-cells", 2).propString("model", "board")
                .beginNode("memory@80000000").propString("device_type", "memory").propU32("reg", 0, 0x80000000, 0, 0x40000000)
                .endNode().nop()
                .beginNode("chosen").propString("bootargs", "console=ttyS0 crashkernel=256M").prop("empty", new byte[0])
                .beginNode("deeper@1").prop("bytes", new byte[] {1, 2, 3}).endNode().endNode()
                .endNode().end().build();
    }

    // ---- helpers --------------------------------------------------------------------------------------

    private static void assertFieldFails(int field, int value, FdtException.Kind kind, long offset, String fragment) {
        byte[] blob = BlobBuilder.minimal();
        putU32(blob, field, value);
        assertFails(blob, kind, offset, fragment);
    }

    private static void assertFails(byte[] blob, FdtException.Kind kind, long offset, String fragment) {
        assertFails(blob, FdtLimits.DEFAULT, kind, offset, fragment);
    }

    private static void assertFails(byte[] blob, FdtLimits limits, FdtException.Kind kind, long offset,
            String fragment) {
        assertThatThrownBy(() -> FdtParser.parse(ByteBuffer.wrap(blob), limits))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).as("kind of: " + e.getMessage()).isEqualTo(kind);
                    assertThat(e.offset()).as("offset of: " + e.getMessage()).isEqualTo(offset);
                    assertThat(e.getMessage()).contains(fragment);
                    assertThat(e.oneLine()).startsWith(String.format("offset 0x%x: ", offset));
                });
    }
}
