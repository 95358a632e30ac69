package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dtcore.testing.DtsBoard.cells;
import static org.dtcore.testing.DtsBoard.flag;
import static org.dtcore.testing.DtsBoard.node;
import static org.dtcore.testing.DtsBoard.str;
import static org.dtcore.testing.DtsBoard.tree;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.DtsBoard;

/**
 * The 64-bit rule (docs/numbers.md "Numbers in a tree") on every path of the scan that reads cells: a
 * number of more than two cells is its low 64 bits, as the kernel's of_read_number folds it, and the scan
 * says so naming the property. Each board carries a 3-cell number whose top cell is not zero; the value
 * expected is worked out here from the cells.
 */
class WideNumbersTest {
    private static final DtsBoard.Prop AC3 = cells("#address-cells", 3);
    private static final DtsBoard.Prop SC3 = cells("#size-cells", 3);
    private static final DtsBoard.Prop AC2 = cells("#address-cells", 2);
    private static final DtsBoard.Prop SC2 = cells("#size-cells", 2);
    /** The high cell each wide number carries; of_read_number shifts it out. */
    private static final long HIGH = 0x1;

    /** of_read_number worked out with big integers: the cells as one number, modulo 2^64. */
    private static long ofReadNumber(long... cells) {
        BigInteger v = BigInteger.ZERO;
        for (long c : cells) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(c));
        }
        return v.mod(BigInteger.ONE.shiftLeft(64)).longValue();
    }

    private static MemoryRange ofSize(long base, long size) {
        return new MemoryRange(base, base + size - 1);
    }

    private static void assertWarnsFor(MemoryMap m, String property) {
        assertThat(m.warnings()).contains(property + ": " + ScanState.WIDE);
    }

    @Test
    void aMemoryNodesRegKeepsTheLowSixtyFourBits() {
        MemoryMap m = MemoryScan.scan(tree(AC3, SC2, node("memory@80000000", str("device_type", "memory"),
                cells("reg", HIGH, 0, 0x80000000L, 0, 0x40000000L))));
        assertThat(m.memory()).containsExactly(ofSize(ofReadNumber(HIGH, 0, 0x80000000L), 0x40000000L));
        assertWarnsFor(m, "/memory@80000000/reg");
    }

    @Test
    void chosensRangesKeepTheLowSixtyFourBits() {
        MemoryMap m = MemoryScan.scan(tree(AC3, SC2, node("chosen",
                cells("linux,usable-memory-range", HIGH, 0, 0xa0000000L, 0, 0x10000000L),
                cells("linux,elfcorehdr", HIGH, 0, 0xaff00000L, 0, 0x1000))));
        assertThat(m.chosen().usableMemoryRanges())
                .containsExactly(ofSize(ofReadNumber(HIGH, 0, 0xa0000000L), 0x10000000L));
        assertThat(m.chosen().elfCoreHeader()).contains(ofSize(ofReadNumber(HIGH, 0, 0xaff00000L), 0x1000));
        assertWarnsFor(m, "/chosen/linux,usable-memory-range");
        assertWarnsFor(m, "/chosen/linux,elfcorehdr");
    }

    @Test
    void initrdPropertiesAreReadWholeAndKeepTheLowSixtyFourBits() {
        // early_init_dt_check_for_initrd: of_read_number(prop, len / 4), here 3 cells and 1 cell
        MemoryMap m = MemoryScan.scan(tree(AC2, SC2, node("chosen",
                cells("linux,initrd-start", HIGH, 0, 0x48000000L), cells("linux,initrd-end", 0x48100000L))));
        assertThat(m.chosen().initrd()).contains(new MemoryRange(ofReadNumber(HIGH, 0, 0x48000000L), 0x480fffffL));
        assertWarnsFor(m, "/chosen/linux,initrd-start");
    }

    @Test
    void reservedMemoryRegSizeAndAllocRangesKeepTheLowSixtyFourBits() {
        MemoryMap m = MemoryScan.scan(tree(AC3, SC3, node("reserved-memory", AC3, SC3, flag("ranges"),
                node("secure@50000000", cells("reg", HIGH, 0, 0x50000000L, HIGH, 0, 0x100000L)),
                node("cma", cells("size", HIGH, 0, 0x4000000L), cells("alignment", 0, 0, 0x400000L),
                        cells("alloc-ranges", HIGH, 0, 0x40000000L, 0, 0, 0x40000000L)))));
        assertThat(m.reserved()).singleElement().extracting(ReservedRegion::range)
                .isEqualTo(ofSize(ofReadNumber(HIGH, 0, 0x50000000L), ofReadNumber(HIGH, 0, 0x100000L)));
        assertThat(m.dynamicReserved()).singleElement().satisfies(d -> {
            assertThat(d.size()).isEqualTo(ofReadNumber(HIGH, 0, 0x4000000L));
            assertThat(d.alignment()).isEqualTo(0x400000L);
            assertThat(d.allocRanges()).containsExactly(ofSize(ofReadNumber(HIGH, 0, 0x40000000L), 0x40000000L));
        });
        assertWarnsFor(m, "/reserved-memory/secure@50000000/reg");
        assertWarnsFor(m, "/reserved-memory/cma/size");
        assertWarnsFor(m, "/reserved-memory/cma/alloc-ranges");
        assertThat(m.warnings()).noneMatch(w -> w.startsWith("/reserved-memory/cma/alignment"));
    }

    @Test
    void lmbSizeBasesAndUsableMemoryKeepTheLowSixtyFourBits() {
        long lmb = ofReadNumber(HIGH, 0, 0x10000000L);
        long base = ofReadNumber(HIGH, 0, 0x20000000L);
        DtsBoard.Node drconf = node("ibm,dynamic-reconfiguration-memory",
                cells("ibm,lmb-size", HIGH, 0, 0x10000000L),
                // v1: count, then {base (3 cells), drc_index, reserved, aa_index, flags}; assigned
                cells("ibm,dynamic-memory", 1, HIGH, 0, 0x20000000L, 1, 0, 0, 0x8),
                // the LMB's count (3 size cells), then one (base, size) of 3 + 3 cells: 16 MiB of it
                cells("linux,drconf-usable-memory", 0, 0, 1, HIGH, 0, 0x20000000L, HIGH, 0, 0x1000000L));
        MemoryMap m = MemoryScan.scan(tree(AC3, SC3, drconf), ScanOptions.forArch(Arch.PPC64));
        assertThat(m.memory()).containsExactly(ofSize(base, ofReadNumber(HIGH, 0, 0x1000000L)));
        assertWarnsFor(m, "/ibm,dynamic-reconfiguration-memory/ibm,lmb-size");
        assertWarnsFor(m, "/ibm,dynamic-reconfiguration-memory/ibm,dynamic-memory");
        assertWarnsFor(m, "/ibm,dynamic-reconfiguration-memory/linux,drconf-usable-memory");

        DtsBoard.Node plain = node("ibm,dynamic-reconfiguration-memory", cells("ibm,lmb-size", HIGH, 0, 0x10000000L),
                cells("ibm,dynamic-memory-v2", 1, 2, HIGH, 0, 0x20000000L, 1, 0, 0x8));
        MemoryMap v2 = MemoryScan.scan(tree(AC3, SC3, plain), ScanOptions.forArch(Arch.PPC64));
        assertThat(v2.memory()).containsExactly(ofSize(base, 2 * lmb));
        assertWarnsFor(v2, "/ibm,dynamic-reconfiguration-memory/ibm,dynamic-memory-v2");
    }

    @Test
    void riscvsAssumedLoadAddressComesFromTheLowSixtyFourBits() {
        MemoryMap m = MemoryScan.scan(tree(AC3, SC2, node("memory@80000000", str("device_type", "memory"),
                cells("reg", HIGH, 0, 0x80000000L, 0, 0x80000000L))), ScanOptions.forArch(Arch.RISCV64));
        long lowest = ofReadNumber(HIGH, 0, 0x80000000L);
        long load = lowest + 0x200000; // QEMU virt's firmware hands over 2 MiB up (MemoryAdmission)
        assertThat(m.memory()).containsExactly(new MemoryRange(load, lowest + 0x80000000L - 1));
        assertThat(m.warnings()).anyMatch(w -> w.contains("assuming lowest RAM + 2 MiB = 0x" + Long.toHexString(load)));
    }

    @Test
    void reservedRangesStayTwoPlusTwoCellsUnderAThreeCellRoot() {
        // prom.c early_reserve_mem_dt reads 2 + 2 cells whatever the root says: the 3-cell root changes nothing
        MemoryMap m = MemoryScan.scan(tree(AC3, SC2, cells("reserved-ranges", 0, 0x31000000L, 0, 0x1000)));
        assertThat(m.reserved()).singleElement().extracting(ReservedRegion::range)
                .isEqualTo(ofSize(0x31000000L, 0x1000));
        MemoryMap wide = MemoryScan.scan(tree(AC2, SC2, cells("reserved-ranges", 0, 0x31000000L, 0, 0x1000)));
        assertThat(wide.reserved()).isEqualTo(m.reserved());
    }
}
