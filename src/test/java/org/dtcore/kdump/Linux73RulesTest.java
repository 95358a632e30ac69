package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.capture.CaptureRequest;
import org.dtcore.capture.CaptureTree;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.MachineFacts;
import org.dtcore.context.PartialContext;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.RegEntry;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.CrashKernelArgument;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.RecordedPhdrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each rule that changed between Linux 6.12 and 7.3 ({@link KernelVersion}), on a small board written for
 * it; the expected values are worked out here from the two releases' sources (named in each test).
 */
class Linux73RulesTest {
    private static final KernelVersion V61 = KernelVersion.parse("6.1.192-kt", "test");
    private static final KernelVersion V612 = KernelVersion.parse("6.12.117-kt", "test");
    private static final KernelVersion V73 = KernelVersion.parse("7.3.4-kt", "test");
    private static final String ROOT = "/ { #address-cells = <2>; #size-cells = <2>;\n";

    @TempDir
    Path tmp;

    private MemoryMap scan(String dts, Arch arch, KernelVersion k) {
        return MemoryScan.scan(DtsBoard.tree(dts), ScanOptions.forArch(arch).withKernel(k));
    }

    @Test
    void linux73IsModelledAndWhatLiesBetweenTakesTheOlderRules() {
        assertThat(V73.isModelled()).isTrue();
        assertThat(V73.modelled()).isEqualTo(KernelVersion.LINUX_7_3);
        KernelVersion v71 = KernelVersion.parse("7.1.0", "t");
        assertThat(v71.isModelled()).isFalse();
        assertThat(v71.modelled()).isEqualTo(KernelVersion.LINUX_6_12);
        assertThat(v71.crashKernelCma()).isFalse();
        assertThat(KernelVersion.parse("8.0", "t").modelled()).isEqualTo(KernelVersion.LINUX_7_3);
        assertThat(KernelVersion.NEWEST).isEqualTo(KernelVersion.LINUX_7_3);
    }

