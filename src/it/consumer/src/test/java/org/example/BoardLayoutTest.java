package org.example;

import static org.dtcore.layout.BoardLayoutAssert.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.dtcore.layout.BoardLayout;
import org.dtcore.memory.Arch;
import org.dtcore.memory.ScanOptions;
import org.junit.jupiter.api.Test;

class BoardLayoutTest {

    @Test
    void boardKeepsItsMemoryLayout() throws IOException {
        BoardLayout board = BoardLayout.load(Path.of("fdt-samples/reserved-memory.dtb"),
                ScanOptions.forArch(Arch.ARM64));

        assertThat(board)
                .hasRam("0x40000000+2G")
                .hasTotalRamAtLeast("2G")
                .hasNoRamBelow("0x40000000")
                .reservesNoMap("0x4e000000+2M")                     // secure monitor firmware
                .reserves("0x48000000-0x480fffff")                  // a /memreserve/ entry
                .reservesDynamic("/reserved-memory/linux,cma", "64M")
                .fitsCrashKernel("256M", "0x100000000")
                .hasReservedWithinRam()
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

    @Test
    void theLibraryBringsNoCommandLine() {
        // the CLI's classes and its argument parser live in the "cli" jar only
        org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.dtcore.cli.Main"));
        org.junit.jupiter.api.Assertions.assertThrows(ClassNotFoundException.class,
                () -> Class.forName("org.apache.commons.cli.Options"));
    }
}
