package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dtcore.testing.DtsBoard.bytes;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.memory64;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.DtsBoard;

/**
 * SPEC §3.6, §4: powerpc's NUMA node of RAM as arch/powerpc/mm/numa.c finds it. Each expected node is
 * read by hand out of the tree the test writes: the domain at the 1-based primary index.
 */
class NumaLookupTest {
    private static final DtsBoard.Prop AC2 = cells("#address-cells", 2);
    private static final DtsBoard.Prop SC2 = cells("#size-cells", 2);
    private static final long GIB = 1L << 30;

    /** /chosen ibm,architecture-vec-5 with byte 5 = value: 0x80 FORM1, 0x20 FORM2 (OV5_FORM*_AFFINITY). */
    static DtsBoard.Node chosenVec5(int byte5, DtsBoard.Item... more) {
        List<DtsBoard.Item> items = new ArrayList<>(List.of(bytes("ibm,architecture-vec-5",
                new byte[] {0x19, 0, 0x20, 0, 0, (byte) byte5})));
        items.addAll(List.of(more));
        return node("chosen", items.toArray(DtsBoard.Item[]::new));
    }

    static final DtsBoard.Node FORM1 = chosenVec5(0x80);
    static final DtsBoard.Node FORM2 = chosenVec5(0x20);

    private static DtsBoard.Node rtas(long... points) {
        return node("rtas", cells("ibm,associativity-reference-points", points));
    }

    /** Two 1 GiB memory nodes; node k's ibm,associativity is {4, 0, 10+k, 20+k, k}. */
    private static List<MemoryChunk> twoNodes(Arch arch, DtsBoard.Item... extra) {
        List<DtsBoard.Item> items = new ArrayList<>(List.of(AC2, SC2));
        items.addAll(List.of(extra));
        items.add(memory64(0, GIB, cells("ibm,associativity", 4, 0, 10, 20, 0)));
        items.add(memory64(GIB, GIB, cells("ibm,associativity", 4, 0, 11, 21, 1)));
        return MemoryScan.scan(tree(items.toArray(DtsBoard.Item[]::new)), ScanOptions.forArch(arch)).chunks();
    }

    private static List<Integer> nodes(List<MemoryChunk> chunks) {
        return chunks.stream().map(MemoryChunk::numaNode).toList();
    }

    @Test
    void form1TakesReferencePointZeroAsTheOneBasedIndex() {
        // [0] = 4 → the 4th domain after the count: 0 and 1
        assertThat(nodes(twoNodes(Arch.PPC64, FORM1, rtas(4, 2)))).containsExactly(0, 1);
        // [0] = 3 → the 3rd domain: 20 and 21
        assertThat(nodes(twoNodes(Arch.PPC64, FORM1, rtas(3, 4)))).containsExactly(20, 21);
    }

    @Test
    void form2LikeForm1AndForm2WinsWhenBothBitsAreSet() {
        assertThat(nodes(twoNodes(Arch.PPC64, FORM2, rtas(2, 4)))).containsExactly(10, 11);
        assertThat(nodes(twoNodes(Arch.PPC64, chosenVec5(0xa0), rtas(2, 4)))).containsExactly(10, 11);
    }

    @Test
    void form0TakesReferencePointOneAndNeedsTwoPoints() {
        // no vec-5 bit: FORM0, index [1] = 3 → 20, 21
        assertThat(nodes(twoNodes(Arch.PPC64, chosenVec5(0), rtas(4, 3)))).containsExactly(20, 21);
        // one point is "short": NUMA off, everything node 0 (setup_nonnuma)
        assertThat(nodes(twoNodes(Arch.PPC64, rtas(4)))).containsExactly(0, 0);
    }

    @Test
    void opalMeansForm1WithItsOwnReferencePoints() {
        DtsBoard.Node opal = node("ibm,opal", cells("ibm,associativity-reference-points", 4, 3));
        // /rtas would say index 2; OPAL's node is the one read
        assertThat(nodes(twoNodes(Arch.PPC64, opal, rtas(2, 2)))).containsExactly(0, 1);
    }

