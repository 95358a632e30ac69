package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.context.ContextSources;
import org.dtcore.elf.DumpHead;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audit on dumps altered from the recorded ones (../shared/kernel-truth, every case, both its raw
 * elfcorehdr.bin and its vmcore-head.bin), each against a snapshot of the case's own root: a PT_LOAD dropped,
 * cut short or shifted, a note dropped, the crash kernel added back, the header of a neighbouring case. The
 * cause each must be reported with is derived here from the alteration and the case's own files
 * (iomem.txt's System RAM and "Crash kernel" lines, the live tree's linux,crashkernel-base/-size,
 * crash_notes.tsv, vmcoreinfo.txt, uname.txt), never from dtcore's output.
 */
class AuditAlterationTest {
    /** How far a segment is cut or shifted: a page on every recorded machine. */
    private static final long STEP = 0x1000;

    @TempDir
    static Path roots;
    private static final Map<Path, SystemRoot> SNAPSHOTS = new HashMap<>();

    /** One snapshot per case, taken as a user would (SnapshotPipeline over the root built from its files). */
    @BeforeAll
    static void snapshots() throws IOException {
        for (Path dir : KernelTruthSysroot.caseDirs()) {
            KernelTruthSysroot s = KernelTruthSysroot.build(dir, roots);
            Path archive = roots.resolve(s.name() + ".tar.gz");
            Files.write(archive, SnapshotPipeline.take(SnapshotRequest.of(s.root())).archive());
            SNAPSHOTS.put(dir, SystemRoot.of(archive));
        }
    }

    static Stream<Arguments> dumps() {
        List<Arguments> out = new ArrayList<>();
        for (Path dir : KernelTruthSysroot.caseDirs()) {
            out.add(Arguments.of(dir.getFileName().toString(), "elfcorehdr.bin"));
            out.add(Arguments.of(dir.getFileName().toString(), "vmcore-head.bin"));
        }
        return out.stream();
    }

    private static AuditResult audit(Path caseDir, byte[] dump, String name) {
        DumpHead d = DumpHead.read(dump, name);
        return AuditPipeline.audit(AuditRequest.of(d, KdumpInputs.of(d.arch().orElseThrow(),
                ContextSources.NONE.withSystemRoot(SNAPSHOTS.get(caseDir)))));
    }

    /** The findings as "kind range" lines, which a test compares with those it derived. */
    private static List<String> causes(AuditResult r) {
        return r.findings().stream().map(f -> f.kind() + " " + f.range().map(MemoryRange::toString).orElse(""))
                .sorted().toList();
    }

    private static String cause(AuditFinding.Kind kind, MemoryRange r) {
        return kind + " " + (r == null ? "" : r.toString());
    }

    private static byte[] read(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** iomem.txt's top-level "System RAM" lines: the RAM the recorded kernel had. */
    private static List<MemoryRange> ram(Path caseDir) {
        List<MemoryRange> out = new ArrayList<>();
        for (String l : lines(caseDir.resolve("iomem.txt"))) {
            if (!l.startsWith(" ") && l.endsWith(": System RAM")) {
                String[] f = l.split(" ")[0].split("-");
                out.add(new MemoryRange(Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16)));
            }
        }
        return out;
    }

    private static final Pattern CELLS = Pattern.compile(
            "linux,crashkernel-(base|size) = <0x([0-9a-f]+) 0x([0-9a-f]+)>");

    /** The crash kernel: iomem.txt's "Crash kernel" line, else the live tree's linux,crashkernel-base/-size. */
    private static MemoryRange crashKernel(Path caseDir) {
        for (String l : lines(caseDir.resolve("iomem.txt"))) {
            if (l.trim().endsWith(": Crash kernel")) {
                String[] f = l.trim().split(" ")[0].split("-");
                return new MemoryRange(Long.parseUnsignedLong(f[0], 16), Long.parseUnsignedLong(f[1], 16));
            }
        }
        Matcher m = CELLS.matcher(String.join("\n", lines(caseDir.resolve("devicetree-live.dts"))));
        long base = -1;
        long size = -1;
        while (m.find()) {
            long v = Long.parseUnsignedLong(m.group(2), 16) << 32 | Long.parseUnsignedLong(m.group(3), 16);
            if (m.group(1).equals("base")) {
                base = v;
            } else {
                size = v;
            }
        }
        return MemoryRange.ofSize(base, size, caseDir + " crash kernel");
    }

