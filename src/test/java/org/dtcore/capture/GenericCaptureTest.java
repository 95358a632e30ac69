package org.dtcore.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.dtcore.testing.BigEndianCells;

/** of_kexec_alloc_and_setup_fdt's rules (SPEC §11) on small boards. */
class GenericCaptureTest {
    private static final MemoryRange CRASH = new MemoryRange(0x6000_0000L, 0x6fff_ffffL);
    private static final MemoryRange HEADER = new MemoryRange(0x6fff_0000L, 0x6fff_0fffL);

    private static final String BOARD = """
            /memreserve/ 0x48000000 0x1000;
            /memreserve/ 0x44000000 0x2000;
            /memreserve/ 0x40000000 0x4000;
            / {
                #address-cells = <2>;
                #size-cells = <2>;
                chosen {
                    rng-seed = <1 2 3 4>;
                    linux,initrd-end = <0x44001800>;
                    linux,initrd-start = <0x44000000>;
                    bootargs = "console=ttyAMA0 crashkernel=256M";
                    kaslr-seed = <0 1>;
                    linux,ima-kexec-buffer = <0 0x48000000 0 0x1000>;
                    stdout-path = "/pl011";
                };
                memory@40000000 { device_type = "memory"; reg = <0 0x40000000 0 0x40000000>; };
            };
            """;

    private static DeviceTree capture(String board, CaptureRequest r) {
        return CaptureTree.build(DtsBoard.tree(board), r);
    }

    private static List<String> names(FdtNode n) {
        return n.properties().stream().map(FdtProperty::name).toList();
    }

