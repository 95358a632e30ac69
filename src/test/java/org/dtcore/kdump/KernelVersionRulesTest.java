package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.capture.HeaderSegment;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.context.PartialContext;
import org.dtcore.input.SystemRoot;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule that differs between Linux 6.1 and 6.12 ({@link KernelVersion}), on a small board written
 * for it, the expected value worked out here from the kernel's own arithmetic; the recorded 6.12 cases'
 * segment.txt checks the header segment sizes.
 */
class KernelVersionRulesTest {
    private static final KernelVersion V61 = KernelVersion.parse("6.1.192-kt", "test");
    private static final KernelVersion V612 = KernelVersion.parse("6.12.117-kt", "test");

    @TempDir
    Path tmp;

    private Path dtb(String source) {
        return DtsBoard.compile(tmp, "board", source);
    }

    @Test
    void releasesParseToTheirModelledRules() {
        assertThat(V612.modelled()).isEqualTo(KernelVersion.LINUX_6_12);
        assertThat(V61.modelled()).isEqualTo(KernelVersion.LINUX_6_1);
        assertThat(KernelVersion.parse("6.8.0-31-generic", "x").modelled()).isEqualTo(KernelVersion.LINUX_6_1);
        assertThat(KernelVersion.parse("6.8.0-31-generic", "x").isModelled()).isFalse();
        assertThat(KernelVersion.parse("6.15", "x").modelled()).isEqualTo(KernelVersion.LINUX_6_12);
        assertThatThrownBy(() -> KernelVersion.parse("linux", "osrelease")).isInstanceOf(MemoryMapException.class)
                .hasMessageContaining("MAJOR.MINOR");
    }

    /**
     * riscv64: 6.1's MIN_MEMBLOCK_ADDR is __pa(PAGE_OFFSET) = the load address (va_pa_offset set in
     * setup_vm), so [0x80000000, 0x801fffff] is clipped; 6.12 sets va_pa_offset after the scan: nothing is.
     */
    @Test
    void riscvKeepsRamBelowTheKernelOnlyFrom612() throws IOException {
        Path board = dtb("/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  memory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x0 0x40000000>; };\n};\n");
        long load = 0x8020_0000L;
        long ramEnd = 0x8000_0000L + 0x4000_0000L - 1;
        ScanOptions riscv = ScanOptions.forArch(Arch.RISCV64).withKernelLoadAddress(load);

        MemoryMap old = MemoryScan.scan(FdtParser.read(board), riscv.withKernel(V61));
        MemoryMap now = MemoryScan.scan(FdtParser.read(board), riscv.withKernel(V612));

        assertThat(old.memory()).containsExactly(new MemoryRange(Math.max(0x8000_0000L, load), ramEnd));
        assertThat(now.memory()).containsExactly(new MemoryRange(0x8000_0000L, ramEnd));
    }

    /**
     * powerpc mem=700M with 64 KiB pages (arch/powerpc/kernel/prom.c early_init_devtree): 6.1 rounds up to
     * the page, 700 MiB; 6.12 rounds down to 16 MiB, 43 × 16 MiB = 688 MiB.
     */
    @Test
    void powerpcMemoryLimitFollowsTheRelease() throws IOException {
        Path board = dtb("/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  chosen { bootargs = \"mem=700M\"; };\n"
                + "  memory@0 { device_type = \"memory\"; reg = <0x0 0x0 0x0 0x80000000>; };\n};\n");
        long mib = 1L << 20;
        long page = 0x10000;
        long old = (700 * mib + page - 1) / page * page;
        long now = 700 * mib / (16 * mib) * (16 * mib);
        ScanOptions ppc = ScanOptions.forArch(Arch.PPC64);

        assertThat(MemoryScan.scan(FdtParser.read(board), ppc.withKernel(V61)).memory())
                .containsExactly(new MemoryRange(0, old - 1));
        assertThat(MemoryScan.scan(FdtParser.read(board), ppc.withKernel(V612)).memory())
                .containsExactly(new MemoryRange(0, now - 1));
    }

