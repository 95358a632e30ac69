package org.dtcore.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.BigEndianCells;

/** setup_new_fdt_ppc64's rules (SPEC §4, §11) on small pseries-like boards. */
class PowerPcCaptureTest {
    /** crashkernel=256M@512M: usable is [0, 0x2fffffff] plus RTAS. */
    private static final MemoryRange CRASH = new MemoryRange(0x2000_0000L, 0x2fff_ffffL);
    private static final MemoryRange HEADER = new MemoryRange(0x2ff0_0000L, 0x2ff0_0fffL);
    private static final long BACKUP = 0x2fe0_0000L;

    /** RTAS above the crash kernel: a usable range of its own. */
    private static final String BOARD = """
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                chosen { };
                rtas { linux,rtas-base = <0x3fff0000>; rtas-size = <0x83c>; };
                cpus {
                    #address-cells = <1>;
                    #size-cells = <0>;
                    cpu@0 { device_type = "cpu"; reg = <0>; status = "okay"; };
                    cpu@1 { device_type = "cpu"; reg = <1>; status = "okay"; l2 { }; };
                    interrupt-controller { compatible = "xics"; };
                };
                memory@0 { device_type = "memory"; reg = <0 0 0 0x10000000 0 0x20000000 0 0x20000000>; };
                memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x10000000>; };
                ibm,dynamic-reconfiguration-memory {
                    ibm,lmb-size = <0 0x10000000>;
                    ibm,dynamic-memory = <3  0 0x20000000 1 0 0 8  0 0x30000000 2 0 0 8  0 0x40000000 3 0 0 0>;
                };
            };
            """;

    private static DeviceTree capture(String board) {
        return CaptureTree.build(DtsBoard.tree(board),
                CaptureRequest.of(Arch.PPC64, List.of(CRASH), HEADER).withBackupStart(BACKUP));
    }

    private static byte[] prop(DeviceTree t, String node, String name) {
        return t.node(node).orElseThrow().property(name).orElseThrow().bytes();
    }

    @Test
    void memoryNodesGetTheirUsablePartsAsU64PairsOrZeroZero() {
        DeviceTree t = capture(BOARD);
        // [0, 0x0fffffff] whole; [0x20000000, 0x3fffffff] clipped to the crash kernel's end, then RTAS
        assertArrayEquals(BigEndianCells.u64(0, 0x1000_0000L, 0x2000_0000L, 0x1000_0000L, 0x3fff_0000L, 0x83c),
                prop(t, "/memory@0", "linux,usable-memory"));
        assertArrayEquals(BigEndianCells.u64(0, 0), prop(t, "/memory@80000000", "linux,usable-memory"));
        assertEquals("linux,usable-memory", t.node("/memory@0").get().properties().get(0).name());
    }

    @Test
    void everyLmbGetsACountThenItsPairsWhateverItsFlags() {
        DeviceTree t = capture(BOARD);
        assertArrayEquals(BigEndianCells.u64(1, 0x2000_0000L, 0x1000_0000L, 1, 0x3fff_0000L, 0x83c, 0),
                prop(t, "/ibm,dynamic-reconfiguration-memory", "linux,drconf-usable-memory"));
    }

    @Test
    void reservationsFollowTheKernelsOrder() {
        assertEquals(List.of(new RegEntry(0x2ff0_0000L, 0x1000), new RegEntry(0x10000, 0x1fff_0000L),
                new RegEntry(BACKUP, 0x10000), new RegEntry(0x3fff_0000L, 0x83c)),
                capture(BOARD).reservations());
    }

    @Test
    void cpuNodesAreRebuiltReversedWithoutSubnodesBeforeTheOtherChildren() {
        FdtNode cpus = capture(BOARD).node("/cpus").orElseThrow();
        assertEquals(List.of("cpu@1", "cpu@0", "interrupt-controller"),
                cpus.children().stream().map(FdtNode::name).toList());
        FdtNode cpu1 = cpus.children().get(0);
        assertEquals(List.of("name", "status", "reg", "device_type"),
                cpu1.properties().stream().map(FdtProperty::name).toList());
        assertEquals("cpu", cpu1.property("name").get().asString());
        assertEquals(List.of(), cpu1.children());
    }

