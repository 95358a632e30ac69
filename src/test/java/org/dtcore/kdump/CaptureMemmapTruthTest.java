package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.context.ContextSources;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §11 against real kdumps: every recorded case with a capture-memmap.txt (x86_64; the capture kernel's
 * /sys/firmware/memmap) — the map dtcore works out from the first kernel's system root must be that file,
 * entry for entry, by the loader that made it (kexec-tools where the case has a kexec-load.log) and the
 * release uname.txt names; the command line must carry the capture kernel's elfcorehdr= word.
 */
class CaptureMemmapTruthTest {
    private static final Pattern LOGGED = Pattern.compile("Created (backup|elf header) segment at 0x([0-9a-f]+)");

    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> Files.exists(d.resolve("capture-memmap.txt")));
    }

    private static CaptureMemmapResult build(KernelTruthSysroot s) {
        KdumpInputs in = KdumpInputs.of(Arch.X86_64, ContextSources.NONE.withSystemRoot(SystemRoot.of(s.root())));
        return CaptureMemmapPipeline.build(CaptureMemmapRequest.of(in)
                .withMode(s.kexecTools() ? LoaderMode.KEXEC_TOOLS : LoaderMode.KERNEL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theMapIsTheCaptureKernelsFirmwareMap(Path dir) {
        KernelTruthSysroot s = KernelTruthSysroot.build(dir, tmp);
        List<String> expected = new ArrayList<>();
        for (String[] f : s.captureMemmap()) {
            expected.add(Long.parseUnsignedLong(f[0].substring(2), 16) + " " + Long.parseUnsignedLong(f[1].substring(2), 16)
                    + " " + f[2]);
        }

        List<String> built = build(s).memmap().map().stream()
                .map(e -> e.range().start() + " " + e.range().end() + " " + e.type().text()).toList();

        assertThat(built).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theCommandLineCarriesTheCaptureKernelsElfcorehdr(Path dir) {
        KernelTruthSysroot s = KernelTruthSysroot.build(dir, tmp);
        List<String> recorded = Arrays.stream(s.captureCmdline().split("\\s+"))
                .filter(w -> w.startsWith("elfcorehdr=")).toList();

        assertThat(recorded).hasSize(1);
        assertThat(build(s).memmap().commandLine()).contains(recorded.get(0));
    }

    /** kexec -d printed where add_buffer() put the backup and header segments: dtcore places them the same. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kexecToolsPlacesItsSegmentsWhereTheLogSays(Path dir) throws IOException {
        KernelTruthSysroot s = KernelTruthSysroot.build(dir, tmp);
        if (!s.kexecTools()) {
            return; // the kernel's header is at the crash kernel's start: the elfcorehdr= test checks it
        }
        Matcher m = LOGGED.matcher(Files.readString(dir.resolve("kexec-load.log")));
        long elf = -1;
        while (m.find()) {
            if (m.group(1).equals("elf header")) {
                elf = Long.parseUnsignedLong(m.group(2), 16);
            }
        }

        assertThat(build(s).memmap().elfCoreHeader()).isEqualTo(elf);
    }
}
