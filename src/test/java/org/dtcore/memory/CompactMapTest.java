package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.DtsBoard;

/**
 * A scan keeps its chunks and memory view as primitive columns (ChunkList, RangeList).
 * These tests hold the compact lists to the answers a plain list of records gives, derived here.
 */
class CompactMapTest {

    /** The union of SPEC §3.7, done the obvious way: sort, then join overlapping or touching ranges. */
    private static List<MemoryRange> naiveMerged(List<MemoryRange> in) {
        List<MemoryRange> sorted = new ArrayList<>(in);
        sorted.sort(null);
        List<MemoryRange> out = new ArrayList<>();
        for (MemoryRange r : sorted) {
            MemoryRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && (last.overlaps(r) || last.end() != -1L && last.end() + 1 == r.start())) {
                out.set(out.size() - 1, new MemoryRange(last.start(),
                        Long.compareUnsigned(r.end(), last.end()) > 0 ? r.end() : last.end()));
            } else {
                out.add(r);
            }
        }
        return out;
    }

    @Test
    void mergedAndTotalAgreeWithTheObviousUnion() {
        Random random = new Random(2026);
        for (int round = 0; round < 200; round++) {
            List<MemoryRange> in = new ArrayList<>();
            int n = random.nextInt(40);
            for (int i = 0; i < n; i++) {
                long start = random.nextInt(64) * 0x1000L + (round % 7 == 0 ? -0x40000L : 0);
                long size = 1 + random.nextInt(3) * 0x1000L;
                long end = Long.compareUnsigned(start + size - 1, start) < 0 ? -1L : start + size - 1;
                in.add(new MemoryRange(start, end));
            }
            if (round % 2 == 0) {
                in.sort(null); // the sorted sweep and the array sort both
            }
            List<MemoryRange> expected = naiveMerged(in);
            assertThat(Ranges.merged(in)).as("round %d", round).containsExactlyElementsOf(expected);
            long total = 0;
            for (MemoryRange r : expected) {
                total += r.size();
            }
            assertThat(Ranges.totalSize(in)).as("round %d", round).isEqualTo(total);
        }
    }

    @Test
    void aMergedListIsItsOwnMemoryViewAndTheWholeSpaceSaturates() {
        List<MemoryRange> once = Ranges.merged(List.of(new MemoryRange(0, 0xfff), new MemoryRange(0x2000, 0x2fff)));
        assertThat(Ranges.merged(once)).isSameAs(once);
        assertThat(Ranges.totalSize(List.of(new MemoryRange(0, -1L)))).isEqualTo(-1L);
        assertThat(Ranges.totalSize(List.of(new MemoryRange(0, 0x7fffffffffffffffL),
                new MemoryRange(0x8000000000000000L, -1L)))).isEqualTo(-1L);
    }

    @Test
    void manyTuplesOutOfOrderComeOutSortedWithTheirNodes() {
        // 20,000 tuples in descending order in one node, 10 in another with a NUMA id
        int n = 20_000;
        ByteBuffer reg = ByteBuffer.allocate(n * 16);
        for (int i = n - 1; i >= 0; i--) {
            reg.putLong(0x100000000L + i * 0x2000L).putLong(0x1000);
        }
        ByteBuffer other = ByteBuffer.allocate(10 * 16);
        for (int i = 0; i < 10; i++) {
            other.putLong(0x40000000L + i * 0x2000L).putLong(0x1000);
        }
        MemoryMap map = MemoryScan.scan(tree(cells("#address-cells", 2), cells("#size-cells", 2),
                node("memory@100000000", str("device_type", "memory"), DtsBoard.bytes("reg", reg.array())),
                node("memory@40000000", str("device_type", "memory"), DtsBoard.bytes("reg", other.array()),
                        cells("numa-node-id", 1))));
        assertThat(map.chunks()).hasSize(n + 10);
        assertThat(map.memory()).hasSize(n + 10);
        for (int i = 0; i < 10; i++) {
            assertThat(map.chunks().get(i)).isEqualTo(new MemoryChunk(MemoryRange.ofSize(0x40000000L + i * 0x2000L,
                    0x1000, "t"), "/memory@40000000", "reg", 1, false));
        }
        for (int i = 0; i < n; i++) {
            MemoryChunk c = map.chunks().get(10 + i);
            assertThat(c.range()).isEqualTo(MemoryRange.ofSize(0x100000000L + i * 0x2000L, 0x1000, "t"));
            assertThat(c.node()).isEqualTo("/memory@100000000");
            assertThat(c.numaNode()).isEqualTo(MemoryChunk.NO_NUMA_NODE);
            assertThat(map.memory().get(10 + i)).isEqualTo(c.range());
        }
        assertThat(map.totalRam()).isEqualTo((n + 10) * 0x1000L);
        // and the lists are the immutable values a record keeps
        assertThat(map).isEqualTo(new MemoryMap(new ArrayList<>(map.memory()), new ArrayList<>(map.chunks()),
                map.reserved(), map.dynamicReserved(), map.chosen(), map.warnings()));
    }
}
