package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.memory.Arch;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.text.JsonText;
import org.dtcore.text.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The loop as a user runs it, on every recorded case of ../shared/kernel-truth: {@code dtcore snapshot --from}
 * over a root built from the case's files, as a folder and as a .tar.gz; then every command that takes a
 * system root reads the snapshot as it reads the root (header, capture-dtb, capture-memmap, context,
 * chunks), and {@code dtcore audit} finds the case's raw elfcorehdr.bin and its vmcore-head.bin clean against
 * it, each compared with the loader the case's README names.
 */
class SnapshotAuditLoopTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream();
    }

    /** The case's system root, snapshotted by the CLI as a folder and as an archive. */
    private record Roots(KernelTruthSysroot source, Path folder, Path archive) {
        List<Path> all() {
            return List.of(source.root(), folder, archive);
        }
    }

    private Roots snapshot(Path caseDir) {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        Path folder = tmp.resolve(s.name() + "-snapshot");
        Path archive = tmp.resolve(s.name() + ".tar.gz");
        for (Path out : List.of(folder, archive)) {
            CliRun r = CliRun.of("snapshot", "--from", s.root().toString(), "-o", out.toString());
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).startsWith(out + ": ");
        }
        return new Roots(s, folder, archive);
    }

    /** A root's name in what a command printed, said the same way for all three. */
    private static String named(String text, Path root) {
        return text.replace(root + "/", "ROOT/").replace(root + ":", "ROOT/");
    }

    private static CliRun run(Path root, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--sysroot", root.toString()));
        return CliRun.of(all.toArray(String[]::new));
    }

    /** Runs {@code args} on each of the three roots: every output (printed or written) must be the same. */
    private void sameOnEveryRoot(Roots r, List<String> args, boolean writes) throws IOException {
        String out = null;
        String err = null;
        byte[] written = null;
        for (Path root : r.all()) {
            List<String> a = new ArrayList<>(args);
            Path file = tmp.resolve("out-" + root.getFileName() + "-" + args.get(0));
            if (writes) {
                a.addAll(List.of("-o", file.toString()));
            }
            CliRun run = run(root, a);
            assertThat(run.status()).as(args + " on " + root + ": " + run.err()).isZero();
            String o = named(run.out().replace(file.toString(), "OUT"), root);
            String e = named(run.err(), root);
            if (out == null) {
                out = o;
                err = e;
                written = writes ? Files.readAllBytes(file) : null;
            } else {
                assertThat(o).as(args + " on " + root).isEqualTo(out);
                assertThat(e).as(args + " on " + root).isEqualTo(err);
                if (writes) {
                    assertThat(Files.readAllBytes(file)).as(args + " on " + root).isEqualTo(written);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyCommandReadsTheSnapshotAsItReadsTheSystem(Path caseDir) throws IOException {
        Roots r = snapshot(caseDir);
        KernelTruthSysroot s = r.source();
        String arch = s.arch().cliName();
        List<String> header = new ArrayList<>(List.of("header", "--arch", arch, "--system-map",
                s.systemMap().toString()));
        s.backupOffset().ifPresent(o -> header.addAll(List.of("--backup-region-offset", Long.toString(o))));
        sameOnEveryRoot(r, header, true);
        sameOnEveryRoot(r, List.of("context", "--arch", arch, "--system-map", s.systemMap().toString()), false);
        sameOnEveryRoot(r, List.of("chunks", "--format", "json"), false);
        if (s.arch() == Arch.X86_64) {
            sameOnEveryRoot(r, List.of("capture-memmap", "--arch", arch), false);
        } else {
            // elfcorehdr-addr.txt: the header segment's address, decimal
            String address = Files.readString(caseDir.resolve("elfcorehdr-addr.txt")).trim().split("\\s+")[0];
            List<String> capture = new ArrayList<>(List.of("capture-dtb", "--arch", arch, "--elfcorehdr", address,
                    "--system-map", s.systemMap().toString()));
            // powerpc: the copy of the first 64 KiB is an input no file of the system gives
            s.backupOffset().ifPresent(o -> capture.addAll(List.of("--backup-region-offset", Long.toString(o))));
            sameOnEveryRoot(r, capture, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCasesOwnDumpsAuditCleanAgainstItsSnapshot(Path caseDir) {
        Roots r = snapshot(caseDir);
        // README: the -kexec-tools cases' headers were built by kexec-tools (their kexec-load.log), the rest by
        // the kernel
        String loader = Files.exists(caseDir.resolve("kexec-load.log")) ? "kexec-tools" : "kernel";
        for (String file : List.of("elfcorehdr.bin", "vmcore-head.bin")) {
            for (Path root : List.of(r.archive(), r.folder())) {
                CliRun run = CliRun.of("audit", caseDir.resolve(file).toString(), "--sysroot", root.toString(),
                        "--format", "json");
                assertThat(run.status()).as(file + " " + run.out() + run.err()).isZero();
                JsonValue report = JsonText.parse(run.out());
                assertThat(report.get("clean").orElseThrow().text()).isEqualTo("true");
                assertThat(report.get("loader").orElseThrow().text()).isEqualTo(loader);
                assertThat(report.get("form").orElseThrow().text())
                        .isEqualTo(file.equals("vmcore-head.bin") ? "vmcore" : "core-header");
                assertThat(report.get("findings").orElseThrow().elements()).isEmpty();
            }
        }
        CliRun table = CliRun.of("audit", caseDir.resolve("vmcore-head.bin").toString(), "--sysroot",
                r.archive().toString(), "--quiet");
        assertThat(table.status()).isZero();
        assertThat(table.out()).contains("what " + (loader.equals("kernel") ? "the kernel" : "kexec-tools")
                + " writes for this system");
        assertThat(table.err()).isEmpty();
    }

    /**
     * kexec-tools 2.0.25 on arm64 without _text in kallsyms (Linux 6.1) writes a kernel-text PT_LOAD of vaddr
     * 0xffffffffffffffff whose paddr + size wraps (README): the dump is what kexec-tools writes, so the audit
     * is clean, and it calls that segment wrong all the same.
     */
    @Test
    void kexecToolsArm64KernelTextIsCalledWrong() throws IOException {
        Path caseDir = KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g-kexec-tools");
        List<String> phdrs = Files.readAllLines(caseDir.resolve("elfcorehdr-phdrs.txt"));
        String firstLoad = phdrs.stream().filter(l -> l.contains("LOAD")).findFirst().orElseThrow();
        assertThat(firstLoad).as("the recorded segment").contains("0xffffffffffffffff");
        Roots r = snapshot(caseDir);

        CliRun run = CliRun.of("audit", caseDir.resolve("elfcorehdr.bin").toString(), "--sysroot",
                r.archive().toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("remark: kernel-text-wrong").contains("0xffffffffffffffff")
                .contains("wraps past 2^64");
    }

    @Test
    void everyCaseIsCounted() {
        long cases = KernelTruthSysroot.caseDirs().size();
        assertThat(cases).as("cases in ../shared/kernel-truth").isGreaterThanOrEqualTo(15);
        assertThat(KernelTruthSysroot.caseDirs()).allSatisfy(d -> {
            assertThat(d.resolve("elfcorehdr.bin")).exists();
            assertThat(d.resolve("vmcore-head.bin")).exists();
        });
    }
}