    /** The recorded 7.3 system root: its release is read and modelled, so no "not modelled" warning. */
    @Test
    void aLinux73SystemRootGivesNoReleaseWarning() {
        KernelTruthSysroot s = KernelTruthSysroot.build("arm64-virt-2g-linux-7.3", tmp);
        HeaderResult r = HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(Arch.ARM64,
                ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap()))));

        assertThat(r.kernel().modelled()).isEqualTo(KernelVersion.LINUX_7_3);
        assertThat(r.warnings()).noneMatch(w -> w.contains("not modelled") || w.contains("release unknown"));
        assertThat(r.header().bytes()).isEqualTo(s.expectedSegment());
    }

    /**
     * riscv64 (arch/riscv/mm/init.c set_satp_mode()): 7.3 caps the MMU mode by the first CPU's mmu-type,
     * 6.12 only by "no4lvl"/"no5lvl", 6.1 by neither. PAGE_OFFSET_L4 0xffffaf8000000000, L5
     * 0xff60000000000000; L3 0xffffffd600000000 from 6.12 (arch/riscv/include/asm/page.h).
     */
    @Test
    void riscvMmuModeFollowsTheRelease() {
        String board = ROOT + "  chosen { bootargs = \"%s\"; };\n"
                + "  cpus { #address-cells = <1>; #size-cells = <0>;\n"
                + "    cpu@0 { device_type = \"cpu\"; reg = <0>; mmu-type = \"riscv,sv48\"; }; };\n"
                + "  memory@80000000 { device_type = \"memory\"; reg = <0x0 0x80000000 0x0 0x40000000>; };\n};\n";
        PartialContext given = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x9000_0000L, 408)))
                .withVmcoreinfo(0x9010_0000L, 0x1024L).withKernelText(Optional.empty());

        assertThat(base(board.formatted("console=ttyS0"), given, V73)).isEqualTo(0xffff_af80_0000_0000L);
        assertThat(base(board.formatted("console=ttyS0"), given, V612)).isEqualTo(0xff60_0000_0000_0000L);
        assertThat(base(board.formatted("no4lvl"), given, V612)).isEqualTo(0xffff_ffd6_0000_0000L);
        assertThat(base(board.formatted("no4lvl"), given, V61)).isEqualTo(0xff60_0000_0000_0000L);
    }

    private static long base(String dts, PartialContext given, KernelVersion k) {
        DeviceTree tree = DtsBoard.tree(dts);
        return ContextSources.NONE.withOptions(given).withKernel(k)
                .withMachine(MachineFacts.of(null, MemoryScan.scan(tree, ScanOptions.forArch(Arch.RISCV64).withKernel(k)),
                        tree, Arch.RISCV64, k)).collect(Arch.RISCV64)
                .linearMapBase();
    }

    /**
     * drivers/of/fdt.c: 7.3 reads status and device_type with fdt_stringlist_get(), 6.12 with strcmp. A
     * "disabled" without its NUL hides the node from 6.12 only; a "memory" without its NUL is memory to
     * 6.12 only.
     */
    @Test
    void stringPropertiesNeedTheirNulFrom73() {
        String status = ROOT + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x10000000>;"
                + " status = [64 69 73 61 62 6c 65 64]; };\n};\n";
        String type = ROOT + "  memory@40000000 { device_type = [6d 65 6d 6f 72 79]; reg = <0x0 0x40000000 0x0"
                + " 0x10000000>; };\n};\n";
        MemoryRange ram = new MemoryRange(0x4000_0000L, 0x4fff_ffffL);

        assertThat(scan(status, Arch.ARM64, V612).memory()).isEmpty();
        assertThat(scan(status, Arch.ARM64, V73).memory()).containsExactly(ram);
        assertThat(scan(type, Arch.ARM64, V612).memory()).containsExactly(ram);
        assertThat(scan(type, Arch.ARM64, V73).memory()).isEmpty();
    }

    /**
     * drivers/of/fdt.c of_flat_dt_get_addr_size_prop(): from 7.3 a reg that is not whole (2+2)-cell tuples
     * is no reg; a bad linux,usable-memory falls back to reg. 6.12 reads the whole tuples.
     */
    @Test
    void addressSizePropertiesMustBeWholeTuplesFrom73() {
        String partial = ROOT + "  memory@40000000 { device_type = \"memory\";"
                + " reg = <0x0 0x40000000 0x0 0x10000000 0x0 0x50000000>; };\n};\n";
        String badUsable = ROOT + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x10000000>;"
                + " linux,usable-memory = <0x0 0x40000000 0x0>; };\n};\n";
        MemoryRange first = new MemoryRange(0x4000_0000L, 0x4fff_ffffL);

        assertThat(scan(partial, Arch.ARM64, V612).memory()).containsExactly(first);
        assertThat(scan(partial, Arch.ARM64, V73).memory()).isEmpty();
        assertThat(scan(badUsable, Arch.ARM64, V73).memory()).containsExactly(first);
    }

    /**
     * early_init_dt_check_for_usable_mem_range(): MAX_USABLE_RANGES is 2 in 6.12 and 2 + CRASHK_CMA_RANGES_MAX
     * (4) in 7.3; the first caps RAM, the others are added.
     */
    @Test
    void aCaptureKernelReadsSixUsableRangesFrom73() {
        String board = ROOT + "  chosen { linux,usable-memory-range = <0x0 0x60000000 0x0 0x1000000"
                + " 0x0 0x41000000 0x0 0x1000000  0x0 0x42000000 0x0 0x1000000>; };\n"
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x40000000>; };\n};\n";
        MemoryRange crash = MemoryRange.ofSize(0x6000_0000L, 0x100_0000L, "t");
        MemoryRange low = MemoryRange.ofSize(0x4100_0000L, 0x100_0000L, "t");
        MemoryRange cma = MemoryRange.ofSize(0x4200_0000L, 0x100_0000L, "t");

        assertThat(scan(board, Arch.ARM64, V612).memory()).containsExactly(low, crash);
        assertThat(scan(board, Arch.ARM64, V73).memory()).containsExactly(new MemoryRange(low.start(), cma.end()),
                crash);
    }

    /**
     * drivers/of/of_reserved_mem.c __reserved_mem_reserve_reg(): 7.3 reserves the first reg tuple of a
     * /reserved-memory child only ("only the first is used"); 6.12 all of them.
     */
    @Test
    void reservedMemoryKeepsOnlyItsFirstRegFrom73() {
        String board = ROOT + "  reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;\n"
                + "    fw@48000000 { reg = <0x0 0x48000000 0x0 0x100000 0x0 0x49000000 0x0 0x100000>; no-map; }; };\n"
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x40000000>; };\n};\n";
        MemoryRange first = MemoryRange.ofSize(0x4800_0000L, 0x10_0000L, "t");
        MemoryRange second = MemoryRange.ofSize(0x4900_0000L, 0x10_0000L, "t");

        assertThat(scan(board, Arch.ARM64, V612).reserved()).extracting(ReservedRegion::range)
                .containsExactly(first, second);
        assertThat(scan(board, Arch.ARM64, V73).reserved()).extracting(ReservedRegion::range).containsExactly(first);
    }

    /**
     * powerpc mem=512M below a fixed crashkernel=256M@768M: 6.12's reserve_crashkernel() raises the limit to
     * the crash kernel's end (1 GiB, a multiple of 16 MiB), 7.3's arch_reserve_crashkernel() does not.
     */
    @Test
    void powerpcCrashKernelNoLongerRaisesTheMemoryLimit() {
        String board = ROOT + "  chosen { bootargs = \"mem=512M crashkernel=256M@768M\"; };\n"
                + "  memory@0 { device_type = \"memory\"; reg = <0x0 0x0 0x0 0x80000000>; };\n};\n";
        long crashEnd = (768L << 20) + (256L << 20);

        assertThat(scan(board, Arch.PPC64, V612).memory()).containsExactly(new MemoryRange(0, crashEnd - 1));
        MemoryMap m73 = scan(board, Arch.PPC64, V73);
        assertThat(m73.memory()).containsExactly(new MemoryRange(0, (512L << 20) - 1));
        assertThat(m73.warnings()).anyMatch(w -> w.contains("no longer raises it"));
    }

    /**
     * kernel/crash_reserve.c parse_crashkernel(): 7.3 reads the last ",cma" word besides the plain one; 6.12
     * takes "512M,cma" as the last plain word and rejects it, so no crash kernel at all.
     */
    @Test
    void crashkernelCmaIsAWordOf73Only() {
        String line = "console=ttyS0 crashkernel=256M crashkernel=512M,cma";
        List<String> notes = new ArrayList<>();

        List<CrashKernelArgument> now = CrashKernelArgument.fromCommandLine(line, 4L << 30, "t", V73, notes);
        assertThat(now).containsExactly(new CrashKernelArgument(256L << 20, java.util.OptionalLong.empty(),
                CrashKernelArgument.Kind.PLAIN), new CrashKernelArgument(512L << 20, java.util.OptionalLong.empty(),
                CrashKernelArgument.Kind.CMA));
        assertThat(notes).isEmpty();

        assertThat(CrashKernelArgument.fromCommandLine(line, 4L << 30, "t", V612, notes)).isEmpty();
        assertThat(notes).singleElement().asString().contains("rejects");

        // reserve_crashkernel_cma() is never reached without a crash kernel
        List<String> alone = new ArrayList<>();
        assertThat(CrashKernelArgument.fromCommandLine("crashkernel=512M,cma", 4L << 30, "t", V73, alone)).isEmpty();
        assertThat(alone).singleElement().asString().contains("no CMA either");

        MemoryMap map = scan(ROOT + "  chosen { bootargs = \"crashkernel=256M@0x60000000 crashkernel=64M,cma\"; };\n"
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x40000000>; };\n};\n",
                Arch.ARM64, V73);
        assertThat(map.chosen().crashKernelCma()).hasValue(64L << 20);
        assertThat(map.warnings()).anyMatch(w -> w.contains("crashkernel=...,cma asks for 0x4000000 bytes"));
    }

    /**
     * CMA in 7.3: crash_exclude_core_ranges() (kernel/crash_core.c) cuts it out of the dump after the crash
     * kernel; of_kexec_alloc_and_setup_fdt() (drivers/of/kexec.c) appends it to linux,usable-memory-range.
     */
    @Test
    void crashkernelCmaLeavesTheDumpAndJoinsTheCaptureKernelsMemory() throws Exception {
        Path board = DtsBoard.compile(tmp, "board", ROOT
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x40000000>; };\n};\n");
        MemoryRange crash = new MemoryRange(0x6000_0000L, 0x6fff_ffffL);
        MemoryRange cma = new MemoryRange(0x4800_0000L, 0x4fff_ffffL);
        PartialContext ctx = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x3000_0000L, 424)))
                .withVmcoreinfo(0x3010_0000L, 0x1024L).withKernelText(Optional.empty());
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withOptions(ctx)).withFile(board)
                .withCrashKernels(List.of(crash)).withCrashKernelCma(List.of(cma));

        assertThat(loads(in.withKernelRelease("7.3.4"))).containsExactly(new MemoryRange(0x4000_0000L, cma.start() - 1),
                new MemoryRange(cma.end() + 1, crash.start() - 1), new MemoryRange(crash.end() + 1, 0x7fff_ffffL));
        assertThat(loads(in.withKernelRelease("6.12.117"))).containsExactly(
                new MemoryRange(0x4000_0000L, crash.start() - 1), new MemoryRange(crash.end() + 1, 0x7fff_ffffL));

        CaptureResult c = CapturePipeline.build(CaptureDtbRequest.of(in.withKernelRelease("7.3.4"), crash.start())
                .withElfCoreHeaderSize(0x1000));
        List<RegEntry> usable = c.tree().node("/chosen").orElseThrow().property("linux,usable-memory-range")
                .orElseThrow().asReg(2, 2);
        assertThat(usable).containsExactly(new RegEntry(crash.start(), crash.size()), new RegEntry(cma.start(),
                cma.size()));
    }

    /**
     * A 7.3 system root shows where reserve_crashkernel_cma() put the ranges: /sys/kernel/kexec/crash_cma_ranges
     * ("%08llx-%08llx" per range, kernel/kexec_core.c crash_cma_ranges_show()). On the recorded 7.3 machine with
     * such a file added, the header leaves the range out of the RAM PT_LOAD that held it and nothing else
     * changes; the capture tree gets it after the crash kernel in linux,usable-memory-range.
     */
    @Test
    void aLinux73RootsCrashCmaRangesAreReadFromSysfs() throws Exception {
        KernelTruthSysroot s = KernelTruthSysroot.build("arm64-virt-2g-linux-7.3", tmp);
        List<MemoryRange> recorded = RecordedPhdrs.of(s.caseDir()).ramLoads(true);
        MemoryRange holder = recorded.get(0);
        MemoryRange cma = MemoryRange.ofSize(holder.start() + 0x1000_0000L, 0x400_0000L, "cma");
        Path file = s.root().resolve("sys/kernel/kexec/crash_cma_ranges");
        Files.createDirectories(file.getParent());
        Files.writeString(file, Long.toHexString(cma.start()) + "-" + Long.toHexString(cma.end()) + "\n");
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root()))
                .withSystemMap(s.systemMap()));

        List<MemoryRange> expected = new ArrayList<>();
        expected.add(new MemoryRange(holder.start(), cma.start() - 1));
        expected.add(new MemoryRange(cma.end() + 1, holder.end()));
        expected.addAll(recorded.subList(1, recorded.size()));
        List<MemoryRange> all = loads(in);
        assertThat(all.subList(1, all.size())).as("RAM PT_LOADs after the kernel text").containsExactlyElementsOf(expected);

        MemoryRange crash = new MemoryRange(0xafa0_0000L, 0xbf9f_ffffL); // iomem.txt's "Crash kernel"
        CaptureResult c = CapturePipeline.build(CaptureDtbRequest.of(in, crash.start()).withElfCoreHeaderSize(0x1000));
        List<RegEntry> usable = c.tree().node("/chosen").orElseThrow().property("linux,usable-memory-range")
                .orElseThrow().asReg(2, 2);
        assertThat(usable).containsExactly(new RegEntry(crash.start(), crash.size()), new RegEntry(cma.start(),
                cma.size()));
    }

    private static List<MemoryRange> loads(KdumpInputs in) {
        byte[] bytes = HeaderPipeline.build(HeaderRequest.kernel(in)).header().bytes();
        return CoreHeaderReader.read(bytes).programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_LOAD)
                .map(p -> MemoryRange.ofSize(p.paddr(), p.memsz(), "PT_LOAD")).toList();
    }

    /**
     * The spare crash_mem slots per release: arm64 2 (6.1, 6.12) and 2 + CMA (7.3,
     * arch_get_system_nr_ranges()); riscv64 1 (6.1 elf_kexec.c), 2 (6.12), 2 + CMA (7.3); x86_64 2
     * (fill_up_crash_elf_data(), 6.1 and 6.12), 3 + CMA (7.3); powerpc grows its array (no limit).
     */
    @Test
    void crashMemSpareSlotsFollowTheRelease() {
        assertThat(V61.crashMemSpareSlots(Arch.RISCV64, 0)).isEqualTo(1);
        assertThat(V612.crashMemSpareSlots(Arch.RISCV64, 3)).isEqualTo(2);
        assertThat(V73.crashMemSpareSlots(Arch.RISCV64, 3)).isEqualTo(2 + 3);
        assertThat(V612.crashMemSpareSlots(Arch.X86_64, 1)).isEqualTo(2);
        assertThat(V73.crashMemSpareSlots(Arch.X86_64, 1)).isEqualTo(3 + 1);
        assertThat(V73.crashMemSpareSlots(Arch.ARM64, 2)).isEqualTo(2 + 2);
        assertThat(V73.crashMemSpareSlots(Arch.PPC64, 2)).isEqualTo(-1);
    }
}
