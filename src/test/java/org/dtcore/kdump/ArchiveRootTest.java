package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.dtcore.capture.CaptureTruthCase;
import org.dtcore.context.ContextSources;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.KexecToolsSysroot;
import org.dtcore.testing.TarWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A system root packed by {@code tar} (gzip or not; GNU and pax formats) reads as the folder it was packed
 * from: every recorded kernel's header from the archive is the header the kernel (or kexec-tools) wrote.
 */
class ArchiveRootTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream();
    }

    private static HeaderRequest request(KernelTruthSysroot s, SystemRoot root) {
        ContextSources sources = ContextSources.NONE.withSystemRoot(root).withSystemMap(s.systemMap());
        HeaderRequest r = HeaderRequest.kernel(KdumpInputs.of(s.arch(), sources));
        if (s.kexecTools()) {
            KexecToolsSysroot k = new KexecToolsSysroot(s.name(), s.arch(), s.caseDir(), s.root());
            r = r.withMode(LoaderMode.KEXEC_TOOLS);
            OptionalLong copy = k.backupCopy().map(c -> OptionalLong.of(Long.decode(c))).orElse(OptionalLong.empty());
            return copy.isPresent() ? r.withBackupOffset(copy.getAsLong()) : r;
        }
        return s.backupOffset().isPresent() ? r.withBackupOffset(s.backupOffset().getAsLong()) : r;
    }

    /**
     * Every recorded case: the archive gives the folder's header and warnings; for the Linux 6.1 and 6.12
     * kernel-built cases that is the recorded header, byte for byte.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theArchiveGivesWhatTheFolderGives(Path caseDir) {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        HeaderResult folder = HeaderPipeline.build(request(s, SystemRoot.of(s.root())));
        String name = s.name();
        Path gnu = TarWriter.tar(s.root(), tmp.resolve(name + ".tar.gz"), true, "gnu");
        Path pax = TarWriter.tar(s.root(), tmp.resolve(name + ".tar"), false, "pax");

        for (Path archive : List.of(gnu, pax)) {
            HeaderResult packed = HeaderPipeline.build(request(s, SystemRoot.of(archive)));
            assertThat(packed.header().bytes()).as(archive.toString()).isEqualTo(folder.header().bytes());
            // the same warnings, each naming the archive's entry where the folder's named its file
            assertThat(packed.warnings()).isEqualTo(folder.warnings().stream()
                    .map(w -> w.replace(s.root() + "/", archive + ":")).toList());
            if (KernelTruthSysroot.names().contains(name)) {
                assertThat(packed.header().bytes()).as("the recorded header").isEqualTo(s.expectedSegment());
            }
        }
    }

    @Test
    void theCaptureTreeFromAnArchiveIsTheRecordedOne() throws Exception {
        CaptureTruthCase c = CaptureTruthCase.of(KernelTruthSysroot.ARM64, Arch.ARM64);
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        Path archive = TarWriter.tar(s.root(), tmp.resolve("arm64.tar.gz"), true, "gnu");
        var r = c.request();
        CaptureDtbRequest req = CaptureDtbRequest.of(KdumpInputs.of(Arch.ARM64,
                        ContextSources.NONE.withSystemRoot(SystemRoot.of(archive)).withSystemMap(s.systemMap())),
                r.elfCoreHeader().start()).withInitrd(r.initrd().orElseThrow()).withBootargs(r.bootargs().orElseThrow());

        CaptureResult result = CapturePipeline.build(req);

        assertThat(result.source()).as("the file the booted tree came from").isEqualTo(archive);
        assertThat(FdtWriter.write(result.tree())).isEqualTo(FdtWriter.write(FdtParser.read(c.capture())));
    }
}