    private static MemoryRange range(long[] p) {
        return MemoryRange.ofSize(p[DumpEdit.PADDR], p[DumpEdit.MEMSZ], "PT_LOAD");
    }

    /**
     * The largest RAM PT_LOAD (the first PT_LOAD is the kernel text or powerpc's backup region): the one every
     * loader writes, so its alteration leaves each dump the loader's own (a small segment only kexec-tools
     * writes, powerpc's whole RTAS page, would make a kernel's header of it).
     */
    private static long[] largestLoad(DumpEdit e) {
        List<long[]> loads = e.of(DumpEdit.PT_LOAD);
        assertThat(loads.size()).as("a kernel text or backup segment, and RAM after it").isGreaterThanOrEqualTo(3);
        long[] best = loads.get(1);
        for (long[] p : loads.subList(1, loads.size())) {
            best = Long.compareUnsigned(p[DumpEdit.MEMSZ], best[DumpEdit.MEMSZ]) > 0 ? p : best;
        }
        return best;
    }

    /** What covering {@code extra} means on this machine: the crash kernel, RAM left out, or no RAM. */
    private static List<String> extraCause(Path caseDir, MemoryRange extra) {
        List<String> out = new ArrayList<>();
        List<MemoryRange> crash = List.of(crashKernel(caseDir));
        for (MemoryRange c : Ranges.intersect(List.of(extra), crash)) {
            out.add(cause(AuditFinding.Kind.CRASH_KERNEL_INCLUDED, c));
        }
        for (MemoryRange rest : Ranges.subtract(List.of(extra), crash)) {
            for (MemoryRange r : Ranges.intersect(List.of(rest), ram(caseDir))) {
                out.add(cause(AuditFinding.Kind.RAM_LEFT_OUT_INCLUDED, r));
            }
            for (MemoryRange r : Ranges.subtract(List.of(rest), ram(caseDir))) {
                out.add(cause(AuditFinding.Kind.NOT_RAM, r));
            }
        }
        return out;
    }

