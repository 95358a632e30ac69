package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.dtcore.context.ContextSources;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.RecordedPhdrs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §8 against real kernels: from a system root rebuilt from each kernel-built case (its booted tree,
 * /proc/iomem, command line and release; nothing of the answer), the crash memory dtcore derives is the RAM
 * the kernel put in its header, PT_LOAD for PT_LOAD (elfcorehdr-phdrs.txt). The elf tests take these
 * ranges from the answer to check the encoder alone; this is where finding them is checked on its own.
 */
class KernelTruthRangesTest {
    @TempDir
    Path tmp;

    static Stream<Path> kernelCases() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> !d.resolve("kexec-load.log").toFile().exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelCases")
    void theRangesFoundFromTheInputsAreTheKernelsRamLoads(Path caseDir) {
        KernelTruthSysroot s = KernelTruthSysroot.build(caseDir, tmp);
        KdumpInputs in = KdumpInputs.of(s.arch(),
                ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())).withSystemMap(s.systemMap()));

        List<MemoryRange> found = HeaderPipeline.build(HeaderRequest.kernel(in)).crash().orElseThrow().ranges();

        assertThat(found).isEqualTo(RecordedPhdrs.of(caseDir).ramLoads(s.kernelMap()));
    }
}