    @Test
    void aSecondKdumpLoadFromACaptureKernelIsRefused() {
        String board = BOARD.replace("ibm,lmb-size", "linux,drconf-usable-memory = /bits/ 64 <0>; ibm,lmb-size");
        assertEquals(CaptureException.Kind.BAD_TREE,
                assertThrows(CaptureException.class, () -> capture(board)).kind());
    }

    @Test
    void withoutCpusOrBackupRegionTheLoadFails() {
        String noCpus = BOARD.replaceAll("(?s)cpus \\{.*?interrupt-controller \\{ compatible = \"xics\"; \\};\\s*\\};", "");
        assertEquals("/cpus", assertThrows(CaptureException.class, () -> capture(noCpus)).location());
        DeviceTree booted = DtsBoard.tree(BOARD);
        assertThrows(CaptureException.class,
                () -> CaptureTree.build(booted, CaptureRequest.of(Arch.PPC64, List.of(CRASH), HEADER)));
    }

    @Test
    void aMemoryNodeUnderAThreeCellBusIsReadByItsLowSixtyFourBits() {
        // of_read_number(reg, 3) of <0x1 0x0 0x10000000> is 0x10000000: wholly usable, below the crash kernel's end
        String board = BOARD.replace("chosen { };", "chosen { };\n bus { #address-cells = <3>; #size-cells = <2>;"
                + " memory@1 { device_type = \"memory\"; reg = <0x1 0x0 0x10000000 0x0 0x1000000>; }; };");
        assertArrayEquals(BigEndianCells.u64(0x1000_0000L, 0x100_0000L),
                prop(capture(board), "/bus/memory@1", "linux,usable-memory"));
    }

    @Test
    void drconfBasesOfThreeCellsAreTheirLowSixtyFourBits() {
        FdtNode drconf = DtsBoard.tree("/ { ibm,dynamic-reconfiguration-memory { ibm,lmb-size = <0x1 0x0 0x10000000>;"
                + " ibm,dynamic-memory = <2  0x1 0x0 0x20000000 1 0 0 8  0x0 0x0 0x30000000 2 0 0 8>; }; };")
                .node("/ibm,dynamic-reconfiguration-memory").orElseThrow();
        DrconfLmbs lmbs = DrconfLmbs.of(drconf, new Cells(3, 3));
        assertEquals(0x1000_0000L, lmbs.lmbSize());
        assertEquals(List.of(0x2000_0000L, 0x3000_0000L), lmbs.bases());
    }

    @Test
    void reservedRangesAreReadInTheRootsCells() {
        // ranges.c add_reserved_mem_ranges: a 1 + 1 root makes <0 0x31000000 0 0x1000> two pairs, (0, 0x31000000)
        // and (0, 0x1000), which add_mem_range merges into the first
        String board = """
                / {
                    #address-cells = <1>;
                    #size-cells = <1>;
                    reserved-ranges = <0x0 0x31000000 0x0 0x1000>;
                    chosen { };
                    cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = "cpu"; reg = <0>; }; };
                };
                """;
        assertEquals(List.of(new RegEntry(0x2ff0_0000L, 0x1000), new RegEntry(0x10000, 0x1fff_0000L),
                new RegEntry(BACKUP, 0x10000), new RegEntry(0, 0x3100_0000L)), capture(board).reservations());
    }

    @Test
    void kexecRangesWidenTheFirstOverlapAndKeepTouchingRangesApart() {
        KexecRanges r = new KexecRanges();
        r.add(0, 0x1000, "a");
        r.add(0x1000, 0x1000, "touching");
        r.add(0x800, 0x1000, "overlapping both");
        r.add(0x5000, 0, "empty");
        assertEquals(List.of(new MemoryRange(0, 0x17ff), new MemoryRange(0x1000, 0x1fff)), r.list());
    }

    @Test
    void usableRangesUseTheKernelsStrictOverlapTest() {
        UsableMemory u = new UsableMemory(List.of(new MemoryRange(0, 0x1000)));
        // one byte (0x1000) in common, but base < loc_end is false: the kernel takes nothing
        assertEquals(0, u.within(0x1000, 0x1fff).size());
        assertEquals(new MemoryRange(0x800, 0x1000), u.within(0x800, 0x17ff).get(0));
    }
}
