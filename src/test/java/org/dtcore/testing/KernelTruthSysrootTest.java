package org.dtcore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.input.RootFile;
import org.dtcore.memory.Arch;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The one system-root builder, on every case folder: what it lays out is the case's files, read by hand. */
class KernelTruthSysrootTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCaseBecomesASystemRoot(Path caseDir) throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        Path root = s.root();
        String uname = Files.readString(caseDir.resolve("uname.txt")).trim().split("\\s+")[2];
        assertThat(Files.readString(root.resolve(RootFile.OSRELEASE.path())).strip()).isEqualTo(uname);
        // the real lines first; a kexec-tools case adds what kexec -d printed it looked up
        List<String> kallsyms = Files.readAllLines(root.resolve(RootFile.KALLSYMS.path()));
        List<String> recorded = Files.readAllLines(caseDir.resolve("kallsyms.txt")).stream().filter(l -> !l.isBlank())
                .toList();
        assertThat(kallsyms.subList(0, recorded.size())).isEqualTo(recorded);
        if (!Files.exists(caseDir.resolve("kexec-load.log"))) {
            assertThat(kallsyms).hasSameSizeAs(recorded);
        }
        assertThat(root.resolve(RootFile.IOMEM.path())).hasSameTextualContentAs(caseDir.resolve("iomem.txt"));
        List<String> notes = Files.readAllLines(caseDir.resolve("crash_notes.tsv")).stream()
                .filter(l -> !l.isBlank()).toList();
        for (String line : notes) {
            String[] f = line.split("\t");
            Path cpu = root.resolve(RootFile.CRASH_NOTES.numberedFolder()).resolve("cpu" + f[0]);
            assertThat(Files.readString(cpu.resolve("crash_notes"))).isEqualTo(f[1] + "\n");
            assertThat(Files.readString(cpu.resolve("crash_notes_size"))).isEqualTo(f[2] + "\n");
        }
        assertThat(Files.exists(root.resolve(RootFile.FDT_BLOB.path()))).isEqualTo(Files.exists(caseDir.resolve("booted.dtb")));
        if (s.arch() == Arch.PPC64) {
            // the live tree's powerpc crash kernel, two cells each in devicetree-live.dts
            long base = ByteBuffer.wrap(Files.readAllBytes(root.resolve(RootFile.CRASHKERNEL_BASE.path()))).getLong();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "linux,crashkernel-base = <0x([0-9a-f]+) 0x([0-9a-f]+)>;")
                    .matcher(Files.readString(caseDir.resolve("devicetree-live.dts")));
            assertThat(m.find()).isTrue();
            assertThat(base).isEqualTo((Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16));
        }
    }
}
