package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.capture.CaptureTruthCase;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CrashContext;
import org.dtcore.input.SystemRoot;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capture and context pipelines called from Java, with the precedence header uses. */
class CapturePipelineTest {
    @TempDir
    Path tmp;

    @Test
    void aSystemRootGivesTheRecordedCaptureTree() throws Exception {
        CaptureTruthCase c = CaptureTruthCase.of(KernelTruthSysroot.ARM64, Arch.ARM64);
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        var r = c.request();
        CaptureDtbRequest req = CaptureDtbRequest.of(KdumpInputs.of(Arch.ARM64,
                        ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())),
                r.elfCoreHeader().start()).withInitrd(r.initrd().orElseThrow()).withBootargs(r.bootargs().orElseThrow());

        CaptureResult result = CapturePipeline.build(req);

        assertThat(result.headerSize()).isEqualTo(r.elfCoreHeader().size()); // elfcorehdr-addr.txt's size
        assertThat(org.dtcore.fdt.FdtWriter.write(result.tree())).isEqualTo(
                org.dtcore.fdt.FdtWriter.write(FdtParser.read(c.capture())));
    }

    /** capture-dtb takes the system root's crash kernel over the tree's, as header does. */
    @Test
    void theSystemRootsCrashKernelBeatsTheTreesAndAGivenOneBeatsBoth() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        KdumpInputs in = KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root()))
                .withSystemMap(s.systemMap()));
        CaptureResult fromRoot = CapturePipeline.build(CaptureDtbRequest.of(in, 0xbd9f_0000L));
        assertThat(fromRoot.tree().node("/chosen").orElseThrow().property("linux,usable-memory-range").orElseThrow()
                .bytes()).hasSize(16);
        MemoryRange given = new MemoryRange(0x6000_0000L, 0x6fff_ffffL);
        CaptureResult fromOption = CapturePipeline.build(CaptureDtbRequest.of(in.withCrashKernels(List.of(given)),
                0x6fff_0000L));
        long start = fromOption.tree().node("/chosen").orElseThrow().property("linux,usable-memory-range")
                .orElseThrow().buffer().getLong(0);
        assertThat(start).isEqualTo(0x6000_0000L);
    }

    @Test
    void contextPipelineReadsTheSameSources() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        CrashContext ctx = ContextPipeline.collect(KdumpInputs.of(Arch.ARM64,
                ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap())));
        // README: kernel text PT_LOAD at physical 0x40200000 on 6.1, whose "Kernel code" starts at _stext
        assertThat(ctx.kernelText().orElseThrow().paddr()).isEqualTo(0x4020_0000L);
        assertThat(ctx.cpus()).hasSize(2);
        assertThat(ctx.warnings()).noneSatisfy(w -> assertThat(w).contains("kernel release"));

        // a context without a system root cannot tell the release: said first
        CrashContext bare = ContextPipeline.collect(KdumpInputs.of(Arch.ARM64, ContextSources.NONE
                .withOptions(org.dtcore.context.PartialContext.EMPTY.withCpus(ctx.cpus())
                        .withVmcoreinfo(ctx.vmcoreinfoAddress(), ctx.vmcoreinfoSize())
                        .withLinearMap(null, ctx.physOffset()))));
        assertThat(bare.warnings().get(0)).contains("kernel release unknown");
    }
}