    @Test
    void chosenGetsTheKernelsPropertiesFirstAndLosesTheSeedsAndImaBuffer() {
        DeviceTree t = capture(BOARD, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER)
                .withInitrd(new MemoryRange(0x6f00_0000L, 0x6f00_1233L)).withBootargs("nr_cpus=1"));
        FdtNode chosen = t.node("/chosen").orElseThrow();
        assertEquals(List.of("linux,booted-from-kexec", "linux,usable-memory-range", "linux,elfcorehdr",
                "linux,initrd-end", "linux,initrd-start", "bootargs", "stdout-path"), names(chosen));
        assertArrayEquals(BigEndianCells.u64(0x6f00_1234L), chosen.property("linux,initrd-end").get().bytes());
        assertArrayEquals(BigEndianCells.u32(0, 0x6fff_0000L, 0, 0x1000),
                chosen.property("linux,elfcorehdr").get().bytes());
        assertEquals(0, chosen.property("linux,booted-from-kexec").get().length());
        assertEquals("nr_cpus=1", chosen.property("bootargs").get().asString());
    }

    @Test
    void reservationsLoseTheOldInitrdPageRoundedAndTheImaBufferAndGainInitrdThenHeader() {
        DeviceTree t = capture(BOARD, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER)
                .withInitrd(new MemoryRange(0x6f00_0000L, 0x6f00_1233L)));
        // old initrd 0x1800 bytes: not reserved exactly, but rounded to 4 KiB pages (0x2000)
        assertEquals(List.of(new RegEntry(0x4000_0000L, 0x4000), new RegEntry(0x6f00_0000L, 0x1234),
                new RegEntry(0x6fff_0000L, 0x1000)), t.reservations());
    }

    @Test
    void theBootedBlobsOwnReservationGoesWhenItsAddressIsKnown() {
        DeviceTree booted = DtsBoard.tree(BOARD);
        long total = booted.header().orElseThrow().totalSize();
        String board = BOARD.replace("/memreserve/ 0x40000000 0x4000;",
                String.format("/memreserve/ 0x40000000 0x%x;", total));
        DeviceTree t = capture(board, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER)
                .withBootedBlobAddress(0x4000_0000L));
        assertEquals(List.of(new RegEntry(0x6fff_0000L, 0x1000)), t.reservations());
    }

    @Test
    void withoutInitrdOrCommandLineThoseGo() {
        FdtNode chosen = capture(BOARD, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER))
                .node("/chosen").orElseThrow();
        assertEquals(List.of("linux,booted-from-kexec", "linux,usable-memory-range", "linux,elfcorehdr",
                "stdout-path"), names(chosen));
    }

    @Test
    void riscvAndPowerpcPutElfcorehdrInFrontEvenOfAnEmptyLine() {
        FdtNode chosen = capture(BOARD, CaptureRequest.of(Arch.RISCV64, List.of(CRASH), HEADER))
                .node("/chosen").orElseThrow();
        assertEquals("elfcorehdr=0x6fff0000 ", chosen.property("bootargs").get().asString());
        chosen = capture(BOARD, CaptureRequest.of(Arch.RISCV64, List.of(CRASH), HEADER).withBootargs("quiet"))
                .node("/chosen").orElseThrow();
        assertEquals("elfcorehdr=0x6fff0000 quiet", chosen.property("bootargs").get().asString());
    }

    @Test
    void crashkernelLowComesSecond() {
        MemoryRange low = new MemoryRange(0x3000_0000L, 0x31ff_ffffL);
        FdtNode chosen = capture(BOARD, CaptureRequest.of(Arch.ARM64, List.of(CRASH, low), HEADER))
                .node("/chosen").orElseThrow();
        assertArrayEquals(BigEndianCells.u32(0, 0x6000_0000L, 0, 0x1000_0000L, 0, 0x3000_0000L, 0, 0x200_0000L),
                chosen.property("linux,usable-memory-range").get().bytes());
    }

    @Test
    void aBoardWithoutChosenGetsOneFirstAmongTheRootsChildren() {
        String board = "/ { #address-cells = <1>; memory@0 { device_type = \"memory\"; reg = <0 0x80000000>; }; };";
        DeviceTree t = capture(board, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER));
        assertEquals("chosen", t.root().children().get(0).name());
        // libfdt's defaults when the root has no #size-cells: 1; here #address-cells is 1
        assertArrayEquals(BigEndianCells.u32(0x6fff_0000L, 0x1000),
                t.node("/chosen").get().property("linux,elfcorehdr").get().bytes());
    }

    @Test
    void anAddressTooWideForTheRootsCellsIsRefused() {
        String board = "/ { #address-cells = <1>; #size-cells = <1>; chosen { }; };";
        CaptureRequest r = CaptureRequest.of(Arch.ARM64, List.of(new MemoryRange(0x1_0000_0000L, 0x1_0fff_ffffL)),
                HEADER);
        CaptureException e = assertThrows(CaptureException.class, () -> capture(board, r));
        assertEquals(CaptureException.Kind.BAD_VALUE, e.kind());
    }

    @Test
    void aRootTheKernelCannotWriteRangesInFailsTheLoad() {
        // fdt_appendprop_addrrange: 1 or 2 cells (FDT_ERR_BADNCELLS), a 1-cell range ending by 4 GiB (BADVALUE)
        CaptureRequest r = CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER);
        CaptureException three = assertThrows(CaptureException.class,
                () -> capture("/ { #address-cells = <3>; #size-cells = <2>; chosen { }; };", r));
        assertEquals("/: root #address-cells 3, #size-cells 2: FDT_ERR_BADNCELLS: the kernel's"
                + " fdt_appendprop_addrrange writes addresses and sizes of 1 or 2 cells only", three.oneLine());
        CaptureRequest across4g = CaptureRequest.of(Arch.ARM64, List.of(new MemoryRange(0xf000_0000L, 0x1_0fff_ffffL)),
                HEADER);
        CaptureException past = assertThrows(CaptureException.class,
                () -> capture("/ { #address-cells = <1>; #size-cells = <2>; chosen { }; };", across4g));
        assertEquals(CaptureException.Kind.BAD_VALUE, past.kind());
        assertEquals("/: root #address-cells 1, #size-cells 2: 0xf0000000 + 0x20000000 does not fit one address"
                + " cell (it must end by 4 GiB): FDT_ERR_BADVALUE from the kernel's fdt_appendprop_addrrange",
                past.oneLine());
    }

    @Test
    void anOldInitrdStartOfThreeCellsIsItsLowSixtyFourBits() {
        // of_read_number(prop, len / 4): the 12-byte start 0x1_00000000_44000000 is 0x44000000, so the old
        // initrd's /memreserve/ entry (0x44000000, 0x1800 rounded to the page: 0x2000) goes
        String board = BOARD.replace("linux,initrd-start = <0x44000000>;", "linux,initrd-start = <0x1 0x0 0x44000000>;");
        DeviceTree t = capture(board, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER));
        assertFalse(t.reservations().contains(new RegEntry(0x4400_0000L, 0x2000)), t.reservations().toString());
        assertEquals(capture(BOARD, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER)).reservations(),
                t.reservations());
    }

    @Test
    void initrdStartWithoutEndIsRefusedAsTheKernelDoes() {
        String board = "/ { chosen { linux,initrd-start = <0x1000>; }; };";
        CaptureException e = assertThrows(CaptureException.class,
                () -> capture(board, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER)));
        assertEquals(CaptureException.Kind.BAD_TREE, e.kind());
        assertEquals("/chosen", e.location());
    }

    @Test
    void requestsTheKernelCannotMakeAreRefused() {
        assertThrows(CaptureException.class, () -> CaptureRequest.of(Arch.ARM64, List.of(), HEADER));
        assertThrows(CaptureException.class,
                () -> CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER).withPageSize(3000));
    }

    @Test
    void theBootedTreeIsLeftAsItWas() {
        DeviceTree booted = DtsBoard.tree(BOARD);
        CaptureTree.build(booted, CaptureRequest.of(Arch.ARM64, List.of(CRASH), HEADER));
        assertFalse(booted.node("/chosen").get().hasProperty("linux,booted-from-kexec"));
        assertEquals(3, booted.reservations().size());
    }
}
