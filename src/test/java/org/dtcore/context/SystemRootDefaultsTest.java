package org.dtcore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.dtcore.Given;
import org.dtcore.crash.ReservedCrashKernel;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.InputException;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §10: missing system-root files fall to defaults that are named; bad ones fail naming the file. */
class SystemRootDefaultsTest {
    @TempDir
    Path tmp;

    private KernelTruthSysroot arm64() {
        return KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
    }

    private static CrashContext collect(KernelTruthSysroot s) {
        return ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).collect(s.arch());
    }

    private static void replace(Path file, String text) throws Exception {
        Files.deleteIfExists(file);
        Files.writeString(file, text);
    }

    @Test
    void withoutCrashNotesSizeTheArchitecturesNoteSizeIsUsedAndNamed() throws Exception {
        KernelTruthSysroot s = arm64();
        Files.delete(s.root().resolve("sys/devices/system/cpu/cpu1/crash_notes_size"));

        CrashContext ctx = collect(s);

        assertThat(ctx.cpus().get(1).size()).isEqualTo(424);
        assertThat(ctx.notices()).anySatisfy(w -> {
            assertThat(w.text()).contains("CPUs [1]").contains("424").contains("the CPU's crash note with its size");
            assertThat(w.wording().inputs()).containsExactly(Given.CPU_NOTE_SIZE);
        });
    }

    @Test
    void cpuFoldersAreOrderedNumerically() throws Exception {
        KernelTruthSysroot s = arm64();
        for (int cpu : new int[] {10, 2, 9}) {
            Path dir = s.root().resolve("sys/devices/system/cpu/cpu" + cpu);
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("crash_notes"), Integer.toHexString(0x1000 * cpu) + "\n");
        }
        Files.createDirectories(s.root().resolve("sys/devices/system/cpu/cpufreq"));

        assertThat(collect(s).cpus()).extracting(CpuNote::cpu).containsExactly(0, 1, 2, 9, 10);
    }

    @Test
    void withoutCrashNotesTheErrorSaysHowManyCpusTheTreeHasAndWhatToGive() throws Exception {
        KernelTruthSysroot s = arm64();
        for (String cpu : List.of("cpu0", "cpu1")) {
            Files.delete(s.root().resolve("sys/devices/system/cpu").resolve(cpu).resolve("crash_notes"));
        }

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class)
                .hasMessageContaining("the device tree lists 2 CPUs").hasMessageContaining("the CPU's crash note")
                .hasMessageNotContaining("--")
                .satisfies(e -> assertThat(((ContextException) e).wording().inputs()).contains(Given.CPU_NOTE));
    }

    @Test
    void cpuNotesGivenAsOptionsNeedNoSystemRoot() {
        PartialContext options = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x1000, 0)))
                .withVmcoreinfo(0x2000L, null).withLinearMap(null, 0x4000_0000L).withVaBits(48);

        CrashContext ctx = ContextSources.NONE.withOptions(options).collect(Arch.ARM64);

        assertThat(ctx.cpus()).containsExactly(new CpuNote(0, 0x1000, 424));
        assertThat(ctx.vmcoreinfoSize()).isEqualTo(4132);
        assertThat(ctx.kernelText()).isEmpty();
        assertThat(ctx.warnings()).anySatisfy(w -> assertThat(w).contains("kernel text unknown"))
                .anySatisfy(w -> assertThat(w).contains("vmcoreinfo note size: 0x1024"));
    }

    @Test
    void badCrashNotesContentFailsNamingTheFile() throws Exception {
        KernelTruthSysroot s = arm64();
        Path notes = s.root().resolve("sys/devices/system/cpu/cpu1/crash_notes");
        replace(notes, "not-hex\n");

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).oneLine())
                        .isEqualTo(notes + ": crash_notes: a value of 7 characters (character 1 is not a digit)"
                                + " is not a hex number"));
    }

    @Test
    void badCrashNotesSizeFailsNamingTheFile() throws Exception {
        KernelTruthSysroot s = arm64();
        Path size = s.root().resolve("sys/devices/system/cpu/cpu0/crash_notes_size");
        replace(size, "0x1a8\n");

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).location()).isEqualTo(size.toString()));
    }

    @Test
    void withoutVmcoreinfoTheErrorSaysWhatToGive() throws Exception {
        KernelTruthSysroot s = arm64();
        Files.delete(s.root().resolve("sys/kernel/vmcoreinfo"));

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class)
                .hasMessageContaining("give the vmcoreinfo note's address").hasMessageNotContaining("--")
                .satisfies(e -> assertThat(((ContextException) e).wording().inputs())
                        .containsExactly(Given.VMCOREINFO, Given.SYSTEM_ROOT));
    }

    @Test
    void aMalformedVmcoreinfoLineFailsNamingTheFile() throws Exception {
        KernelTruthSysroot s = arm64();
        Path file = s.root().resolve("sys/kernel/vmcoreinfo");
        replace(file, "0x40a34000\n");

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).location()).isEqualTo(file.toString()))
                .hasMessageContaining("expected 'ADDRESS SIZE'");
    }

    @Test
    void kallsymsWithoutTextAndEndAsOnArm64Linux61NeedsTheSystemMap() throws Exception {
        KernelTruthSysroot s = arm64();
        replace(s.root().resolve("proc/kallsyms"), "ffff800008010000 T _stext\nffff8000082b0000 D _etext\n");

        CrashContext without = collect(s);
        CrashContext with = ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())
                .collect(s.arch());

        assertThat(without.kernelText()).isEmpty();
        assertThat(without.notices()).anySatisfy(w -> {
            assertThat(w.text()).contains("lacks _text, _end").contains("give the kernel's System.map");
            assertThat(w.wording().inputs()).containsExactly(Given.SYSTEM_MAP);
        });
        assertThat(with.kernelText()).contains(new KernelText(0xffff_8000_0800_0000L, 0x4020_0000L, 0x4c_0000L));
    }

    @Test
    void allZeroKallsymsMeansTheReaderLackedPrivilege() throws Exception {
        KernelTruthSysroot s = arm64();
        replace(s.root().resolve("proc/kallsyms"), "0000000000000000 T _text\n0000000000000000 T _stext\n");

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class).hasMessageContaining("as root");
    }

    @Test
    void aBadIomemFailsNamingTheFileAndLine() throws Exception {
        KernelTruthSysroot s = arm64();
        Path iomem = s.root().resolve("proc/iomem");
        replace(iomem, "40000000-bfffffff : System RAM\nnonsense\n");

        assertThatThrownBy(() -> collect(s)).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).location()).isEqualTo(iomem + ": line 2"));
    }

    @Test
    void anEmptyRootGivesNothingAndTheErrorSaysWhatToGive() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));

        assertThatThrownBy(() -> ContextSources.NONE.withSystemRoot(SystemRoot.of(empty)).collect(Arch.RISCV64))
                .isInstanceOf(ContextException.class).hasMessageContaining("no CPU crash notes")
                .hasMessageNotContaining("device tree lists");
        assertThat(ReservedCrashKernel.of(null, SystemRoot.of(empty))).isEmpty();
        assertThat(SystemTree.booted(SystemRoot.of(empty))).isEmpty();
        assertThat(SystemRoot.of(empty).text(RootFile.CMDLINE)).isEmpty();
    }

    @Test
    void aRootThatIsNotAFolderIsRefused() {
        assertThatThrownBy(() -> SystemRoot.of(tmp.resolve("none"))).isInstanceOf(InputException.class)
                .hasMessageContaining("no such folder or archive");
    }

    @Test
    void optionsOverTheContextFileOverTheNoteOverTheSystemRoot() throws Exception {
        KernelTruthSysroot s = arm64();
        Path file = tmp.resolve("ctx.json");
        Files.writeString(file, "{\"physOffset\":\"0x50000000\",\"pageSize\":\"0x4000\",\"vmcoreinfo\":"
                + "{\"address\":\"0x1000\",\"size\":\"0x24\"}}");
        PartialContext options = PartialContext.EMPTY.withPageSize(65536L).withEFlags(2)
                .withKernelText(Optional.empty());

        CrashContext ctx = ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())
                .withVmcoreinfoNote(s.vmcoreinfoNote()).withContextFile(file).withOptions(options).collect(s.arch());

        assertThat(ctx.pageSize()).isEqualTo(65536);               // option over file over note's 4096
        assertThat(ctx.physOffset()).isEqualTo(0x5000_0000L);      // file over note's 0x40000000
        assertThat(ctx.vmcoreinfoAddress()).isEqualTo(0x1000);     // file over the root
        assertThat(ctx.linearMapBase()).isEqualTo(0xffff_0000_0000_0000L); // note's VA_BITS 48
        assertThat(ctx.kernelText()).isEmpty();                      // option: none
        assertThat(ctx.eFlags()).isEqualTo(2);
        assertThat(ctx.cpus()).hasSize(2);                          // only the root gives CPUs
        assertThat(ctx.warnings()).isEmpty();
    }

    @Test
    void riscvVaBitsChooseTheLinearMapBase() {
        PartialContext given = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 1, 408))).withVmcoreinfo(2L, 3L)
                .withPageSize(4096L).withLinearMap(null, 0x8020_0000L);

        // PAGE_OFFSET_L3 (arch/riscv/include/asm/page.h): 0xffffffd800000000 in 6.1, 0xffffffd600000000 from
        // 6.12; an unknown release is read by the newest modelled one's rules
        assertThat(ContextSources.NONE.withOptions(given.withVaBits(39)).withKernel(KernelVersion.LINUX_6_1)
                .collect(Arch.RISCV64).linearMapBase()).isEqualTo(0xffff_ffd8_0000_0000L);
        assertThat(ContextSources.NONE.withOptions(given.withVaBits(39)).withKernel(KernelVersion.LINUX_6_12)
                .collect(Arch.RISCV64).linearMapBase()).isEqualTo(0xffff_ffd6_0000_0000L);
        assertThat(ContextSources.NONE.withOptions(given.withVaBits(39)).collect(Arch.RISCV64).linearMapBase())
                .isEqualTo(0xffff_ffd6_0000_0000L);
        assertThat(ContextSources.NONE.withOptions(given.withVaBits(48)).collect(Arch.RISCV64).linearMapBase())
                .isEqualTo(0xffff_af80_0000_0000L);
        assertThatThrownBy(() -> ContextSources.NONE.withOptions(given.withVaBits(40)).collect(Arch.RISCV64))
                .isInstanceOf(ContextException.class).hasMessageContaining("39, 48, 57");
    }

    @Test
    void x86LinearMapDefaultWarnsAboutKaslr() {
        PartialContext given = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 1, 0))).withVmcoreinfo(2L, 3L)
                .withPageSize(4096L);

        CrashContext ctx = ContextSources.NONE.withOptions(given).collect(Arch.X86_64);

        assertThat(ctx.linearMapBase()).isEqualTo(0xffff_8880_0000_0000L);
        assertThat(ctx.physOffset()).isZero();
        assertThat(ctx.cpus().get(0).size()).isEqualTo(368);
        assertThat(ctx.notices()).anySatisfy(w -> {
            assertThat(w.text()).contains("KASLR").contains("the linear map's base");
            assertThat(w.wording().inputs()).containsExactly(Given.LINEAR_MAP_BASE);
        });
    }
}
