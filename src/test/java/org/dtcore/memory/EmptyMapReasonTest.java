package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.memory64;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import org.junit.jupiter.api.Test;
import org.dtcore.testing.DtsBoard;

/** A map without RAM says why, and its size is 0 bytes, not 2^64. */
class EmptyMapReasonTest {
    private static final DtsBoard.Prop AC2 = cells("#address-cells", 2);
    private static final DtsBoard.Prop SC2 = cells("#size-cells", 2);

    private static String lastWarning(MemoryMap m) {
        assertThat(m.memory()).isEmpty();
        assertThat(m.ramSize().isZero()).isTrue();
        assertThat(m.ramSize().human()).isEqualTo("0 B");
        return m.warnings().get(m.warnings().size() - 1);
    }

    @Test
    void noMemoryNode() {
        assertThat(lastWarning(MemoryScan.scan(tree(AC2, SC2, node("cpus")))))
                .isEqualTo("no RAM: the tree has no memory node (device_type \"memory\" under the root)");
    }

    @Test
    void sizeCellsZero() {
        MemoryMap m = MemoryScan.scan(tree(cells("#address-cells", 1), cells("#size-cells", 0),
                node("memory@0", str("device_type", "memory"), cells("reg", 0))));
        assertThat(lastWarning(m)).contains("#size-cells is 0");
    }

    @Test
    void everyNodeDisabled() {
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0x40000000L, 1L << 30, str("status", "disabled"))));
        assertThat(lastWarning(m)).contains("every memory node is disabled");
    }

    @Test
    void zeroSizeTuples() {
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0x40000000L, 0)));
        assertThat(lastWarning(m)).contains("every memory reg tuple has size 0");
    }

    @Test
    void aMapWithRamHasNoSuchWarning() {
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0x40000000L, 1L << 30)));
        assertThat(m.warnings()).noneMatch(w -> w.startsWith("no RAM"));
        assertThat(m.ramSize().human()).isEqualTo("1 GiB");
    }
}
