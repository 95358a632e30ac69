package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.flag;
import static org.dtcore.testing.DtsBoard.memory64;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.RegEntry;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.DtsBoard;

/** The Linux memory rules of SPEC §2–§6, one board-shaped tree per rule. */
class MemoryScanTest {
    private static final DtsBoard.Prop AC2 = cells("#address-cells", 2);
    private static final DtsBoard.Prop SC2 = cells("#size-cells", 2);

    private static MemoryRange r(long start, long end) {
        return new MemoryRange(start, end);
    }

    @Nested
    class MemoryNodes {
        @Test
        void readsEveryDirectMemoryChildWithNodeAndProperty() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2,
                    memory64(0x40000000L, 0x40000000L),
                    memory64(0x80000000L, 0x40000000L)));
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0xbfffffffL));
            assertThat(m.chunks()).extracting(MemoryChunk::node)
                    .containsExactly("/memory@40000000", "/memory@80000000");
            assertThat(m.chunks()).extracting(MemoryChunk::property).containsOnly("reg");
            assertThat(m.totalRam()).isEqualTo(0x80000000L);
        }

        @Test
        void rootWithoutCellsUsesLinuxOneAndOneAndWarns() {
            MemoryMap m = MemoryScan.scan(tree(node("memory@10000000", str("device_type", "memory"),
                    cells("reg", 0x10000000L, 0x1000000L))));
            assertThat(m.memory()).containsExactly(r(0x10000000L, 0x10ffffffL));
            assertThat(m.warnings()).anyMatch(w -> w.contains("no #address-cells") && w.contains("Linux assumes 1"));
            assertThat(m.warnings()).anyMatch(w -> w.contains("no #size-cells"));
        }

        @Test
        void nestedMemoryNodeCountsOnlyUnderTheLegacyRule() {
            DeviceTree t = tree(AC2, SC2, memory64(0x40000000L, 0x10000000L),
                    node("soc", AC2, SC2, memory64(0x80000000L, 0x10000000L)));
            assertThat(MemoryScan.scan(t).memory()).containsExactly(r(0x40000000L, 0x4fffffffL));
            MemoryMap legacy = MemoryScan.scan(t, ScanOptions.DEFAULT.withLegacyMemoryRule(true));
            assertThat(legacy.memory()).containsExactly(r(0x40000000L, 0x4fffffffL), r(0x80000000L, 0x8fffffffL));
        }

        @Test
        void ppc32MemoryAtZeroWithoutDeviceTypeOnlyUnderLegacyRule() {
            DeviceTree t = tree(cells("#address-cells", 1), cells("#size-cells", 1),
                    node("memory@0", cells("reg", 0, 0x10000000L)));
            assertThat(MemoryScan.scan(t).memory()).isEmpty();
            assertThat(MemoryScan.scan(t, ScanOptions.DEFAULT.withLegacyMemoryRule(true)).memory())
                    .containsExactly(r(0, 0x0fffffffL));
        }

        @Test
        void statusOtherThanOkayHidesTheNode() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2,
                    memory64(0x40000000L, 0x1000000L, str("status", "disabled")),
                    memory64(0x50000000L, 0x1000000L, str("status", "ok")),
                    memory64(0x60000000L, 0x1000000L, str("status", "okay"))));
            assertThat(m.chunks()).extracting(c -> c.range().start()).containsExactly(0x50000000L, 0x60000000L);
        }

        @Test
        void usableMemoryReplacesReg() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0x40000000L, 0x80000000L,
                    cells("linux,usable-memory", 0, 0x60000000L, 0, 0x10000000L))));
            assertThat(m.chunks()).singleElement().satisfies(c -> {
                assertThat(c.range()).isEqualTo(r(0x60000000L, 0x6fffffffL));
                assertThat(c.property()).isEqualTo("linux,usable-memory");
            });
        }

        @Test
        void zeroSizeTuplesAreSkippedAndPartialTupleWarned() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, node("memory@0", str("device_type", "memory"),
                    cells("reg", 0, 0, 0, 0, 0, 0x1000000L, 0, 0x1000000L, 7))));
            assertThat(m.chunks()).extracting(MemoryChunk::range).containsExactly(r(0x1000000L, 0x1ffffffL));
            assertThat(m.warnings()).anyMatch(w -> w.contains("4 trailing bytes"));
        }

        @Test
        void pageAlignmentRoundsBaseUpAndSizeDownOrDrops() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2,
                    node("memory@1800", str("device_type", "memory"), cells("reg", 0, 0x1800, 0, 0x3000)),
                    node("memory@100800", str("device_type", "memory"), cells("reg", 0, 0x100800, 0, 0x100))));
            // 0x1800 + 0x3000: base up to 0x2000, size 0x3000 - 0x800 = 0x2800, down to 0x2000
            assertThat(m.chunks()).extracting(MemoryChunk::range).containsExactly(r(0x2000, 0x3fff));
            assertThat(m.warnings()).anyMatch(w -> w.contains("smaller than the rest of its first page"));
        }

        @Test
        void powerpcDoesNotPageAlign() {
            DeviceTree t = tree(AC2, SC2,
                    node("memory@1800", str("device_type", "memory"), cells("reg", 0, 0x1800, 0, 0x3000)));
            assertThat(MemoryScan.scan(t, ScanOptions.forArch(Arch.PPC64)).memory())
                    .containsExactly(r(0x1800, 0x47ff));
        }

        @Test
        void riscvDropsRamBelowTheKernelLoadAddress() {
            DeviceTree t = tree(AC2, SC2, memory64(0x80000000L, 0x80000000L));
            MemoryMap m = MemoryScan.scan(t, ScanOptions.forArch(Arch.RISCV64));
            assertThat(m.memory()).containsExactly(r(0x80200000L, 0xffffffffL));
            assertThat(m.warnings()).anyMatch(w -> w.contains("lowest RAM + 2 MiB = 0x80200000"));
            MemoryMap given = MemoryScan.scan(t, ScanOptions.forArch(Arch.RISCV64).withKernelLoadAddress(0x80400000L));
            assertThat(given.memory()).containsExactly(r(0x80400000L, 0xffffffffL));
        }

        @Test
        void numaNodeAndHotplugAreKeptPerChunk() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2,
                    memory64(0x40000000L, 0x40000000L, cells("numa-node-id", 0)),
                    memory64(0x80000000L, 0x40000000L, cells("numa-node-id", 1), flag("hotpluggable"))));
            assertThat(m.chunks()).extracting(MemoryChunk::numaNode).containsExactly(0, 1);
            assertThat(m.chunks()).extracting(MemoryChunk::hotpluggable).containsExactly(false, true);
            assertThat(m.memory()).containsExactly(r(0x40000000L, 0xbfffffffL));
        }

        @Test
        void wrappingRangeIsRejectedNamingTheProperty() {
            assertThatThrownBy(() -> MemoryScan.scan(tree(AC2, SC2,
                    memory64(0xffffffff00000000L, 0x200000000L))))
                    .isInstanceOf(MemoryMapException.class)
                    .hasMessageContaining("wraps past 2^64")
                    .satisfies(e -> assertThat(((MemoryMapException) e).location())
                            .isEqualTo("/memory@ffffffff00000000/reg"));
        }

        @Test
        void absurdRootCellCountIsRejected() {
            assertThatThrownBy(() -> MemoryScan.scan(tree(cells("#address-cells", 9), SC2)))
                    .isInstanceOf(FdtException.class).hasMessageContaining("not a usable cell count");
        }
    }

    @Nested
    class DynamicReconfiguration {
        private DtsBoard.Node drconfV1(long... entries) {
            return node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                    cells("ibm,dynamic-memory", entries));
        }

        @Test
        void v1TakesAssignedUnreservedLmbs() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, drconfV1(4,
                    0, 0x10000000L, 1, 0, 0, 0x8,      // assigned
                    0, 0x20000000L, 2, 0, 0, 0x0,      // not assigned
                    0, 0x30000000L, 3, 0, 0, 0x88,     // assigned but reserved
                    0, 0x40000000L, 4, 0, 0, 0x108)),  // assigned, hot-removable
                    ScanOptions.forArch(Arch.PPC64));
            assertThat(m.chunks()).extracting(MemoryChunk::range)
                    .containsExactly(r(0x10000000L, 0x1fffffffL), r(0x40000000L, 0x4fffffffL));
            assertThat(m.chunks()).extracting(MemoryChunk::hotpluggable).containsExactly(false, true);
            assertThat(m.chunks()).extracting(MemoryChunk::property).containsOnly("ibm,dynamic-memory");
        }

        @Test
        void v1WinsOverV2() {
            DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                    cells("ibm,dynamic-memory", 1, 0, 0x10000000L, 1, 0, 0, 0x8),
                    cells("ibm,dynamic-memory-v2", 1, 4, 0, 0x80000000L, 1, 0, 0x8));
            assertThat(MemoryScan.scan(tree(AC2, SC2, n)).memory()).containsExactly(r(0x10000000L, 0x1fffffffL));
        }

        @Test
        void v2ExpandsSetsAndSkipsReservedOnes() {
            DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                    cells("ibm,dynamic-memory-v2", 2,
                            4, 0, 0x0, 0, 0xffffffffL, 0xa0,           // reserved, like QEMU's boot memory
                            4, 1, 0x0, 0x80000010L, 0, 0x8));        // 4 assigned LMBs at 4 GiB
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, n), ScanOptions.forArch(Arch.PPC64));
            assertThat(m.memory()).containsExactly(r(0x100000000L, 0x13fffffffL));
        }

        @Test
        void v2SetClaimingTwoToTheThirtyTwoLmbsIsRejectedWithoutAllocating() {
            DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                    cells("ibm,dynamic-memory-v2", 1, 0xffffffffL, 0xffff0000L, 0, 0, 0, 0x8));
            assertThatThrownBy(() -> MemoryScan.scan(tree(AC2, SC2, n)))
                    .isInstanceOf(MemoryMapException.class).hasMessageContaining("wraps past 2^64");
        }

        @Test
        void drconfUsableMemoryIsReadOnlyForRamLmbs() {
            DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                    cells("ibm,dynamic-memory", 3,
                            0, 0x10000000L, 1, 0, 0, 0x8,
                            0, 0x20000000L, 2, 0, 0, 0x0,
                            0, 0x30000000L, 3, 0, 0, 0x8),
                    // one count per RAM LMB: the first keeps 16 MiB of itself, the third nothing
                    cells("linux,drconf-usable-memory", 0, 1, 0, 0x10000000L, 0, 0x1000000L, 0, 0));
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, n), ScanOptions.forArch(Arch.PPC64));
            assertThat(m.chunks()).singleElement().satisfies(c -> {
                assertThat(c.range()).isEqualTo(r(0x10000000L, 0x10ffffffL));
                assertThat(c.property()).isEqualTo("linux,drconf-usable-memory");
            });
        }

        @Test
        void shortV1PropertyIsIgnoredAloud() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, drconfV1(5, 0, 0x10000000L, 1, 0, 0, 0x8)));
            assertThat(m.chunks()).isEmpty();
            assertThat(m.warnings()).anyMatch(w -> w.contains("count 5"));
        }

        @Test
        void numaNodeComesFromTheAssociativityLookupArrays() {
            DtsBoard.Node n = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", 0, 0x10000000L),
                    cells("ibm,dynamic-memory", 2, 0, 0x10000000L, 1, 0, 0, 0x8, 0, 0x20000000L, 2, 0, 1, 0x8),
                    cells("ibm,associativity-lookup-arrays", 2, 4, 0, 0, 0, 0, 0, 0, 1, 1));
            DtsBoard.Node rtas = node("rtas", cells("ibm,associativity-reference-points", 4, 2));
            // FORM1 (vec-5 byte 5 bit 0x80): the primary index is reference point [0] = 4
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, NumaLookupTest.FORM1, rtas, n), ScanOptions.forArch(Arch.PPC64));
            assertThat(m.chunks()).extracting(MemoryChunk::numaNode).containsExactly(0, 1);
        }
    }

    @Nested
    class Reserved {
        private DtsBoard.Node reservedMemory(DtsBoard.Item... children) {
            DtsBoard.Item[] items = new DtsBoard.Item[children.length + 3];
            items[0] = AC2;
            items[1] = SC2;
            items[2] = flag("ranges");
            System.arraycopy(children, 0, items, 3, children.length);
            return node("reserved-memory", items);
        }

        @Test
        void memreserveEntriesAreReservedWithoutNode() {
            MemoryMap m = MemoryScan.scan(tree(List.of(new RegEntry(0x2fff0000L, 0x10000)), AC2, SC2));
            assertThat(m.reserved()).singleElement().satisfies(x -> {
                assertThat(x.kind()).isEqualTo(ReservedRegion.Kind.MEMRESERVE);
                assertThat(x.node()).isEmpty();
                assertThat(x.range()).isEqualTo(r(0x2fff0000L, 0x2fffffffL));
            });
        }

        @Test
        void staticDynamicNoMapReusableAndDisabledChildren() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, reservedMemory(
                    node("secure@50000000", cells("reg", 0, 0x50000000L, 0, 0x100000L), flag("no-map")),
                    node("cma", str("compatible", "shared-dma-pool"), flag("reusable"), cells("size", 0, 0x4000000L),
                            cells("alignment", 0, 0x400000L), cells("alloc-ranges", 0, 0x40000000L, 0, 0x40000000L)),
                    node("off@60000000", cells("reg", 0, 0x60000000L, 0, 0x1000L), str("status", "disabled")),
                    node("ramoops@7f000000", cells("reg", 0, 0x7f000000L, 0, 0x100000L)))));
            assertThat(m.reserved()).extracting(r -> r.node().orElseThrow())
                    .containsExactly("/reserved-memory/secure@50000000", "/reserved-memory/ramoops@7f000000");
            assertThat(m.reserved()).extracting(ReservedRegion::noMap).containsExactly(true, false);
            assertThat(m.dynamicReserved()).singleElement().satisfies(d -> {
                assertThat(d.node()).isEqualTo("/reserved-memory/cma");
                assertThat(d.size()).isEqualTo(0x4000000L);
                assertThat(d.alignment()).isEqualTo(0x400000L);
                assertThat(d.allocRanges()).containsExactly(r(0x40000000L, 0x7fffffffL));
                assertThat(d.reusable()).isTrue();
            });
        }

        @Test
        void reservedMemoryWithOtherCellsOrNoRangesIsIgnored() {
            DtsBoard.Node wrongCells = node("reserved-memory", cells("#address-cells", 1), cells("#size-cells", 1),
                    flag("ranges"), node("a@1000", cells("reg", 0x1000, 0x1000)));
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, wrongCells));
            assertThat(m.reserved()).isEmpty();
            assertThat(m.warnings()).anyMatch(w -> w.contains("Linux ignores the whole node"));
            DtsBoard.Node noRanges = node("reserved-memory", AC2, SC2, node("a@1000", cells("reg", 0, 0x1000, 0, 0x1000)));
            assertThat(MemoryScan.scan(tree(AC2, SC2, noRanges)).reserved()).isEmpty();
        }

        @Test
        void regThatIsNotWholeTuplesSkipsTheChild() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, reservedMemory(
                    node("odd@1000", cells("reg", 0, 0x1000, 0, 0x1000, 0)))));
            assertThat(m.reserved()).isEmpty();
            assertThat(m.warnings()).anyMatch(w -> w.contains("region skipped"));
        }

        @Test
        void powerpcFirmwareRegions() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2,
                    node("rtas", cells("linux,rtas-base", 0x2fff0000L), cells("rtas-size", 0x83c)),
                    node("ibm,opal", cells("opal-base-address", 0, 0x30000000L), cells("opal-runtime-size", 0, 0x1000000L)),
                    cells("reserved-ranges", 0, 0x31000000L, 0, 0x1000)));
            assertThat(m.reserved()).extracting(ReservedRegion::kind).containsExactly(ReservedRegion.Kind.RTAS,
                    ReservedRegion.Kind.OPAL, ReservedRegion.Kind.RESERVED_RANGES);
            assertThat(m.reserved().get(0).range()).isEqualTo(r(0x2fff0000L, 0x2fff083bL));
        }
    }

    @Nested
    class Chosen {
        @Test
        void readsCaptureKernelPropertiesAndCapsRam() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, memory64(0x40000000L, 0x80000000L),
                    node("chosen",
                            cells("linux,usable-memory-range", 0, 0xa0000000L, 0, 0x10000000L, 0, 0x44000000L, 0, 0x1000000L),
                            cells("linux,elfcorehdr", 0, 0xaff00000L, 0, 0x1000),
                            cells("linux,initrd-start", 0x48000000L), cells("linux,initrd-end", 0x48100000L))));
            assertThat(m.chosen().usableMemoryRanges()).containsExactly(r(0xa0000000L, 0xafffffffL),
                    r(0x44000000L, 0x44ffffffL));
            assertThat(m.chosen().elfCoreHeader()).contains(r(0xaff00000L, 0xaff00fffL));
            assertThat(m.chosen().initrd()).contains(r(0x48000000L, 0x480fffffL));
            assertThat(m.memory()).containsExactly(r(0x44000000L, 0x44ffffffL), r(0xa0000000L, 0xafffffffL));
        }

        @Test
        void chosenWithUnitAddressIsFound() {
            MemoryMap m = MemoryScan.scan(tree(AC2, SC2, node("chosen@0", str("bootargs", "console=ttyS0"))));
            assertThat(m.chosen().bootargs()).contains("console=ttyS0");
        }

        @Test
        void crashKernelFromPowerpcPropertiesOrBootargsOffset() {
            MemoryMap ppc = MemoryScan.scan(tree(AC2, SC2, node("chosen",
                    cells("linux,crashkernel-base", 0, 0x20000000L), cells("linux,crashkernel-size", 0, 0x20000000L))));
            assertThat(ppc.chosen().crashKernels()).containsExactly(r(0x20000000L, 0x3fffffffL));
            MemoryMap args = MemoryScan.scan(tree(AC2, SC2, memory64(0x40000000L, 0x80000000L),
                    node("chosen", str("bootargs", "console=ttyAMA0 crashkernel=256M@0x60000000 quiet"))));
            assertThat(args.chosen().crashKernels()).containsExactly(r(0x60000000L, 0x6fffffffL));
            MemoryMap noOffset = MemoryScan.scan(tree(AC2, SC2, node("chosen", str("bootargs", "crashkernel=256M"))));
            assertThat(noOffset.chosen().crashKernels()).isEmpty();
            assertThat(noOffset.warnings()).anyMatch(w -> w.contains("gives no offset"));
        }
    }
}
