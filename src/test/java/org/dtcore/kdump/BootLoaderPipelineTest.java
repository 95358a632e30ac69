package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.dtcore.context.ContextSources;
import org.dtcore.input.SystemRoot;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.RegEntry;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The header and capture pipelines from Java on the tree as the boot loader leaves it
 * ({@link KdumpInputs#withBootLoader}): the recorded arm64 system root's tree with other RAM banks, and
 * the Raspberry Pi 4 sample with its banks and overlay given as FILE.
 */
class BootLoaderPipelineTest {
    @TempDir
    Path tmp;

    private static final BootLoaderView ONE_GIB = BootLoaderView.NONE.withMemoryBank(0x4000_0000L, 0x4000_0000L);

    @Test
    void headerCoversTheBanksGivenInsteadOfTheTreesRam() {
        KernelTruthSysroot s = KernelTruthSysroot.build(KernelTruthSysroot.ARM64, tmp);
        KdumpInputs in = KdumpInputs.of(Arch.ARM64,
                ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap()));

        HeaderResult plain = HeaderPipeline.build(HeaderRequest.kernel(in));
        HeaderResult booted = HeaderPipeline.build(HeaderRequest.kernel(in.withBootLoader(ONE_GIB)));

        // the recorded board has RAM above 0x7fffffff (its crash kernel is at 0xada00000); with one bank
        // 0x40000000+1G, SPEC §8's ranges lie in that bank
        assertThat(plain.crash().orElseThrow().ranges())
                .anySatisfy(r -> assertThat(Long.compareUnsigned(r.end(), 0x7fff_ffffL)).isPositive());
        assertThat(booted.crash().orElseThrow().ranges()).isNotEmpty().allSatisfy(r -> {
            assertThat(Long.compareUnsigned(r.start(), 0x4000_0000L)).isNotNegative();
            assertThat(Long.compareUnsigned(r.end(), 0x7fff_ffffL)).isNotPositive();
        });
        assertThat(booted.warnings()).anySatisfy(w -> assertThat(w).contains("RAM banks 0x40000000+0x40000000 come from"
                + " the caller, not from the tree"));
    }

    @Test
    void captureTreeCarriesTheBanksAndTheOverlay() throws IOException {
        Path pi = Path.of("fdt-samples/boot-loader/bcm2711-rpi-4-b.dtb");
        BootLoaderView view = BootLoaderView.NONE.withMemoryBank(0, 0x3b40_0000L).withMemoryBank(0x4000_0000L, 0xbc00_0000L)
                .withOverlay(Path.of("fdt-samples/boot-loader/rpi4-ramoops.dtbo"));
        KdumpInputs in = new KdumpInputs(Arch.ARM64, pi, ContextSources.NONE, java.util.List.of(
                new MemoryRange(0x2000_0000L, 0x2fff_ffffL)), null, "6.12", view);

        CaptureResult r = CapturePipeline.build(CaptureDtbRequest.of(in, 0x2ff0_0000L).withElfCoreHeaderSize(0x1000));

        assertThat(r.tree().node("/memory@0").orElseThrow().property("reg").orElseThrow().asReg(2, 1))
                .containsExactly(new RegEntry(0, 0x3b40_0000L), new RegEntry(0x4000_0000L, 0xbc00_0000L));
        assertThat(r.tree().node("/reserved-memory/ramoops@3b300000")).isPresent();
        assertThat(FdtParser.read(pi).node("/memory@0").orElseThrow().property("reg").orElseThrow().bytes())
                .as("the sample itself is unchanged").isEqualTo(new byte[12]);
    }

    @Test
    void x86IomemHasNoTreeToEdit() {
        assertThatThrownBy(() -> HeaderPipeline.build(HeaderRequest.kernel(new KdumpInputs(Arch.X86_64, null,
                ContextSources.NONE, java.util.List.of(), null, "6.12", ONE_GIB))))
                .isInstanceOf(KdumpException.class)
                .hasMessageContaining("memory banks and overlays need a device tree");
    }
}
