package org.dtcore.layout;

import static org.dtcore.layout.BoardLayoutAssert.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.Arch;
import org.dtcore.memory.ScanOptions;
import org.junit.jupiter.api.Test;

/** The example of docs/library.md (and README), kept compiling and passing; the consumer project runs it too. */
class ReadmeExampleTest {

    @Test
    void boardKeepsItsMemoryLayout() throws IOException {
        BoardLayout board = BoardLayout.load(Path.of("fdt-samples/reserved-memory.dtb"),
                ScanOptions.forArch(Arch.ARM64));

        assertThat(board)
                .hasRam("0x40000000+2G")
                .hasTotalRamAtLeast("2G")
                .hasTotalRamAtMost("2G")
                .hasNoRamBelow("0x40000000")
                .hasNoRamFrom("0xc0000000")                         // 0x40000000 + 2 GiB
                .reservesNoMap("0x4e000000+2M")                     // secure monitor firmware
                .reserves("0x48000000-0x480fffff")                  // a /memreserve/ entry
                .reservesDynamic("/reserved-memory/linux,cma", "64M")
                .fitsCrashKernel("256M", "0x100000000")
                .hasReservedWithinRam()
                .hasReservedDisjoint()
                .omitsFromDump("0x4e000000+2M")                     // no-map: not in an arm64 dump
                .includesInDump("0x48000000+1M");                   // /memreserve/ stays in
    }

    @Test
    void boardMatchesItsExpectationFile() throws IOException {
        assertThat(BoardLayout.load(Path.of("fdt-samples/qemu-arm64-virt-numa.dtb"), ScanOptions.forArch(Arch.ARM64)))
                .matches(Path.of("fdt-samples/expected-layout/qemu-arm64-virt-numa.expect.json"))
                .hasNumaNode(0, "2G")
                .hasNumaNode(1, "2G");
    }

    /** README "Boards whose RAM the boot loader fills in". */
    @Test
    void boardAsTheBootLoaderLeavesIt() throws IOException {
        BoardLayout pi = BoardLayout.load(Path.of("fdt-samples/boot-loader/bcm2711-rpi-4-b.dtb"),
                ScanOptions.forArch(Arch.ARM64),
                BootLoaderView.NONE
                        .withMemoryBank(0x0, 0x3b40_0000L)                 // the banks the firmware writes
                        .withMemoryBank(0x4000_0000L, 0xbc00_0000L)
                        .withOverlay(Path.of("fdt-samples/boot-loader/rpi4-ramoops.dtbo")));

        assertThat(pi)
                .hasRam("0x0-0x3b3fffff", "0x40000000-0xfbffffff")
                .reservesNoMap("0x3b300000+1M")                            // the overlay's ramoops carve-out
                .hasReservedWithinRam()
                .matches(Path.of("fdt-samples/boot-loader/rpi4-4gb.expect.json"));
    }
}
