package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.testing.JsonSchemas;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dtcore snapshot} from Java: of a root built from each recorded case (plus files dtcore never reads),
 * exactly the declared files are copied; what would give a wrong answer later is refused in one line; a
 * partial snapshot records what it left out; the archive is the same bytes for the same system.
 */
class SnapshotPipelineTest {
    /**
     * The kallsyms symbols dtcore reads: _text, _stext and _end for the kernel text (SPEC §9, §10), and what
     * kexec-tools' get_kernel_sym() asks for in the modelled architectures (kexec-tools 2.0.25
     * kexec/arch/arm64/kexec-arm64.c: _text, _stext, __init_begin; 2.0.32 kexec/arch/riscv: _text,
     * _sinittext; x86_64's kcore text segment [_text, _end)).
     */
    static final Set<String> READ_SYMBOLS = Set.of("_text", "_stext", "_end", "__init_begin", "_sinittext");

    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream();
    }

    /** A case's root, with files a running system has and dtcore never reads. */
    private KernelTruthSysroot root(Path caseDir) throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        write(s.root().resolve("proc/meminfo"), "MemTotal: 2048 kB\n");
        write(s.root().resolve("sys/devices/system/cpu/cpu0/online"), "1\n");
        write(s.root().resolve("sys/kernel/notes"), "x");
        write(s.root().resolve("etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
        return s;
    }

    private static void write(Path p, String text) throws IOException {
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Every regular file under {@code dir}, as a "/"-separated path relative to it. */
    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void copiesTheFilesDtcoreReadsAndNothingElse(Path caseDir) throws IOException {
        KernelTruthSysroot s = root(caseDir);
        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()));

        // the declared files of the source; the live tree only on powerpc or without a booted blob
        boolean liveTree = s.arch().isPowerPc() || !Files.exists(s.root().resolve("sys/firmware/fdt"));
        List<String> expected = files(s.root()).stream().filter(p -> RootFile.holding(p).isPresent())
                .filter(p -> liveTree || !p.startsWith("proc/device-tree/")).toList();
        assertThat(r.paths()).containsExactlyElementsOf(expected);
        for (String p : expected) {
            byte[] copy = r.bytes(p).orElseThrow();
            if (!p.equals("proc/kallsyms")) {
                assertThat(copy).as(p).isEqualTo(Files.readAllBytes(s.root().resolve(p)));
            }
        }
        assertThat(r.manifest().files()).extracting(SnapshotManifest.Copied::path).containsExactlyElementsOf(expected);
        assertThat(r.manifest().partial()).isFalse();
    }

    /** Of kallsyms, the first line of each symbol dtcore reads, in the file's order; nothing else. */
    @Test
    void kallsymsKeepsTheFirstLineOfEachSymbolDtcoreReads() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("x86_64-pc-2g"));
        List<String> lines = List.of("0000000000000000 A fixed_percpu_data", "ffffffff81000000 T _text",
                "ffffffff81000000 T _stext", "ffffffff81001000 T do_one_initcall", "ffffffff81600100 T _etext",
                "ffffffff82000000 T _stext", "ffffffff83000000 T _sinittext", "ffffffff83576000 B __init_begin",
                "ffffffffc0000000 t _text\t[some_module]");
        Files.writeString(s.root().resolve("proc/kallsyms"), String.join("\n", lines) + "\n");
        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()));

        Map<String, String> first = new LinkedHashMap<>();
        for (String l : lines) {
            String name = l.trim().split("\\s+")[2];
            if (READ_SYMBOLS.contains(name)) {
                first.putIfAbsent(name, l);
            }
        }
        String kept = new String(r.bytes("proc/kallsyms").orElseThrow(), StandardCharsets.UTF_8);
        assertThat(kept).isEqualTo(String.join("\n", first.values()) + "\n");
        SnapshotManifest.Copied c = r.manifest().files().stream().filter(f -> f.path().equals("proc/kallsyms"))
                .findFirst().orElseThrow();
        assertThat(c.symbols()).containsExactlyInAnyOrderElementsOf(first.keySet());
        assertThat(r.manifest().notes()).anyMatch(n -> n.contains("_end"));
    }

    @Test
    void iomemReadWithoutTheRightToSeeAddressesIsRefusedEvenWhenPartial() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g"));
        // kernel/resource.c r_show(): without CAP_SYS_ADMIN every start and end prints as 0
        StringBuilder zeros = new StringBuilder();
        for (String line : Files.readAllLines(s.root().resolve("proc/iomem"))) {
            zeros.append(line.replaceAll("[0-9a-f]+-[0-9a-f]+ :", "00000000-00000000 :")).append('\n');
        }
        Files.writeString(s.root().resolve("proc/iomem"), zeros);

        for (boolean partial : new boolean[] {false, true}) {
            KdumpException e = catchThrowableOfType(KdumpException.class, () -> SnapshotPipeline.take(
                    SnapshotRequest.of(s.root()).withPartial(partial)));
            assertThat(e.kind()).isEqualTo(KdumpException.Kind.HIDDEN_ADDRESSES);
            assertThat(e.oneLine()).startsWith(s.root().resolve("proc/iomem").toString()).contains("CAP_SYS_ADMIN")
                    .doesNotContain("\n");
        }
    }

    @Test
    void kallsymsReadWithoutTheRightToSeeAddressesIsRefused() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("riscv64-virt-2g"));
        // kernel/ksyms_common.c kallsyms_show_value() false: every address printed as 0
        Files.writeString(s.root().resolve("proc/kallsyms"), "0000000000000000 T _stext\n0000000000000000 T _text\n"
                + "0000000000000000 T _sinittext\n0000000000000000 T start_kernel\n");

        KdumpException e = catchThrowableOfType(KdumpException.class, () -> SnapshotPipeline.take(
                SnapshotRequest.of(s.root()).withPartial(true)));
        assertThat(e.kind()).isEqualTo(KdumpException.Kind.HIDDEN_ADDRESSES);
        assertThat(e.oneLine()).startsWith(s.root().resolve("proc/kallsyms").toString()).contains("kptr_restrict");
    }

    @Test
    void aKernelWithoutCrashSupportIsRefusedAndAPartialSnapshotSaysWhatIsMissing() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("x86_64-pc-2g"));
        List<String> cpus = new ArrayList<>();
        try (Stream<Path> st = Files.list(s.root().resolve("sys/devices/system/cpu"))) {
            for (Path cpu : st.sorted().toList()) {
                Files.delete(cpu.resolve("crash_notes"));
                Files.delete(cpu.resolve("crash_notes_size"));
                cpus.add(cpu.getFileName().toString());
            }
        }
        KdumpException e = catchThrowableOfType(KdumpException.class, () -> SnapshotPipeline.take(
                SnapshotRequest.of(s.root())));
        assertThat(e.kind()).isEqualTo(KdumpException.Kind.NO_CRASH_SUPPORT);
        assertThat(e.oneLine()).contains("crash_notes").contains("kexec_crash_size").doesNotContain("\n");

        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()).withPartial(true));
        Set<String> expected = new TreeSet<>(List.of("sys/kernel/kexec_crash_size"));
        for (String cpu : cpus) {
            expected.add("sys/devices/system/cpu/" + cpu + "/crash_notes");
            expected.add("sys/devices/system/cpu/" + cpu + "/crash_notes_size");
        }
        assertThat(r.manifest().missing().stream().filter(m -> m.reason() == SnapshotManifest.Reason.NO_CRASH_SUPPORT)
                .map(SnapshotManifest.Missing::path)).containsExactlyElementsOf(expected);
        assertThat(r.manifest().partial()).isTrue();
        assertThat(r.paths()).contains("proc/iomem", "sys/kernel/vmcoreinfo");
    }

    /**
     * Linux 7.3 keeps the size in /sys/kernel/kexec/crash_size, kexec_crash_size a link to it
     * (kernel/kexec_core.c init_kexec_sysctl()): either says the kernel has crash support; 0 is noted.
     */
    @Test
    void theCrashKernelSizeAloneShowsCrashSupportWhereverTheReleaseKeepsIt() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g-linux-7.3"));
        try (Stream<Path> st = Files.list(s.root().resolve("sys/devices/system/cpu"))) {
            for (Path cpu : st.toList()) {
                Files.delete(cpu.resolve("crash_notes"));
            }
        }
        write(s.root().resolve("sys/kernel/kexec/crash_size"), "0\n");
        Files.createSymbolicLink(s.root().resolve("sys/kernel/kexec_crash_size"), Path.of("kexec/crash_size"));

        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()));

        assertThat(r.bytes("sys/kernel/kexec_crash_size")).hasValueSatisfying(b ->
                assertThat(new String(b, StandardCharsets.UTF_8)).isEqualTo("0\n"));
        assertThat(r.manifest().notes()).anyMatch(n -> n.contains("no crash kernel is reserved"));
    }

    @Test
    void aLinkOutOfTheRootIsNotFollowedAndRefusedUnlessPartial() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g"));
        Path outside = tmp.resolve("outside-secret");
        Files.writeString(outside, "not the system's\n");
        Files.delete(s.root().resolve("proc/cmdline"));
        Files.createSymbolicLink(s.root().resolve("proc/cmdline"), outside.toAbsolutePath());

        KdumpException e = catchThrowableOfType(KdumpException.class, () -> SnapshotPipeline.take(
                SnapshotRequest.of(s.root())));
        assertThat(e.oneLine()).contains("proc/cmdline").contains("link").doesNotContain("not the system's");

        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()).withPartial(true));
        assertThat(r.paths()).doesNotContain("proc/cmdline");
        assertThat(r.manifest().missing()).anySatisfy(m -> {
            assertThat(m.path()).isEqualTo("proc/cmdline");
            assertThat(m.reason()).isEqualTo(SnapshotManifest.Reason.OUTSIDE_ROOT);
            // the manifest names files under the root, not where the root was mounted
            assertThat(m.detail()).startsWith("proc/cmdline: ").doesNotContain(s.root().toString());
        });
    }

    @Test
    void aFileLargerThanDtcoreReadsIsLeftOutAndSaidSo() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("riscv64-virt-2g"));
        // an attribute is at most a page (RootFile's cap: 64 KiB)
        Files.write(s.root().resolve("sys/kernel/vmcoreinfo"), new byte[(64 << 10) + 1]);

        assertThat(catchThrowableOfType(KdumpException.class, () -> SnapshotPipeline.take(SnapshotRequest.of(s.root())))
                .oneLine()).contains("sys/kernel/vmcoreinfo");
        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()).withPartial(true));
        assertThat(r.manifest().missing()).anySatisfy(m -> {
            assertThat(m.path()).isEqualTo("sys/kernel/vmcoreinfo");
            assertThat(m.reason()).isEqualTo(SnapshotManifest.Reason.TOO_LARGE);
        });
    }

    /** Two copies of one system, mounted at two places, give the same archive: sorted, fixed times and owners. */
    @Test
    void oneSystemGivesOneArchiveWhereverItIsMounted() throws IOException {
        KernelTruthSysroot a = KernelTruthSysroot.build(KernelTruthSysroot.TRUTH.resolve("ppc64le-pseries-4g"),
                tmp.resolve("a"));
        KernelTruthSysroot b = KernelTruthSysroot.build(KernelTruthSysroot.TRUTH.resolve("ppc64le-pseries-4g"),
                tmp.resolve("b-mounted-elsewhere"));

        byte[] one = SnapshotPipeline.take(SnapshotRequest.of(a.root())).archive();
        byte[] two = SnapshotPipeline.take(SnapshotRequest.of(b.root())).archive();

        assertThat(one).isEqualTo(two);
        assertThat(new String(SnapshotPipeline.take(SnapshotRequest.of(a.root())).manifest().json(),
                StandardCharsets.UTF_8)).doesNotContain(tmp.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theManifestIsValidUnderItsSchema(Path caseDir) throws IOException {
        KernelTruthSysroot s = root(caseDir);
        String json = new String(SnapshotPipeline.take(SnapshotRequest.of(s.root()).withPartial(true)).manifest()
                .json(), StandardCharsets.UTF_8);
        JsonSchemas.assertValid(JsonSchemas.SNAPSHOT_MANIFEST, json);
    }

    /** powerpc: the live tree, with the crash kernel the kernel added to /chosen, is copied; arm64's is not. */
    @Test
    void theLiveTreeIsCopiedWhereTheArchitectureReadsIt() throws IOException {
        SnapshotResult ppc = SnapshotPipeline.take(SnapshotRequest.of(
                root(KernelTruthSysroot.TRUTH.resolve("ppc64le-pseries-4g")).root()));
        assertThat(ppc.paths()).contains("proc/device-tree/chosen/linux,crashkernel-base",
                "proc/device-tree/chosen/linux,crashkernel-size");

        KernelTruthSysroot arm = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g"));
        assertThat(SnapshotPipeline.take(SnapshotRequest.of(arm.root())).paths())
                .noneMatch(p -> p.startsWith("proc/device-tree/"));
        // without the booted blob, the folder is the booted tree: copied
        Files.delete(arm.root().resolve("sys/firmware/fdt"));
        assertThat(SnapshotPipeline.take(SnapshotRequest.of(arm.root())).paths())
                .contains("proc/device-tree/memory@40000000/reg");
        // an architecture given outright decides as well
        KernelTruthSysroot arm2 = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g-linux-6.12"));
        assertThat(SnapshotPipeline.take(SnapshotRequest.of(arm2.root()).withArch(Arch.PPC64)).paths())
                .anyMatch(p -> p.startsWith("proc/device-tree/"));
    }

    @Test
    void aFolderIsWrittenNewOrOverAnEarlierSnapshotOnly() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g"));
        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()));

        Path fresh = tmp.resolve("out/new");
        Files.createDirectories(fresh.getParent());
        r.writeFolder(fresh);
        assertThat(files(fresh)).containsExactlyElementsOf(sortedWithManifest(r.paths()));

        Path empty = Files.createDirectory(tmp.resolve("out/empty"));
        r.writeFolder(empty);
        assertThat(files(empty)).containsExactlyElementsOf(sortedWithManifest(r.paths()));

        // an earlier snapshot is replaced whole: a file it had and this one has not is gone
        Files.createDirectories(fresh.resolve("sys/firmware/memmap/0"));
        Files.writeString(fresh.resolve("sys/firmware/memmap/0/start"), "0x0\n");
        r.writeFolder(fresh);
        assertThat(files(fresh)).containsExactlyElementsOf(sortedWithManifest(r.paths()));

        Path other = Files.createDirectory(tmp.resolve("out/home"));
        Files.writeString(other.resolve("thesis.tex"), "keep me");
        Files.writeString(other.resolve(SnapshotManifest.FILE), "{}");
        KdumpException e = catchThrowableOfType(KdumpException.class, () -> r.writeFolder(other));
        assertThat(e.kind()).isEqualTo(KdumpException.Kind.OUTPUT);
        assertThat(Files.readString(other.resolve("thesis.tex"))).isEqualTo("keep me");

        Path file = Files.writeString(tmp.resolve("out/file"), "x");
        assertThat(catchThrowableOfType(KdumpException.class, () -> r.writeFolder(file)).oneLine())
                .contains("not a folder");
        try (Stream<Path> left = Files.list(tmp.resolve("out"))) {
            assertThat(left.map(p -> p.getFileName().toString())).as("no temporary folder is left")
                    .containsExactlyInAnyOrder("new", "empty", "home", "file");
        }
    }

    private static List<String> sortedWithManifest(List<String> paths) {
        List<String> all = new ArrayList<>(paths);
        all.add(SnapshotManifest.FILE);
        all.sort(Comparator.naturalOrder());
        return all;
    }

    /** A system root reads only declared files: the manifest beside them changes nothing it reads. */
    @Test
    void theManifestIsNoFileOfTheSystem() throws IOException {
        KernelTruthSysroot s = root(KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g"));
        SnapshotResult r = SnapshotPipeline.take(SnapshotRequest.of(s.root()));
        Path archive = tmp.resolve("s.tar.gz");
        Files.write(archive, r.archive());

        assertThat(RootFile.holding(SnapshotManifest.FILE)).isEmpty();
        SystemRoot root = SystemRoot.of(archive);
        assertThat(root.text(RootFile.IOMEM)).isEqualTo(SystemRoot.of(s.root()).text(RootFile.IOMEM));
    }
}
