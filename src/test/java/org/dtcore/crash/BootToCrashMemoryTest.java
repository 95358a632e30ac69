package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;

/**
 * SPEC §3.6, §8: what reaches the crash-memory list from small boards written for one rule each. The
 * expected ranges are worked out in each test from the kernel's rules, never taken from dtcore.
 */
class BootToCrashMemoryTest {
    private static final long GIB = 1L << 30;

    private static MemoryRange r(long s, long e) {
        return new MemoryRange(s, e);
    }

    private static final String PSERIES_HEAD = """
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                chosen { ibm,architecture-vec-5 = [19 00 20 00 00 20]; };
                rtas { ibm,associativity-reference-points = <4 2>; };
            """;

    /** A two-node pseries guest: 1 GiB per node, ibm,associativity {4, 0, 0, 0, node}, FORM2. */
    private static final String TWO_NODE_PSERIES = PSERIES_HEAD + """
                memory@0 { device_type = "memory"; reg = <0 0 0 0x40000000>; ibm,associativity = <4 0 0 0 0>; };
                memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>;
                    ibm,associativity = <4 0 0 0 1>; };
            };
            """;

    @Test
    void twoNodePseriesGuestSplitsAtTheNodeBoundary() {
        MemoryMap map = MemoryScan.scan(DtsBoard.tree(TWO_NODE_PSERIES), ScanOptions.forArch(Arch.PPC64));
        // FORM2: primary index = reference point [0] = 4, the 4th domain after the count: 0 and 1
        assertThat(map.chunks()).extracting(MemoryChunk::numaNode).containsExactly(0, 1);
        MemoryRange crash = r(0x20000000L, 0x2fffffffL);
        CrashMemory c = CrashPolicy.build(map, Arch.PPC64, List.of(crash), CrashOptions.DEFAULT);
        // backup [0, 64 KiB), RAM from 64 KiB to the crash kernel, the rest of node 0, then node 1 apart
        assertThat(c.ranges()).containsExactly(r(0, 0xffff), r(0x10000, 0x1fffffffL), r(0x30000000L, GIB - 1),
                r(GIB, 2 * GIB - 1));
    }

    @Test
    void coldPluggedLmbsNextToBootMemoryOfTheSameNodeAreOneRange() {
        // LMBs 0x40000000 and 0x50000000: ASSIGNED | HOTREMOVABLE (0x108), aa_index 0 → node 0
        String board = PSERIES_HEAD + """
                memory@0 { device_type = "memory"; reg = <0 0 0 0x40000000>; ibm,associativity = <4 0 0 0 0>; };
                ibm,dynamic-reconfiguration-memory {
                    ibm,lmb-size = <0 0x10000000>;
                    ibm,dynamic-memory = <2  0 0x40000000 1 0 0 0x108  0 0x50000000 2 0 0 0x108>;
                    ibm,associativity-lookup-arrays = <1 4  0 0 0 0>;
                };
            };
            """;
        MemoryMap map = MemoryScan.scan(DtsBoard.tree(board), ScanOptions.forArch(Arch.PPC64));
        // the map keeps what boot saw: the LMBs are hotpluggable
        assertThat(map.chunks()).extracting(MemoryChunk::hotpluggable).containsExactly(false, true);
        CrashMemory c = CrashPolicy.build(map, Arch.PPC64, List.of(r(0x20000000L, 0x2fffffffL)),
                CrashOptions.DEFAULT);
        // memblock_clear_hotplug(0, -1) merged [0x30000000, 0x3fffffff] with the LMBs: one range
        assertThat(c.ranges()).containsExactly(r(0, 0xffff), r(0x10000, 0x1fffffffL), r(0x30000000L, 0x5fffffffL));
    }

    private static final String HOTPLUG_NEXT_TO_BOOT = """
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x40000000>; };
                memory@c0000000 { device_type = "memory"; reg = <0 0xc0000000 0 0x40000000>; hotpluggable; };
            };
            """;

    @Test
    void arm64HotplugBoundaryIsGoneAfterBoot() {
        MemoryMap map = MemoryScan.scan(DtsBoard.tree(HOTPLUG_NEXT_TO_BOOT), ScanOptions.forArch(Arch.ARM64));
        assertThat(map.chunks()).extracting(MemoryChunk::hotpluggable).containsExactly(false, true);
        CrashMemory c = CrashPolicy.build(map, Arch.ARM64, List.of(), CrashOptions.DEFAULT);
        assertThat(c.ranges()).containsExactly(r(0x80000000L, 0xffffffffL));
    }

    @Test
    void riscv64KeepsTheHotplugBoundaryItsSystemRamLinesWereMadeWith() {
        MemoryMap map = MemoryScan.scan(DtsBoard.tree(HOTPLUG_NEXT_TO_BOOT), ScanOptions.forArch(Arch.RISCV64)
                .withKernelLoadAddress(0x80200000L));
        CrashMemory c = CrashPolicy.build(map, Arch.RISCV64, List.of(), CrashOptions.DEFAULT);
        // RAM from the kernel's load address (SPEC §3.5); init_resources ran before the flags were cleared
        assertThat(c.ranges()).containsExactly(r(0x80200000L, 0xbfffffffL), r(0xc0000000L, 0xffffffffL));
    }
}