    @Test
    void noReferencePointsOrNumaOffMeansNodeZeroEverywhere() {
        assertThat(nodes(twoNodes(Arch.PPC64, FORM1))).containsExactly(0, 0);
        DtsBoard.Node off = chosenVec5(0x80, str("bootargs", "console=hvc0 numa=off"));
        assertThat(nodes(twoNodes(Arch.PPC64, off, rtas(4)))).containsExactly(0, 0);
    }

    @Test
    void missingPropertyIsNodeZeroAndNumaNodeIdIsNotReadOnPowerPc() {
        DeviceTree t = tree(AC2, SC2, FORM1, rtas(4), memory64(0, GIB, cells("numa-node-id", 3)));
        assertThat(nodes(MemoryScan.scan(t, ScanOptions.forArch(Arch.PPC64)).chunks())).containsExactly(0);
        // other architectures read numa-node-id
        assertThat(nodes(MemoryScan.scan(t, ScanOptions.forArch(Arch.ARM64)).chunks())).containsExactly(3);
    }

    @Test
    void ffffOrAnIdPastMaxNumnodesOrAnIndexPastTheCountIsNoNode() {
        DeviceTree t = tree(AC2, SC2, FORM1, rtas(2),
                memory64(0, GIB, cells("ibm,associativity", 2, 0, 0xffff)),
                memory64(GIB, GIB, cells("ibm,associativity", 2, 0, 256)),
                memory64(2 * GIB, GIB, cells("ibm,associativity", 2, 0, 255)),
                memory64(3 * GIB, GIB, cells("ibm,associativity", 1, 7)));
        // MAX_NUMNODES = 1 << 8 on ppc64: 255 is a node, 256 is not; index 2 > count 1 is none
        assertThat(nodes(MemoryScan.scan(t, ScanOptions.forArch(Arch.PPC64)).chunks()))
                .containsExactly(MemoryChunk.NO_NUMA_NODE, MemoryChunk.NO_NUMA_NODE, 255, MemoryChunk.NO_NUMA_NODE);
    }

    /** LMBs of 256 MiB at 1 GiB and 1.5 GiB with aa_index 0 and 1; arrays {0,5,0,0}, {0,6,1,1}. */
    private static List<Integer> lmbNodes(DtsBoard.Node chosen, DtsBoard.Node rtas, int flags1) {
        DtsBoard.Node drconf = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                cells("ibm,dynamic-memory", 2, 0, 0x40000000L, 1, 0, 0, 0x8, 0, 0x60000000L, 2, 0, 1, flags1),
                cells("ibm,associativity-lookup-arrays", 2, 4, 0, 5, 0, 0, 0, 6, 1, 1));
        return nodes(MemoryScan.scan(tree(AC2, SC2, chosen, rtas, drconf), ScanOptions.forArch(Arch.PPC64)).chunks());
    }

    @Test
    void lmbsUseTheSameFormAndIndex() {
        // FORM1, index [0] = 4: 0 and 1
        assertThat(lmbNodes(FORM1, rtas(4, 2), 0x8)).containsExactly(0, 1);
        // FORM0, index [1] = 2: 5 and 6
        assertThat(lmbNodes(chosenVec5(0), rtas(4, 2), 0x8)).containsExactly(5, 6);
        // AI_INVALID (0x40) on the second LMB: no node
        assertThat(lmbNodes(FORM1, rtas(4, 2), 0x48)).containsExactly(0, MemoryChunk.NO_NUMA_NODE);
        // an index past array_sz: no node for either
        assertThat(lmbNodes(FORM1, rtas(5), 0x8)).containsExactly(MemoryChunk.NO_NUMA_NODE, MemoryChunk.NO_NUMA_NODE);
    }
}
