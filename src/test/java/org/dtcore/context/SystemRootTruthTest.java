package org.dtcore.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.dtcore.Given;
import org.dtcore.crash.ReservedCrashKernel;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §10 against real kernels: the context a system root rebuilt from each kernel-truth case gives (notes,
 * vmcoreinfo, kernel text, linear map) is the kernel's. The byte-for-byte check hands the encoder the kernel's
 * own RAM ranges (the answer's PT_LOADs), so that it tests the context alone; the ranges found from the root
 * are kdump/KernelTruthRangesTest's, and the whole header from the root cli/HeaderCommandTest's.
 */
class SystemRootTruthTest {
    @TempDir
    Path tmp;

    /** Every kernel-built case of the shared folder (the -kexec-tools ones are kexec-tools mode's). */
    static Stream<String> cases() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> !Files.exists(d.resolve("kexec-load.log")))
                .map(d -> d.getFileName().toString());
    }

    private CrashContext collect(KernelTruthSysroot s) {
        // the real /proc/kallsyms lacks _end: the System.map gives it, as a user would
        return ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap()).collect(s.arch());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void contextFromTheSystemRootWithTheKernelsOwnRangesGivesItsBytes(String name) {
        KernelTruthSysroot s = KernelTruthSysroot.build(name, tmp);
        CrashContext ctx = collect(s);

        byte[] built = CoreHeaderBuilder.kernel(s.arch(), ctx, s.kernelsRamLoads(), s.kernelMap(), s.backupOffset()).bytes();

        assertThat(built).hasSize(4096).isEqualTo(s.expectedSegment());
    }

    @Test
    void arm64ContextHasTheRecordedValues() {
        CrashContext ctx = collect(KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp));

        assertThat(ctx.cpus()).containsExactly(new CpuNote(0, 0xbfbb_d000L, 424), new CpuNote(1, 0xbfbc_d000L, 424));
        assertThat(ctx.vmcoreinfoAddress()).isEqualTo(0x40a3_4000L);
        assertThat(ctx.vmcoreinfoSize()).isEqualTo(0x1024);
        // SPEC §9 arm64: paddr = "Kernel code" 0x40210000 − (_stext − _text 0x10000)
        assertThat(ctx.kernelText()).contains(new KernelText(0xffff_8000_0800_0000L, 0x4020_0000L, 0x4c_0000L));
        assertThat(ctx.linearMapBase()).isEqualTo(0xffff_0000_0000_0000L);
        assertThat(ctx.physOffset()).isEqualTo(0x4000_0000L);
        assertThat(ctx.pageSize()).isEqualTo(4096);
        assertThat(ctx.eFlags()).isZero();
        // no note file: VA_BITS, PHYS_OFFSET and the page size are defaults, each named with what overrides it
        assertThat(ctx.notices()).hasSize(3)
                .anySatisfy(w -> assertThat(w.text()).contains("VA_BITS").contains("override with VA_BITS"))
                .anySatisfy(w -> assertThat(w.wording().inputs()).contains(Given.PHYS_OFFSET))
                .anySatisfy(w -> assertThat(w.wording().inputs()).contains(Given.PAGE_SIZE));
        assertThat(ctx.warnings()).noneMatch(w -> w.contains("--"));
    }

    @Test
    void aVmcoreinfoNoteReplacesTheArm64Defaults() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        CrashContext ctx = ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())
                .withVmcoreinfoNote(s.vmcoreinfoNote()).collect(s.arch());

        assertThat(ctx.linearMapBase()).isEqualTo(0xffff_0000_0000_0000L);
        assertThat(ctx.physOffset()).isEqualTo(0x4000_0000L);
        assertThat(ctx.warnings()).isEmpty();
    }

    @Test
    void riscvContextHasTheRecordedValues() {
        CrashContext ctx = collect(KernelTruthSysroot.build(KernelTruthSysroot.RISCV64, tmp));

        assertThat(ctx.cpus()).extracting(CpuNote::size).containsExactly(408L, 408L);
        // README: kernel map physical 0x80202000, vaddr 0xffffffff80002000, size _end − _text
        assertThat(ctx.kernelText()).contains(new KernelText(0xffff_ffff_8000_2000L, 0x8020_2000L, 0x38_3000L));
        // SPEC §9: phys_ram_base is the lowest System RAM, after the kernel dropped what lies below it
        assertThat(ctx.physOffset()).isEqualTo(0x8020_0000L);
        assertThat(ctx.linearMapBase()).isEqualTo(0xff60_0000_0000_0000L);
        assertThat(ctx.notices()).anySatisfy(w -> {
            assertThat(w.text()).contains("sv57");
            assertThat(w.wording().inputs()).containsExactly(Given.LINEAR_MAP_BASE, Given.VA_BITS);
        });
    }

    @Test
    void ppc64ContextHasNoKernelTextAndA64KiBPageFromTheNote() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.PPC64, tmp);
        CrashContext ctx = ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())
                .withVmcoreinfoNote(s.vmcoreinfoNote()).collect(s.arch());

        assertThat(ctx.cpus()).extracting(CpuNote::size).containsExactly(536L, 536L);
        assertThat(ctx.vmcoreinfoSize()).isEqualTo(0x10024);
        assertThat(ctx.pageSize()).isEqualTo(65536);
        assertThat(ctx.kernelText()).isEmpty();
        assertThat(ctx.linearMapBase()).isEqualTo(0xc000_0000_0000_0000L);
        assertThat(ctx.physOffset()).isZero();
        assertThat(ctx.warnings()).singleElement().asString().contains("e_flags");
    }

    @Test
    void crashKernelsComeFromIomemOrPowerpcsChosenProperties() {
        assertThat(crashKernels(KernelTruthSysroot.ARM64)).containsExactly(new MemoryRange(0xada0_0000L, 0xbd9f_ffffL));
        assertThat(crashKernels(KernelTruthSysroot.RISCV64))
                .containsExactly(new MemoryRange(0xece0_0000L, 0xfcdf_ffffL));
        // README: no "Crash kernel" line on powerpc; linux,crashkernel-base/-size in the live tree
        assertThat(crashKernels(KernelTruthSysroot.PPC64)).containsExactly(new MemoryRange(0x2000_0000L, 0x3fff_ffffL));
    }

    private java.util.List<MemoryRange> crashKernels(String name) {
        SystemRoot r = root(name);
        return ReservedCrashKernel.of(Iomem.read(r).orElse(null), r);
    }

    @Test
    void theRootOffersTheBootedBlobIomemAndCommandLine() {
        SystemRoot r = root(KernelTruthSysroot.ARM64);

        assertThat(SystemTree.booted(r)).contains(RootFile.FDT_BLOB);
        assertThat(r.where(RootFile.FDT_BLOB)).isEqualTo(r.path().resolve("sys/firmware/fdt").toString());
        assertThat(SystemTree.read(r, RootFile.FDT_BLOB).node("/memory@40000000")).isPresent();
        assertThat(Iomem.read(r)).hasValueSatisfying(lines -> assertThat(lines).isNotEmpty());
        assertThat(r.text(RootFile.CMDLINE)).hasValueSatisfying(c -> assertThat(c).contains("crashkernel=256M"));
    }

    @Test
    void powerpcCountsOneCpuPerInterruptServer() {
        SystemRoot r = root(KernelTruthSysroot.PPC64);
        MachineFacts facts = MachineFacts.of(Iomem.read(r).orElseThrow(), null,
                SystemTree.read(r, SystemTree.booted(r).orElseThrow()), Arch.PPC64, null);

        assertThat(facts.possibleCpus()).hasValue(2);
        assertThat(facts.lowestRam()).hasValue(0);
    }

    private SystemRoot root(String name) {
        return SystemRoot.of(KernelTruthSysroot.build(name, tmp).root());
    }
}