    private static void assertCauses(AuditResult r, Path caseDir, List<String> expected) {
        assertThat(causes(r)).as(r.findings().toString()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(r.loader()).as("the loader").isEqualTo(Files.exists(caseDir.resolve("kexec-load.log"))
                ? LoaderMode.KEXEC_TOOLS : LoaderMode.KERNEL);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void aDroppedPtLoadIsRamMissingFromItsNode(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        DumpEdit e = new DumpEdit(read(dir.resolve(file)));
        long[] last = largestLoad(e);
        e.phdrs.remove(last);

        AuditResult r = audit(dir, e.bytes(), file);

        assertCauses(r, dir, List.of(cause(AuditFinding.Kind.RAM_MISSING, range(last))));
        assertThat(r.findings().get(0).origin()).as("the node or iomem line that declares it").isNotEmpty();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void aPtLoadCutShortLeavesItsTailMissing(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        DumpEdit e = new DumpEdit(read(dir.resolve(file)));
        long[] last = largestLoad(e);
        MemoryRange whole = range(last);
        last[DumpEdit.FILESZ] -= STEP;
        last[DumpEdit.MEMSZ] -= STEP;

        AuditResult r = audit(dir, e.bytes(), file);

        assertCauses(r, dir, List.of(cause(AuditFinding.Kind.RAM_MISSING,
                new MemoryRange(whole.end() - STEP + 1, whole.end()))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void aShiftedPtLoadMissesItsStartAndCoversWhatFollows(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        DumpEdit e = new DumpEdit(read(dir.resolve(file)));
        long[] last = largestLoad(e);
        MemoryRange was = range(last);
        last[DumpEdit.PADDR] += STEP;
        last[DumpEdit.VADDR] += STEP;
        last[DumpEdit.OFFSET] += STEP;

        AuditResult r = audit(dir, e.bytes(), file);

        List<String> expected = new ArrayList<>(extraCause(dir, new MemoryRange(was.end() + 1, was.end() + STEP)));
        expected.add(cause(AuditFinding.Kind.RAM_MISSING, new MemoryRange(was.start(), was.start() + STEP - 1)));
        assertCauses(r, dir, expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void aDroppedCpuNoteIsNamed(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        DumpEdit e = new DumpEdit(read(dir.resolve(file)));
        byte[] altered;
        MemoryRange note = null;
        if (file.equals("elfcorehdr.bin")) {
            // crash_notes.tsv's second CPU: its PT_NOTE is the one at its crash_notes address
            String[] cpu1 = lines(dir.resolve("crash_notes.tsv")).get(1).split("\t");
            long address = Long.parseUnsignedLong(cpu1[1], 16);
            long[] p = e.of(DumpEdit.PT_NOTE).stream().filter(n -> n[DumpEdit.PADDR] == address).findFirst()
                    .orElseThrow();
            note = range(p);
            e.phdrs.remove(p);
            altered = e.bytes();
        } else {
            altered = e.withoutNote("CORE", 1);
        }

        AuditResult r = audit(dir, altered, file);

        assertCauses(r, dir, List.of(cause(AuditFinding.Kind.CPU_NOTE_MISSING, note)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void aDroppedVmcoreinfoNoteIsNamed(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        DumpEdit e = new DumpEdit(read(dir.resolve(file)));
        AuditResult r;
        if (file.equals("elfcorehdr.bin")) {
            // vmcoreinfo.txt: "ADDRESS SIZE", both hex
            String[] v = lines(dir.resolve("vmcoreinfo.txt")).get(0).trim().split("\\s+");
            long[] p = e.of(DumpEdit.PT_NOTE).stream().filter(n -> n[DumpEdit.PADDR] == Long.decode(v[0]))
                    .findFirst().orElseThrow();
            e.phdrs.remove(p);
            r = audit(dir, e.bytes(), file);
            assertCauses(r, dir, List.of(cause(AuditFinding.Kind.VMCOREINFO_MISSING, range(p))));
        } else {
            // without the note the audit has no VMCOREINFO of the dump's to read: the cause is still named
            r = audit(dir, e.withoutNote("VMCOREINFO", 0), file);
            assertThat(causes(r)).contains(cause(AuditFinding.Kind.VMCOREINFO_MISSING, null));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void theCrashKernelAddedBackIsNamed(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        DumpEdit e = new DumpEdit(read(dir.resolve(file)));
        MemoryRange crash = crashKernel(dir);
        long[] last = largestLoad(e);
        List<MemoryRange> covered = e.of(DumpEdit.PT_LOAD).stream().skip(1).map(AuditAlterationTest::range).toList();
        // the linear map's vaddr − paddr, as the RAM segments have it
        long delta = last[DumpEdit.VADDR] - last[DumpEdit.PADDR];
        e.phdrs.add(new long[] {DumpEdit.PT_LOAD, 7, crash.start(), crash.start() + delta, crash.start(), crash.size(),
            crash.size(), 0});

        AuditResult r = audit(dir, e.bytes(), file);

        // what the dump already covered inside the region (powerpc's RTAS, added back by the kernel) now
        // appears twice; the rest is the crash kernel's
        List<String> expected = new ArrayList<>();
        for (MemoryRange c : Ranges.subtract(List.of(crash), covered)) {
            expected.add(cause(AuditFinding.Kind.CRASH_KERNEL_INCLUDED, c));
        }
        for (MemoryRange twice : Ranges.intersect(List.of(crash), covered)) {
            expected.add(cause(AuditFinding.Kind.OVERLAP, twice));
        }
        assertCauses(r, dir, expected);
    }

    /** A case of the same machine under another kernel release. */
    private static Optional<Path> neighbour(Path dir) {
        String release = release(dir);
        String arch = KernelTruthSysroot.archOf(dir).cliName();
        return KernelTruthSysroot.caseDirs().stream().filter(d -> KernelTruthSysroot.archOf(d).cliName().equals(arch))
                .filter(d -> !release(d).equals(release)).findFirst();
    }

    private static String release(Path dir) {
        return lines(dir.resolve("uname.txt")).get(0).trim().split("\\s+")[2];
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dumps")
    void theHeaderOfANeighbouringCaseIsFromAnotherKernel(String name, String file) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        Path other = neighbour(dir).orElseThrow(() -> new AssertionError(name + ": no case of its machine under"
                + " another release"));

        AuditResult r = audit(dir, read(other.resolve(file)), other.getFileName() + "/" + file);

        assertThat(r.clean()).isFalse();
        if (file.equals("vmcore-head.bin")) {
            AuditFinding f = r.findings().stream().filter(x -> x.kind() == AuditFinding.Kind.RELEASE_DIFFERS)
                    .findFirst().orElseThrow(() -> new AssertionError(r.findings().toString()));
            assertThat(f.found()).isEqualTo(release(other));
            assertThat(f.expected()).isEqualTo(release(dir));
        } else {
            // another boot: the notes lie elsewhere (crash_notes.tsv, vmcoreinfo.txt of each)
            String[] mine = lines(dir.resolve("vmcoreinfo.txt")).get(0).trim().split("\\s+");
            String[] theirs = lines(other.resolve("vmcoreinfo.txt")).get(0).trim().split("\\s+");
            assertThat(Long.decode(mine[0])).isNotEqualTo(Long.decode(theirs[0]));
            assertThat(r.findings()).anyMatch(x -> x.kind() == AuditFinding.Kind.VMCOREINFO_MISSING);
            List<String> theirCpus = lines(other.resolve("crash_notes.tsv")).stream().map(l -> l.split("\t")[1])
                    .toList();
            for (String l : lines(dir.resolve("crash_notes.tsv"))) {
                String[] f = l.split("\t");
                if (!theirCpus.contains(f[1])) {
                    assertThat(r.findings()).anyMatch(x -> x.kind() == AuditFinding.Kind.CPU_NOTE_MISSING
                            && x.text().contains("CPU " + f[0] + "'s"));
                }
            }
        }
    }

    /**
     * The riscv64 6.1 system's header as Linux 6.12's rules give it (6.12 keeps the RAM below the kernel's load
     * address, README): the audit names 6.12's rules as what explains it.
     */
    @Test
    void aRawHeaderOfAnotherReleasesRulesIsNamedByThatRelease() {
        Path dir = KernelTruthSysroot.TRUTH.resolve("riscv64-virt-2g");
        DumpEdit e = new DumpEdit(read(dir.resolve("elfcorehdr.bin")));
        // 6.12's first RAM PT_LOAD starts at the start of RAM, 0x80000000, not at the load address 0x80200000
        long[] first = e.of(DumpEdit.PT_LOAD).get(1);
        long low = ram(dir).get(0).start();
        long grow = first[DumpEdit.PADDR] - 0x8000_0000L;
        assertThat(low).as("6.1 dropped the RAM below the kernel").isEqualTo(0x8020_0000L);
        first[DumpEdit.PADDR] -= grow;
        first[DumpEdit.VADDR] -= grow;
        first[DumpEdit.OFFSET] -= grow;
        first[DumpEdit.FILESZ] += grow;
        first[DumpEdit.MEMSZ] += grow;

        AuditResult r = audit(dir, e.bytes(), "elfcorehdr-as-6.12");

        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(AuditFinding.Kind.OTHER_RELEASE_RULES);
            assertThat(f.found()).isEqualTo("Linux 6.12");
        });
    }
}
