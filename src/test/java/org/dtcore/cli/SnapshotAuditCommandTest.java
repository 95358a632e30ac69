package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dtcore snapshot} and {@code dtcore audit} as commands: their outputs, exit statuses and one-line
 * refusals (the loop itself, on every recorded case, is {@link SnapshotAuditLoopTest}).
 */
class SnapshotAuditCommandTest {
    @TempDir
    Path tmp;

    private KernelTruthSysroot arm64() {
        return KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
    }

    @Test
    void snapshotNeedsAnOutputAndNoOperand() {
        CliRun none = CliRun.of("snapshot");
        CliRun operand = CliRun.of("snapshot", "-o", tmp.resolve("s").toString(), "extra");

        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).startsWith("dtcore: snapshot needs --output OUT");
        assertThat(operand.status()).isEqualTo(2);
        assertThat(operand.err()).contains("'extra' is one too many");
    }

    @Test
    void anArchiveAPlainTarAndStandardOutputAreEachASystemRoot() throws IOException {
        KernelTruthSysroot s = arm64();
        Path gz = tmp.resolve("s.tar.gz");
        Path tar = tmp.resolve("s.tar");
        assertThat(CliRun.of("snapshot", "--from", s.root().toString(), "-o", gz.toString()).status()).isZero();
        assertThat(CliRun.of("snapshot", "--from", s.root().toString(), "-o", tar.toString()).status()).isZero();
        String iomem = Files.readString(s.root().resolve("proc/iomem"));
        assertThat(SystemRoot.of(gz).text(RootFile.IOMEM)).contains(iomem);
        assertThat(SystemRoot.of(tar).text(RootFile.IOMEM)).contains(iomem);
        // a .tar's first block is a ustar header (magic at 257), a .tar.gz's first bytes gzip's 1f 8b
        byte[] plain = Files.readAllBytes(tar);
        assertThat(new String(plain, 257, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ustar");
        assertThat(Files.readAllBytes(gz)).startsWith((byte) 0x1f, (byte) 0x8b);
    }

    @Test
    void toStandardOutputTheArchiveIsTheSameBytesAndTheSummaryGoesToStderr() throws Exception {
        KernelTruthSysroot s = arm64();
        Path file = tmp.resolve("s.tar.gz");
        Path piped = tmp.resolve("piped.tar.gz");
        assertThat(CliRun.of("snapshot", "--from", s.root().toString(), "-o", file.toString()).status()).isZero();

        CliProcess p = CliProcess.run(null, piped.toFile(), "snapshot", "--from", s.root().toString(), "-o", "-");

        assertThat(p.status()).as(p.err()).isZero();
        assertThat(Files.readAllBytes(piped)).isEqualTo(Files.readAllBytes(file));
        assertThat(p.err()).contains("-: ").contains(" files (");
    }

    @Test
    void aFolderHoldingOtherFilesIsNotWrittenOver() throws IOException {
        KernelTruthSysroot s = arm64();
        Path home = Files.createDirectory(tmp.resolve("home"));
        Files.writeString(home.resolve("notes.txt"), "mine");

        CliRun r = CliRun.of("snapshot", "--from", s.root().toString(), "-o", home.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("dtcore: " + home + ": holds files that are not a dtcore snapshot; refusing to"
                + " write there (give a new path, an empty folder or an earlier snapshot)\n");
        try (Stream<Path> left = Files.list(home)) {
            assertThat(left).containsExactly(home.resolve("notes.txt"));
        }
    }

    @Test
    void withoutCrashSupportTheRefusalSaysHowToGoOn() throws IOException {
        KernelTruthSysroot s = arm64();
        for (String cpu : new String[] {"cpu0", "cpu1"}) {
            Files.delete(s.root().resolve("sys/devices/system/cpu/" + cpu + "/crash_notes"));
        }
        Path out = tmp.resolve("partial");

        CliRun refused = CliRun.of("snapshot", "--from", s.root().toString(), "-o", out.toString());

        assertThat(refused.status()).as(refused.err()).isEqualTo(2);
        assertThat(refused.err()).endsWith("(give --partial to snapshot what there is)\n").contains("crash_notes");
        assertThat(out).doesNotExist();
        CliRun partial = CliRun.of("snapshot", "--from", s.root().toString(), "--partial", "-o", out.toString());
        assertThat(partial.status()).as(partial.err()).isZero();
        assertThat(partial.err()).contains("dtcore: warning: not copied: sys/devices/system/cpu/cpu0/crash_notes"
                + " (no-crash-support)");
        assertThat(partial.out()).contains(", partial; ");
        assertThat(out.resolve("dtcore-snapshot.json")).exists();
    }

    @Test
    void chunksTakesASnapshotInsteadOfFilesButNotBoth() throws IOException {
        KernelTruthSysroot s = arm64();
        CliRun both = CliRun.of("chunks", "fdt-samples/qemu-arm64-virt-numa.dtb", "--sysroot", s.root().toString());
        CliRun batch = CliRun.of("chunks", "--sysroot", s.root().toString(), "--jsonl");

        assertThat(both.status()).isEqualTo(2);
        assertThat(both.err()).contains("one too many");
        assertThat(batch.status()).isEqualTo(2);
        // without --arch: the root's proc/sys/kernel/arch (uname.txt's machine, aarch64)
        CliRun table = CliRun.of("chunks", "--sysroot", s.root().toString());
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).startsWith("Memory map of " + s.root().resolve("sys/firmware/fdt") + " (arm64 rules");
        Files.delete(s.root().resolve("proc/sys/kernel/arch"));
        CliRun noArch = CliRun.of("chunks", "--sysroot", s.root().toString());
        assertThat(noArch.status()).isEqualTo(2);
        assertThat(noArch.err()).contains("chunks --sysroot needs --arch");
    }

    // ---- audit ----

    private Path snapshotOf(String caseName) {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseName, tmp);
        Path out = tmp.resolve(caseName + ".tar.gz");
        assertThat(CliRun.of("snapshot", "--from", s.root().toString(), "-o", out.toString()).status()).isZero();
        return out;
    }

    @Test
    void auditNeedsTheSystemItChecksAgainst() {
        CliRun r = CliRun.of("audit", KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g/elfcorehdr.bin").toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("dtcore: audit needs --sysroot DIR");
    }

    /** A dump that is not what the kernel writes: exit 1, one line per finding, JSON valid under its schema. */
    @Test
    void aDifferentDumpExitsOneWithItsFindings() throws IOException {
        Path root = snapshotOf("x86_64-pc-2g");
        // the kernel header of another release (6.12) of the same machine
        Path other = KernelTruthSysroot.TRUTH.resolve("x86_64-pc-2g-linux-6.12/vmcore-head.bin");

        CliRun table = CliRun.of("audit", other.toString(), "--sysroot", root.toString());
        CliRun json = CliRun.of("audit", other.toString(), "--sysroot", root.toString(), "--format", "json");

        assertThat(table.status()).isEqualTo(1);
        assertThat(table.out()).contains("differences from what the kernel writes")
                .containsPattern("\n  release-differs +the vmcore is from Linux 6.12.117-kt");
        assertThat(json.status()).isEqualTo(1);
        assertThat(json.out()).contains("\"clean\": false").contains("\"kind\": \"release-differs\"");
    }

    @Test
    void theLoaderCanBeGivenAndThenItsHeaderIsTheOneCompared() {
        Path root = snapshotOf("riscv64-virt-2g-kexec-tools");
        Path dump = KernelTruthSysroot.TRUTH.resolve("riscv64-virt-2g-kexec-tools/elfcorehdr.bin");

        CliRun found = CliRun.of("audit", dump.toString(), "--sysroot", root.toString(), "--quiet");
        CliRun asKernel = CliRun.of("audit", dump.toString(), "--sysroot", root.toString(), "--mode", "kernel",
                "--quiet");

        assertThat(found.status()).isZero();
        assertThat(found.out()).contains("what kexec-tools writes").contains("loader found from the header");
        assertThat(asKernel.status()).isEqualTo(1);
        assertThat(asKernel.out()).contains("from what the kernel writes").contains("loader given");
    }

    @Test
    void aFileThatIsNoCoreHeaderIsOneLineNamingIt() throws IOException {
        Path root = snapshotOf("arm64-virt-2g");
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not an ELF file at all\n");

        CliRun r = CliRun.of("audit", text.toString(), "--sysroot", root.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).startsWith("dtcore: " + text + ": offset 0x0: magic 6e 6f 74 20 is not 7f 45 4c 46");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    /** e_machine decides the architecture; one dtcore does not know needs --arch. */
    @Test
    void anUnknownMachineNeedsArch() throws IOException {
        Path root = snapshotOf("arm64-virt-2g");
        byte[] h = Files.readAllBytes(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g/elfcorehdr.bin"));
        ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).putShort(18, (short) 50); // EM_IA_64
        Path dump = Files.write(tmp.resolve("ia64.bin"), h);

        CliRun without = CliRun.of("audit", dump.toString(), "--sysroot", root.toString());
        CliRun with = CliRun.of("audit", dump.toString(), "--sysroot", root.toString(), "--arch", "arm64", "--quiet");

        assertThat(without.status()).isEqualTo(2);
        assertThat(without.err()).contains("audit needs --arch").contains("e_machine 50");
        assertThat(with.status()).isEqualTo(1);
        assertThat(with.out()).contains("header-differs").contains("e_machine is 50, the loader writes 183");
    }

    @Test
    void aDumpOnStandardInputIsReadToo() throws Exception {
        Path root = snapshotOf("ppc64le-pseries-4g");
        File dump = KernelTruthSysroot.TRUTH.resolve("ppc64le-pseries-4g/vmcore-head.bin").toFile();

        CliProcess p = CliProcess.run(dump, null, "audit", "-", "--sysroot", root.toString(), "--quiet");

        assertThat(p.status()).as(p.err()).isZero();
        assertThat(new String(p.out(), java.nio.charset.StandardCharsets.UTF_8))
                .startsWith("- (vmcore, ppc64) against ");
    }
}
