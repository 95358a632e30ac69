package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.PartialContext;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.KexecToolsSysroot;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header pipeline called from Java, without the CLI: the same bytes and the one precedence. */
class HeaderPipelineTest {
    @TempDir
    Path tmp;

    private static ContextSources root(KernelTruthSysroot s) {
        return ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap());
    }

    @Test
    void aSystemRootGivesTheRecordedKernelsBytes() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);

        HeaderResult r = HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(Arch.ARM64, root(s))));

        assertThat(r.header().bytes()).isEqualTo(s.expectedSegment());
        assertThat(r.kernel()).isEqualTo(new KernelVersion(6, 1, "6.1.192-kt")); // proc/sys/kernel/osrelease
        assertThat(r.mode()).isEqualTo(LoaderMode.KERNEL);
    }

    @Test
    void kexecToolsOwnRulesHaveNoKernelCrashMemoryOrContextAndSaySoWithoutNulls() {
        KexecToolsSysroot sys = KexecToolsSysroot.build("arm64-virt-2g-kexec-tools", tmp);
        KdumpInputs in = KdumpInputs.of(sys.arch(), ContextSources.NONE.withSystemRoot(SystemRoot.of(sys.root())));

        HeaderResult own = HeaderPipeline.build(HeaderRequest.kernel(in).withMode(LoaderMode.KEXEC_TOOLS));
        HeaderResult kernel = HeaderPipeline.build(HeaderRequest.kernel(in));

        // SPEC §9 kexec-tools mode: with a system root kexec-tools' own ranges replace the kernel's crash memory
        assertThat(own.mode()).isEqualTo(LoaderMode.KEXEC_TOOLS);
        assertThat(own.crash()).isEmpty();
        assertThat(own.context()).isEmpty();
        assertThat(kernel.crash()).isPresent();
        assertThat(kernel.context()).isPresent();
    }

    /** Precedence: the crash kernel given wins over the system root's, which wins over the tree's. */
    @Test
    void crashKernelGivenBeatsTheSystemRootsWhichBeatsTheTrees() throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        MemoryRange given = new MemoryRange(0x6000_0000L, 0x6fff_ffffL);
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, root(s));

        // iomem.txt's "Crash kernel" line (README: ada00000-bd9fffff)
        assertThat(HeaderPipeline.build(HeaderRequest.kernel(in)).crash().orElseThrow().crashKernels())
                .containsExactly(new MemoryRange(0xada0_0000L, 0xbd9f_ffffL));
        assertThat(HeaderPipeline.build(HeaderRequest.kernel(in.withCrashKernels(List.of(given)))).crash().orElseThrow()
                .crashKernels()).containsExactly(given);
        // without the iomem line, nothing is left but the tree, whose crashkernel= has no offset: none
        Files.writeString(s.root().resolve("proc/iomem"), Files.readString(s.root().resolve("proc/iomem"))
                .replace("Crash kernel", "Reserved"));
        HeaderResult none = HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(Arch.ARM64, root(s))));
        assertThat(none.crash().orElseThrow().crashKernels()).isEmpty();
        assertThat(none.warnings()).anySatisfy(w -> assertThat(w).contains("no crash kernel region"));
    }

    /** Precedence of the release: given > osrelease > vmcoreinfo OSRELEASE > newest, with a warning. */
    @Test
    void kernelReleaseComesFromTheFirstSourceThatSaysIt() throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, root(s));
        assertThat(HeaderPipeline.build(HeaderRequest.kernel(in.withKernelRelease("6.12"))).kernel())
                .isEqualTo(new KernelVersion(6, 12, "6.12"));

        Files.delete(s.root().resolve(RootFile.OSRELEASE.path()));
        KdumpInputs withNote = new KdumpInputs(Arch.ARM64, null, root(s).withVmcoreinfoNote(s.vmcoreinfoNote()),
                List.of(), null, null);
        assertThat(HeaderPipeline.build(HeaderRequest.kernel(withNote)).kernel().release()).isEqualTo("6.1.192-kt");

        HeaderResult unknown = HeaderPipeline.build(HeaderRequest.kernel(in));
        assertThat(unknown.kernel()).isEqualTo(KernelVersion.NEWEST);
        assertThat(unknown.warnings()).anySatisfy(w -> assertThat(w).contains("kernel release unknown"));
    }

    /** riscv64 on 6.1: the load address given wins over the root's lowest System RAM (0x80200000 here). */
    @Test
    void riscvLoadAddressGivenBeatsTheSystemRoots() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.RISCV64, tmp);
        KdumpInputs in = KdumpInputs.of(Arch.RISCV64, root(s));
        long fromIomem = 0x8020_0000L; // iomem.txt's first System RAM line (README)
        assertThat(HeaderPipeline.build(HeaderRequest.kernel(in)).crash().orElseThrow().ranges().get(0).start()).isEqualTo(fromIomem);

        long given = 0x8040_0000L;
        KdumpInputs withLoad = in.withScan(org.dtcore.memory.ScanOptions.forArch(Arch.RISCV64).withKernelLoadAddress(given));
        assertThat(HeaderPipeline.build(HeaderRequest.kernel(withLoad)).crash().orElseThrow().ranges().get(0).start()).isEqualTo(given);
    }

    @Test
    void aReleaseBetweenTheModelledOnesGetsTheOlderRulesAndAWarning() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        HeaderResult r = HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(Arch.ARM64, root(s))
                .withKernelRelease("6.6.30")));
        assertThat(r.kernel().modelled()).isEqualTo(KernelVersion.LINUX_6_1);
        assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("Linux 6.6.30 is not modelled"));
    }

    /** A map without RAM (reg sizes 0, filled in later by the boot loader) is no dump. */
    @Test
    void aTreeWithoutRamIsRefused() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "noram", "/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x0>; };\n};\n");
        PartialContext ctx = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x1000, 424)))
                .withVmcoreinfo(0x2000L, 0x1024L);
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withOptions(ctx)).withFile(dtb);

        assertThatThrownBy(() -> HeaderPipeline.build(HeaderRequest.kernel(in))).isInstanceOf(KdumpException.class)
                .satisfies(e -> assertThat(((KdumpException) e).kind()).isEqualTo(KdumpException.Kind.NO_RAM))
                .hasMessageContaining("no RAM").hasMessageContaining("size 0").hasMessageContaining("refusing");
        // the map itself says why, for chunks and map too
        assertThat(org.dtcore.memory.MemoryScan.scan(org.dtcore.fdt.FdtParser.read(dtb)).warnings())
                .anySatisfy(w -> assertThat(w).startsWith("no RAM: every memory reg tuple has size 0")
                        .contains("boot loader"));
    }

    @Test
    void aTreeWithoutMemoryNodesSaysSo() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "nomem", "/ { #address-cells = <2>; #size-cells = <2>; chosen { }; };\n");
        assertThat(org.dtcore.memory.MemoryScan.scan(org.dtcore.fdt.FdtParser.read(dtb)).warnings())
                .anySatisfy(w -> assertThat(w).contains("no RAM: the tree has no memory node"));
    }

    @Test
    void noMemorySourceSaysWhatToGive() {
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, ContextSources.NONE);
        assertThatThrownBy(() -> HeaderPipeline.build(HeaderRequest.kernel(in))).isInstanceOf(KdumpException.class)
                .satisfies(e -> assertThat(((KdumpException) e).kind()).isEqualTo(KdumpException.Kind.NO_MEMORY_SOURCE));
    }

    /** x86_64 reads /proc/iomem even when the root has no tree (SPEC §8). */
    @Test
    void x86TakesItsMemoryFromTheRootsIomem() {
        Path caseDir = KernelTruthSysroot.TRUTH.resolve("x86_64-pc-2g");
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        HeaderResult r = HeaderPipeline.build(HeaderRequest.kernel(KdumpInputs.of(Arch.X86_64, root(s))));
        assertThat(r.header().bytes()).isEqualTo(s.expectedSegment());
        assertThat(CoreHeaderReader.read(r.header().bytes()).programHeaders()).filteredOn(p -> p.type() == ProgramHeader.PT_LOAD)
                .extracting(ProgramHeader::paddr).doesNotContain(0x1000L); // the first MiB is cut
    }
}
