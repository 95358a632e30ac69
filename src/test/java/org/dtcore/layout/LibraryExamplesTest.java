package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.context.ContextSources;
import org.dtcore.elf.DumpHead;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.input.SystemRoot;
import org.dtcore.kdump.AuditPipeline;
import org.dtcore.kdump.AuditRequest;
import org.dtcore.kdump.AuditResult;
import org.dtcore.kdump.HeaderPipeline;
import org.dtcore.kdump.HeaderRequest;
import org.dtcore.kdump.HeaderResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.kdump.SnapshotPipeline;
import org.dtcore.kdump.SnapshotRequest;
import org.dtcore.kdump.SnapshotResult;
import org.dtcore.memory.Arch;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of docs/library.md ("The pipelines"), as written there, so that the page cannot drift
 * from the API: each checked against a recorded kdump (../shared/kernel-truth) or the sample's expectation
 * file, never against dtcore's own earlier output.
 */
class LibraryExamplesTest {
    private static final String CASE = KernelTruthSysroot.ARM64;

    @Test
    void aHeaderFromASystemRootIsTheOneTheKernelWrote(@TempDir Path tmp) throws IOException {
        KernelTruthSysroot recorded = KernelTruthSysroot.build(CASE, tmp);
        Path copyOfSystem = recorded.root();
        Path systemMap = recorded.systemMap();

        // docs/library.md, "A header from a system root"
        HeaderResult h = HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(Arch.ARM64,
                ContextSources.NONE.withSystemRoot(SystemRoot.of(copyOfSystem)).withSystemMap(systemMap))));
        Files.write(tmp.resolve("elfcorehdr"), h.header().bytes());

        // kernel-truth README: elfcorehdr.bin is the Ehdr and program headers; the rest of the 4096-byte
        // buffer the kernel reserved is zero
        byte[] kernel = Files.readAllBytes(recorded.caseDir().resolve("elfcorehdr.bin"));
        byte[] written = Files.readAllBytes(tmp.resolve("elfcorehdr"));
        assertThat(written).hasSize(4096);
        assertThat(java.util.Arrays.copyOf(written, kernel.length)).isEqualTo(kernel);
        assertThat(java.util.Arrays.copyOfRange(written, kernel.length, written.length)).containsOnly((byte) 0);
    }

    @Test
    void aSnapshotThenAnAuditOfTheRecordedDumpIsClean(@TempDir Path tmp) throws IOException {
        KernelTruthSysroot recorded = KernelTruthSysroot.build(CASE, tmp);
        Path board = tmp.resolve("board.tar.gz");

        // docs/library.md, "Snapshot and audit" (SnapshotRequest.live() on the machine itself)
        SnapshotResult s = SnapshotPipeline.take(SnapshotRequest.of(recorded.root()));
        Files.write(board, s.archive());
        DumpHead dump = DumpHead.read(recorded.caseDir().resolve("vmcore-head.bin"));
        AuditResult r = AuditPipeline.audit(AuditRequest.of(dump, KdumpInputs.of(dump.arch().orElseThrow(),
                ContextSources.NONE.withSystemRoot(SystemRoot.of(board)).withSystemMap(recorded.systemMap()))));

        assertThat(r.findings()).as("the recorded dump against its own system's snapshot").isEmpty();
        assertThat(r.clean()).isTrue();
    }

    @Test
    void theBootLoadersBanksAndOverlayGiveThePi4ItsExpectedLayout() throws IOException {
        // docs/library.md, "Boards whose RAM the boot loader fills in"
        BoardLayout pi = BoardLayout.load(Path.of("fdt-samples/boot-loader/bcm2711-rpi-4-b.dtb"),
                ScanOptions.forArch(Arch.ARM64),
                BootLoaderView.NONE
                        .withMemoryBank(0x0, 0x3b40_0000L)
                        .withMemoryBank(0x4000_0000L, 0xbc00_0000L)
                        .withOverlay(Path.of("fdt-samples/boot-loader/rpi4-ramoops.dtbo")));

        // the banks as written (START+SIZE, inclusive ends), the overlay's 1 MiB ramoops carve-out, and the
        // expectation file the board's owner wrote
        BoardLayoutAssert.assertThat(pi)
                .hasRam("0x0-0x3b3fffff", "0x40000000-0xfbffffff")
                .reservesNoMap("0x3b300000+1M")
                .hasReservedWithinRam()
                .matches(Path.of("fdt-samples/boot-loader/rpi4-4gb.expect.json"));
    }
}
