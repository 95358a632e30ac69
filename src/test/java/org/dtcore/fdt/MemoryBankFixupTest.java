package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * U-Boot's fdt_fixup_memory_banks rules (boot/fdt_support.c) on boards with 1+1, 2+1 and 2+2 root cells
 * and with no memory node. The expected tree is the same base edited with dtc's {@code fdtput}, which
 * goes through libfdt's fdt_add_subnode / fdt_setprop exactly as U-Boot does; the {@code reg} cells are
 * derived here from U-Boot's fdt_pack_reg: each number in the root's cell count, two cells as high
 * word then low word.
 */
class MemoryBankFixupTest {
    @TempDir
    Path dir;

    private Path compile(String source) {
        return DtsBoard.compile(dir, "board", source);
    }

    /** fdtput's edit of {@code base}: the node if missing, device_type, then reg as the given cells. */
    private DeviceTree fdtput(Path base, boolean createNode, String node, long... regCells) throws IOException {
        Path copy = dir.resolve("fdtput.dtb");
        Files.copy(base, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        if (createNode) {
            ExternalTool.output("fdtput", "-c", copy.toString(), node);
        }
        ExternalTool.output("fdtput", "-t", "s", copy.toString(), node, "device_type", "memory");
        List<String> cmd = new ArrayList<>(List.of("fdtput", "-t", "x", copy.toString(), node, "reg"));
        for (long c : regCells) {
            cmd.add(Long.toHexString(c));
        }
        ExternalTool.output(cmd.toArray(String[]::new));
        Path laidOut = dir.resolve("fdtput-dtc.dtb");
        ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", laidOut.toString(), copy.toString());
        return FdtParser.read(laidOut);
    }

    private static void assertSameTree(DeviceTree actual, DeviceTree expected) {
        assertThat(TreeListing.of(actual)).containsExactlyElementsOf(TreeListing.of(expected));
        assertThat(FdtWriter.write(actual)).isEqualTo(FdtWriter.write(expected));
    }

    @Test
    void oneOneCellsRewriteTheFirstMemoryNodeAndLeaveTheSecond() throws IOException {
        Path base = compile("""
                / { #address-cells = <1>; #size-cells = <1>;
                    memory@80000000 { reg = <0x80000000 0x20000000 0xc0000000 0x10000000>; };
                    memory@c0000000 { device_type = "memory"; reg = <0xc0000000 0x1000>; };
                };""");
        MemoryBankFixup.Result r = MemoryBankFixup.apply(FdtParser.read(base),
                List.of(new RegEntry(0x8000_0000L, 0x4000_0000L), new RegEntry(0xd000_0000L, 0x1000_0000L)));
        // 1 cell each: <address size> per bank; device_type was missing, so fdt_setprop puts it first
        assertSameTree(r.tree(), fdtput(base, false, "/memory", 0x8000_0000L, 0x4000_0000L, 0xd000_0000L, 0x1000_0000L));
        assertThat(r.node()).isEqualTo("/memory@80000000");
        assertThat(r.otherMemoryNodes()).containsExactly("/memory@c0000000");
    }

    @Test
    void twoOneCellsSplitTheAddressIntoHighAndLowWords() throws IOException {
        Path base = compile("""
                / { #address-cells = <2>; #size-cells = <1>;
                    memory@0 { device_type = "memory"; reg = <0 0 0>; };
                };""");
        MemoryBankFixup.Result r = MemoryBankFixup.apply(FdtParser.read(base),
                List.of(new RegEntry(0x1_0000_0000L, 0x8000_0000L), new RegEntry(0x4000_0000L, 0x4000_0000L)));
        assertSameTree(r.tree(), fdtput(base, false, "/memory", 0x1, 0x0, 0x8000_0000L, 0x0, 0x4000_0000L, 0x4000_0000L));
        assertThat(r.otherMemoryNodes()).isEmpty();
    }

    @Test
    void twoTwoCellsReplaceTheZeroSizedPlaceholder() throws IOException {
        Path base = compile("""
                / { #address-cells = <2>; #size-cells = <2>; model = "board";
                    chosen { };
                    memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0>; };
                };""");
        MemoryBankFixup.Result r = MemoryBankFixup.apply(FdtParser.read(base),
                List.of(new RegEntry(0x4000_0000L, 0x2_0000_0000L)));
        assertSameTree(r.tree(), fdtput(base, false, "/memory", 0x0, 0x4000_0000L, 0x2, 0x0));
        assertThat(r.node()).as("the unit address stays as it was").isEqualTo("/memory@40000000");
    }

    @Test
    void withoutAMemoryNodeOneIsAddedFirstWithLibfdtsDefaultCells() throws IOException {
        // no #address-cells/#size-cells: libfdt's fdt_address_cells/fdt_size_cells answer 2 and 1
        Path base = compile("""
                / { model = "board"; chosen { bootargs = "x"; }; cpus { }; };""");
        MemoryBankFixup.Result r = MemoryBankFixup.apply(FdtParser.read(base),
                List.of(new RegEntry(0x8000_0000L, 0x1000_0000L)));
        assertSameTree(r.tree(), fdtput(base, true, "/memory", 0x0, 0x8000_0000L, 0x1000_0000L));
        assertThat(r.tree().root().children().get(0).name()).isEqualTo("memory");
        assertThat(r.defaultCells()).as("Linux would read this root as 1+1 cells (SPEC §2)").isTrue();
    }

    @Test
    void banksEndAtTheFirstZeroBankAndNoBankLeavesRegAlone() throws IOException {
        Path base = compile("""
                / { #address-cells = <1>; #size-cells = <1>; memory@0 { reg = <0 0>; }; };""");
        DeviceTree tree = FdtParser.read(base);
        MemoryBankFixup.Result r = MemoryBankFixup.apply(tree,
                List.of(new RegEntry(0x1000, 0x1000), new RegEntry(0, 0), new RegEntry(0x9000, 0x1000)));
        assertThat(r.tree().node("/memory@0").orElseThrow().property("reg").orElseThrow().asReg(1, 1))
                .containsExactly(new RegEntry(0x1000, 0x1000));
        MemoryBankFixup.Result none = MemoryBankFixup.apply(tree, List.of(new RegEntry(0, 0)));
        FdtNode memory = none.tree().node("/memory@0").orElseThrow();
        assertThat(memory.property("reg").orElseThrow().bytes()).isEqualTo(new byte[8]);
        assertThat(memory.property("device_type").orElseThrow().isString("memory")).isTrue();
    }

    @Test
    void whatUbootWouldTruncateOrLeaveUnwrittenIsRefused() throws IOException {
        DeviceTree oneCell = FdtParser.read(compile("/ { #address-cells = <1>; #size-cells = <1>; };"));
        assertThatThrownBy(() -> MemoryBankFixup.apply(oneCell, List.of(new RegEntry(0x1_0000_0000L, 0x1000))))
                .isInstanceOf(FdtException.class)
                .hasMessageEndingWith(": " + "bank 0x100000000+0x1000: the address does not fit the root's one cell"
                        + " (U-Boot would keep its low 32 bits)");
        DeviceTree threeCells = FdtParser.read(compile("/ { #address-cells = <3>; #size-cells = <1>; };"));
        assertThatThrownBy(() -> MemoryBankFixup.apply(threeCells, List.of(new RegEntry(0x1000, 0x1000))))
                .isInstanceOfSatisfying(FdtException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_NCELLS);
                    assertThat(e.oneLine()).isEqualTo("/#address-cells: is 3: U-Boot's fdt_fixup_memory_banks"
                            + " writes banks in 1 or 2 cells only");
                });
    }
}
