package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one cells reader (libfdt's fdt_addresses.c, SPEC §2, docs/numbers.md "Numbers in a tree"). Blobs are
 * compiled by dtc; the cells each number is made of come from fdtget, and the numbers expected from them are
 * folded here as the kernel's of_read_number folds them: all cells as one big-endian number, of which the
 * low 64 bits count.
 */
class CellsTest {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private static final String BOARD = """
            / {
                #address-cells = <3>;
                #size-cells = <2>;
                memory@100000000 {
                    device_type = "memory";
                    reg = <0x1 0x0 0x80000000  0x0 0x40000000
                           0x0 0x0 0x1000      0x1 0x0>;
                };
                tail { reg = <0x0 0x0 0x2000  0x0 0x10  0xdead>; };
                bus {
                    #size-cells = <1>;
                    dev { reg = <0x1000 0x20>; };
                };
            };
            """;

    /** of_read_number worked out with big integers: the cells as one number, modulo 2^64. */
    private static long ofReadNumber(long... cells) {
        BigInteger v = BigInteger.ZERO;
        for (long c : cells) {
            v = v.shiftLeft(32).or(BigInteger.valueOf(c));
        }
        return v.mod(TWO_TO_64).longValue();
    }

    /** The value's u32 cells as fdtget prints them ({@code -t x}: one hex word each). */
    private static long[] fdtgetCells(Path dtb, String node, String property) {
        String out = ExternalTool.output("fdtget", "-t", "x", dtb.toString(), node, property).trim();
        return Arrays.stream(out.split("\\s+")).mapToLong(w -> Long.parseLong(w, 16)).toArray();
    }

    /** The (address, size) tuples fdtget's cells make under {@code ac} + {@code sc}, each number folded. */
    private static List<RegEntry> expectedTuples(long[] words, int ac, int sc) {
        List<RegEntry> out = new ArrayList<>();
        for (int at = 0; at + ac + sc <= words.length; at += ac + sc) {
            out.add(new RegEntry(ofReadNumber(Arrays.copyOfRange(words, at, at + ac)),
                    ofReadNumber(Arrays.copyOfRange(words, at + ac, at + ac + sc))));
        }
        return out;
    }

    @Test
    void tuplesOfAThreeCellRootAreFdtgetsCellsFoldedToSixtyFourBits(@TempDir Path dir) throws IOException {
        Path dtb = DtsBoard.compile(dir, "cells", BOARD);
        DeviceTree tree = FdtParser.read(dtb);
        int ac = (int) fdtgetCells(dtb, "/", "#address-cells")[0];
        int sc = (int) fdtgetCells(dtb, "/", "#size-cells")[0];
        Cells root = Cells.libfdt(tree.root());
        assertThat(root).isEqualTo(new Cells(ac, sc)).isEqualTo(Cells.linuxRoot(tree.root()));

        FdtProperty reg = tree.node("/memory@100000000").orElseThrow().property("reg").orElseThrow();
        List<RegEntry> expected = expectedTuples(fdtgetCells(dtb, "/memory@100000000", "reg"), ac, sc);
        assertThat(root.tuples(reg)).isEqualTo(expected);
        // the first address is 0x1_00000000_80000000: its top cell shifts out, as of_read_number drops it
        assertThat(expected.get(0)).isEqualTo(new RegEntry(0x80000000L, 0x40000000L));
        assertThat(expected.get(1)).isEqualTo(new RegEntry(0x1000, 1L << 32));
        assertThat(root.remainder(reg)).isZero();
        assertThat(root.fit(reg)).isFalse();
        assertThat(Cells.fits(reg, 0, ac)).isFalse();
        assertThat(Cells.fits(reg, ac + sc, ac)).isTrue();
        assertThat(Cells.number(reg, 0, ac)).isEqualTo(expected.get(0).address());
        assertThat(Cells.number(reg, 0, 0)).isZero();

        FdtProperty tail = tree.node("/tail").orElseThrow().property("reg").orElseThrow();
        long[] tailWords = fdtgetCells(dtb, "/tail", "reg");
        assertThat(root.tuples(tail)).isEqualTo(expectedTuples(tailWords, ac, sc)).hasSize(1);
        assertThat(root.remainder(tail)).isEqualTo(4 * (tailWords.length % (ac + sc)));
        assertThat(root.fit(tail)).isTrue();
    }

    @Test
    void countsTakeTheirDefaultsFromLibfdtOrLinux(@TempDir Path dir) throws IOException {
        DeviceTree tree = FdtParser.read(DtsBoard.compile(dir, "cells", BOARD));
        FdtNode bus = tree.node("/bus").orElseThrow();
        FdtNode dev = tree.node("/bus/dev").orElseThrow();
        // fdt_address_cells/fdt_size_cells: the node's own, else 2 and 1
        assertThat(Cells.libfdt(bus)).isEqualTo(new Cells(2, 1));
        assertThat(Cells.libfdt(dev)).isEqualTo(new Cells(2, 1));
        // of_n_addr_cells/of_n_size_cells: the nearest ancestor's, else 1
        assertThat(Cells.linux(List.of(bus, tree.root()))).isEqualTo(new Cells(3, 1));
        assertThat(Cells.linux(List.of())).isEqualTo(new Cells(1, 1));
        assertThat(Cells.own(bus, "#address-cells")).isEmpty();
        assertThat(Cells.own(bus, "#size-cells")).hasValue(1);
    }

    @Test
    void aCountThatIsNotOneCellOfAtMostFourIsBadNcells() {
        DeviceTree wide = DtsBoard.tree("/ { #address-cells = /bits/ 64 <2>; #size-cells = <5>; };");
        assertThatThrownBy(() -> Cells.libfdt(wide.root())).isInstanceOfSatisfying(FdtException.class, e -> {
            assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_NCELLS);
            assertThat(e.oneLine()).isEqualTo("/#address-cells: 8 bytes, not one cell");
        });
        assertThatThrownBy(() -> Cells.own(wide.root(), "#size-cells")).isInstanceOfSatisfying(FdtException.class,
                e -> assertThat(e.oneLine()).isEqualTo("/#size-cells: value 5 is not a usable cell count (at most 4,"
                        + " libfdt's FDT_MAX_NCELLS)"));
    }

    @Test
    void aNumberPastTheValueIsABadValueNamingTheProperty() {
        FdtProperty p = FdtProperty.of("/n", "p", new byte[12]);
        assertThatThrownBy(() -> Cells.number(p, 2, 2)).isInstanceOfSatisfying(FdtException.class, e -> {
            assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_VALUE);
            assertThat(e.oneLine()).isEqualTo("/n/p: cells 2..3 run past the 12-byte value");
        });
        assertThat(Cells.number(p, 0, 3)).isZero();
        assertThat(Cells.fits(p, 0, 3)).isTrue();
    }

    @Test
    void fourCellNumbersKeepTheirLastTwoCells() {
        byte[] v = new byte[16];
        for (int i = 0; i < 16; i++) {
            v[i] = (byte) (i + 1); // cells 0x01020304 0x05060708 0x090a0b0c 0x0d0e0f10
        }
        FdtProperty p = FdtProperty.of("/n", "p", v);
        assertThat(Cells.number(p, 0, 4)).isEqualTo(ofReadNumber(0x01020304L, 0x05060708L, 0x090a0b0cL, 0x0d0e0f10L))
                .isEqualTo(0x090a0b0c0d0e0f10L);
        assertThat(Cells.fits(p, 0, 4)).isFalse();
        assertThat(Cells.fits(p, 2, 2)).isTrue();
    }
}