    /**
     * riscv64 phys_ram_base from a tree alone (no /proc/iomem): the lowest RAM the kernel keeps, so the
     * load address on 6.1 (default lowest RAM + 2 MiB) and the start of RAM on 6.12 (memblock_start_of_DRAM()
     * & PMD_MASK in setup_bootmem, 0x80000000 being 2 MiB aligned).
     */
    @Test
    void riscvPhysRamBaseFromATreeFollowsTheRelease() throws IOException {
        Path board = dtb("/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  cpus { #address-cells = <1>; #size-cells = <0>; cpu@0 { device_type = \"cpu\"; reg = <0>; }; };\n"
                + "  memory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x0 0x40000000>; };\n};\n");
        PartialContext given = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x9000_0000L, 408)))
                .withVmcoreinfo(0x9010_0000L, 0x1024L).withKernelText(Optional.empty());
        KdumpInputs in = new KdumpInputs(Arch.RISCV64, board, ContextSources.NONE.withOptions(given), List.of(), null,
                null);

        assertThat(ContextPipeline.collect(in.withKernelRelease("6.1")).physOffset())
                .isEqualTo(0x8000_0000L + 0x20_0000L);
        assertThat(ContextPipeline.collect(in.withKernelRelease("6.12")).physOffset())
                .isEqualTo(0x8000_0000L & -0x20_0000L);
    }

    /**
     * arm64: "Kernel code" starts at __pa(_stext) on 6.1 and __pa(_text) on 6.12; the PT_LOAD is at
     * __pa(_text). On the recorded 6.12 system, 6.1's correction would give the wrong 0x401f0000.
     */
    @Test
    void arm64KernelTextFollowsWhereKernelCodeStarts() throws IOException {
        Path caseDir = KernelTruthSysroot.TRUTH.resolve("arm64-virt-2g-linux-6.12");
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        long code = iomemStart(caseDir, "Kernel code");
        long stextMinusText = symbol(caseDir, "_stext") - symbol(caseDir, "_text");
        ContextSources sources = ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap());

        KernelText now = sources.withKernel(V612).collect(Arch.ARM64).kernelText().orElseThrow();
        KernelText asIf61 = sources.withKernel(V61).collect(Arch.ARM64).kernelText().orElseThrow();

        assertThat(now.paddr()).isEqualTo(code);
        assertThat(asIf61.paddr()).isEqualTo(code - stextMinusText).isEqualTo(0x401f_0000L);
    }

    /**
     * crash_exclude_mem_range over two NUMA regions [0x40000000, 0x7fffffff] and [0x80000000, 0xbfffffff]
     * (kept apart: different nodes) with the crash kernel [0x70000000, 0x8fffffff] across both. 6.1
     * (kernel/kexec_file.c): the first range is only partly covered, so its end becomes 0x6fffffff and the
     * loop breaks; the second keeps its overlap. 6.12 (kernel/crash_core.c): the second also starts at
     * 0x90000000.
     */
    @Test
    void exclusionFollowsTheRelease() throws IOException {
        Path board = dtb("/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x40000000>;"
                + " numa-node-id = <0>; };\n"
                + "  memory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x0 0x40000000>;"
                + " numa-node-id = <1>; };\n};\n");
        MemoryRange crash = new MemoryRange(0x7000_0000L, 0x8fff_ffffL);
        PartialContext ctx = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x3000_0000L, 424)))
                .withVmcoreinfo(0x3010_0000L, 0x1024L).withKernelText(Optional.empty());
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withOptions(ctx)).withFile(board)
                .withCrashKernels(List.of(crash));

        assertThat(loads(in.withKernelRelease("6.1.192"))).containsExactly(
                new MemoryRange(0x4000_0000L, crash.start() - 1), new MemoryRange(0x8000_0000L, 0xbfff_ffffL));
        assertThat(loads(in.withKernelRelease("6.12.117"))).containsExactly(
                new MemoryRange(0x4000_0000L, crash.start() - 1), new MemoryRange(crash.end() + 1, 0xbfff_ffffL));
        assertThat(ExclusionRule.of(V61)).isEqualTo(ExclusionRule.LEGACY);
        assertThat(ExclusionRule.of(V612)).isEqualTo(ExclusionRule.CURRENT);
    }

    private static List<MemoryRange> loads(KdumpInputs in) {
        byte[] bytes = HeaderPipeline.build(HeaderRequest.kernel(in)).header().bytes();
        return CoreHeaderReader.read(bytes).programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_LOAD)
                .map(p -> MemoryRange.ofSize(p.paddr(), p.memsz(), "PT_LOAD")).toList();
    }

    /** The arithmetic of the segment sizes, worked here from the sources named in KernelVersion. */
    @Test
    void headerSegmentSizesFollowTheReleaseAndArchitecture() {
        long ehdr = 64;
        long phdr = 56;
        // powerpc 6.12, load_elfcorehdr_segment: memsz = buffer + (CRASH_MAX_MEMORY_RANGES - nr_ranges) * phdr,
        // rounded up to the 64 KiB page by kexec_add_buffer
        long ppcMemsz = 4096 + (8192 - 4) * phdr;
        long ppc = (ppcMemsz + 0xffff) / 0x10000 * 0x10000;
        assertThat(V612.headerSegmentSize(Arch.PPC64, 4096, 4, 0x10000)).isEqualTo(ppc).isEqualTo(0x80000);
        // x86_64 6.12, crash_load_segments without CONFIG_MEMORY_HOTPLUG: (nr_ranges + 2 + NR_CPUS_DEFAULT 64)
        assertThat(V612.headerSegmentSize(Arch.X86_64, 4096, 2, 4096)).isEqualTo(ehdr + (2 + 2 + 64) * phdr)
                .isEqualTo(0xf20);
        // every 6.1, and 6.12 arm64/riscv64: the buffer itself
        for (Arch a : List.of(Arch.PPC64, Arch.X86_64, Arch.ARM64, Arch.RISCV64)) {
            assertThat(V61.headerSegmentSize(a, 4096, 4, 4096)).isEqualTo(4096);
        }
        assertThat(V612.headerSegmentSize(Arch.ARM64, 4096, 4, 4096)).isEqualTo(4096);
    }

    static Stream<Path> casesWithSegmentTxt() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> Files.exists(d.resolve("segment.txt")));
    }

    /** Each recorded 6.12 case: the segment size dtcore gives is the elf_headers_sz segment.txt recorded. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("casesWithSegmentTxt")
    void theRecordedSegmentSizes(Path caseDir) throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        HeaderRequest request = HeaderRequest.kernel(KdumpInputs.of(s.arch(),
                ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())));
        HeaderResult r = HeaderPipeline.build(request);
        CrashContext ctx = r.context().orElseThrow();

        long size = HeaderSegment.size(r.crash().orElseThrow(), ctx, r.kernel(), ctx.pageSize());

        assertThat(size).isEqualTo(recordedElfHeadersSize(caseDir));
    }

    /** The first segment.txt line naming elf_headers_sz, its first hex number. */
    private static long recordedElfHeadersSize(Path caseDir) throws IOException {
        Pattern p = Pattern.compile("elf_headers_sz[^0-9]*(0x[0-9a-f]+)");
        for (String line : Files.readAllLines(caseDir.resolve("segment.txt"))) {
            Matcher m = p.matcher(line);
            if (m.find()) {
                return Long.decode(m.group(1));
            }
        }
        throw new AssertionError(caseDir + "/segment.txt names no elf_headers_sz");
    }

    private static long iomemStart(Path caseDir, String name) throws IOException {
        for (String line : Files.readAllLines(caseDir.resolve("iomem.txt"))) {
            String[] f = line.trim().split("\\s*:\\s*", 2);
            if (f.length == 2 && f[1].equals(name)) {
                return Long.parseUnsignedLong(f[0].split("-")[0], 16);
            }
        }
        throw new AssertionError(caseDir + "/iomem.txt has no " + name);
    }

    private static long symbol(Path caseDir, String name) throws IOException {
        for (String line : Files.readAllLines(caseDir.resolve("system-map.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new AssertionError(caseDir + "/system-map.txt has no " + name);
    }
}
