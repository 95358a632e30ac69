package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import java.nio.ByteBuffer;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.testing.BlobBuilder;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;

/**
 * Bounds audit of the scanners (SPEC §0, §4, §7): counts in the input never size an allocation or a loop
 * beyond what the input itself holds, and unsigned values that wrap are refused, not reinterpreted.
 */
class HostileInputTest {
    private static final DtsBoard.Prop AC2 = cells("#address-cells", 2);
    private static final DtsBoard.Prop SC2 = cells("#size-cells", 2);

    private static MemoryRange r(long start, long end) {
        return new MemoryRange(start, end);
    }

    @Test
    void v2SetOfTwoToTheThirtyTwoLmbsIsOneChunkNotFourBillion() {
        // 2^32−1 LMBs of 256 MiB from 0: 0x0fffffff_f0000000 bytes, fits in 64 bits
        DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                cells("ibm,dynamic-memory-v2", 1, 0xffffffffL, 0, 0, 0, 0, 0x8));
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, n), ScanOptions.forArch(Arch.PPC64));
        assertThat(m.chunks()).singleElement().extracting(MemoryChunk::range)
                .isEqualTo(r(0, 0x0fffffffefffffffL));
    }

    @Test
    void v2LmbSizeAboveTwoToTheSixtyThreeIsAnUnsignedOverflow() {
        // 3 × 0xffffffff_ffffffff is -3 as a signed product, which Math.multiplyExact lets through
        DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory",
                cells("ibm,lmb-size", 0xffffffffL, 0xffffffffL),
                cells("ibm,dynamic-memory-v2", 1, 3, 0, 0, 0, 0, 0x8));
        assertThatThrownBy(() -> MemoryScan.scan(tree(AC2, SC2, n), ScanOptions.forArch(Arch.PPC64)))
                .isInstanceOf(MemoryMapException.class)
                .hasMessageEndingWith(": " + "set 0 of 3 LMBs of 0xffffffffffffffff bytes overflows 64 bits")
                .extracting(e -> ((MemoryMapException) e).location())
                .isEqualTo("/ibm,dynamic-reconfiguration-memory/ibm,dynamic-memory-v2");
    }

    @Test
    void v2HugeSetWithUsableMemoryStopsWhenTheUsableListEnds() {
        // a capture kernel's per-LMB list holds two LMBs: the 2^32−1 LMB set is read no further
        DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                cells("ibm,dynamic-memory-v2", 1, 0xffffffffL, 0, 0, 0, 0, 0x8),
                cells("linux,drconf-usable-memory", 0, 1, 0, 0, 0, 0x1000000L, 0, 0));
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, n), ScanOptions.forArch(Arch.PPC64));
        assertThat(m.chunks()).extracting(MemoryChunk::range).containsExactly(r(0, 0xffffffL));
    }

    @Test
    void associativityArraysWhoseSizeWrapsGiveNoNumaNode() {
        // count × width = (2^32−1)^2 passes 2^63: as a signed product the table looked 4 cells long and
        // LMB 1's lookup read cell 2 (value 7) instead of refusing the table
        DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                cells("ibm,dynamic-memory", 1, 0, 0x10000000L, 1, 0, 1, 0x8),
                cells("ibm,associativity-lookup-arrays", 0xffffffffL, 0xffffffffL, 7, 8));
        DtsBoard.Node rtas = node("rtas", cells("ibm,associativity-reference-points", 2));
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, NumaLookupTest.FORM1, rtas, n), ScanOptions.forArch(Arch.PPC64));
        assertThat(m.chunks()).singleElement().extracting(MemoryChunk::numaNode)
                .isEqualTo(MemoryChunk.NO_NUMA_NODE);
    }

    @Test
    void legacyRuleOnAWideRootStillFindsPpc32Memory0() {
        // a legacy walk that asks the root's child list about every node is quadratic on a wide root.
        // Written token by token: dtc itself takes quadratic time over 50,000 siblings (its name checks)
        BlobBuilder b = new BlobBuilder().beginNode("").propU32("#address-cells", 2).propU32("#size-cells", 2);
        for (int i = 0; i < 50_000; i++) {
            b.beginNode("dev@" + Integer.toHexString(i)).endNode();
        }
        b.beginNode("memory@0").propU32("reg", 0, 0, 0, 0x10000000).endNode();
        b.beginNode("bus").beginNode("memory@0").propU32("reg", 0, 0x20000000, 0, 0x10000000).endNode().endNode();
        DeviceTree wide = FdtParser.parse(ByteBuffer.wrap(b.endNode().end().build()));
        MemoryMap m = MemoryScan.scan(wide, ScanOptions.DEFAULT.withLegacyMemoryRule(true));
        // only the root's memory@0 counts without device_type
        assertThat(m.chunks()).extracting(MemoryChunk::node).containsExactly("/memory@0");
    }

    @Test
    void legacyRuleFindsTypedMemoryNodesAtAnyDepth() {
        DtsBoard.Node deep = node("bus", node("memory@20000000", str("device_type", "memory"),
                cells("reg", 0, 0x20000000L, 0, 0x10000000L)));
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, deep), ScanOptions.DEFAULT.withLegacyMemoryRule(true));
        assertThat(m.chunks()).extracting(MemoryChunk::node).containsExactly("/bus/memory@20000000");
    }

    @Test
    void iomemTakesOnlyAsciiHexDigits() {
        // Character.digit accepts fullwidth digits; the kernel never prints them
        assertThatThrownBy(() -> Iomem.parse("\uff11\uff10\uff10\uff10-1fff : System RAM\n"))
                .isInstanceOf(MemoryMapException.class)
                .hasMessageContaining("is not hex")
                .extracting(e -> ((MemoryMapException) e).location()).isEqualTo("line 1");
    }
}
