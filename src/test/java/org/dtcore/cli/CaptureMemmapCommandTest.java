package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code dtcore capture-memmap}: for every recorded case with a capture-memmap.txt the table is that file's
 * lines (the capture kernel's /sys/firmware/memmap) and then the command-line words; the JSON carries the
 * same; bad requests are one line and exit 2.
 */
class CaptureMemmapCommandTest {
    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> Files.exists(d.resolve("capture-memmap.txt")));
    }

    private static List<String> args(KernelTruthSysroot s, String... more) {
        List<String> a = new ArrayList<>(List.of("capture-memmap", "--arch", "x86_64", "--sysroot",
                s.root().toString()));
        if (s.kexecTools()) {
            a.addAll(List.of("--mode", "kexec-tools"));
        }
        a.addAll(List.of(more));
        return a;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTableIsTheCaptureKernelsMemmap(Path dir) throws Exception {
        KernelTruthSysroot s = KernelTruthSysroot.build(dir, tmp);
        List<String> expected = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("capture-memmap.txt"))) {
            if (!line.isBlank()) {
                expected.add(line.trim().replaceAll("\\s+", " "));
            }
        }

        CliRun r = CliRun.of(args(s, "--quiet").toArray(String[]::new));

        assertThat(r.status()).as(r.err()).isZero();
        List<String> out = r.out().lines().toList();
        assertThat(out.subList(0, out.size() - 1)).containsExactlyElementsOf(expected);
        String elfcorehdr = Stream.of(s.captureCmdline().split("\\s+")).filter(w -> w.startsWith("elfcorehdr="))
                .findFirst().orElseThrow();
        assertThat(out.get(out.size() - 1)).startsWith("command line: ").contains(elfcorehdr);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void jsonCarriesTheMapTheBootParametersAndTheWords(Path dir) throws Exception {
        KernelTruthSysroot s = KernelTruthSysroot.build(dir, tmp);

        CliRun r = CliRun.of(args(s, "--format", "json", "--quiet").toArray(String[]::new));

        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("map")).hasSize((int) Files.readAllLines(dir.resolve("capture-memmap.txt")).stream()
                .filter(l -> !l.isBlank()).count());
        assertThat(j.get("map").get(0).get("start").asText()).startsWith("0x");
        assertThat(j.get("mode").asText()).isEqualTo(s.kexecTools() ? "kexec-tools" : "kernel");
        assertThat(j.get("kernelVersion").asText()).isEqualTo(s.release());
        assertThat(j.get("commandLine").get(0).asText()).isNotEmpty();
        assertThat(j.get("bootParams").size()).isGreaterThanOrEqualTo(j.get("map").size());
    }

    @Test
    void onlyX86CaptureKernelsGetAnE820Map() {
        CliRun r = CliRun.of("capture-memmap", "--arch", "arm64", "--crashkernel", "0x60000000-0x6fffffff",
                "fdt-samples/qemu-arm64-virt-2g.dtb");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("x86_64").contains("capture-dtb").doesNotContain("Exception");
    }

    @Test
    void kexecToolsOptionsNeedKexecToolsMode() {
        CliRun r = CliRun.of("capture-memmap", "--arch", "x86_64", "--pass-memmap-cmdline", "x");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--mode kexec-tools");
    }

    @Test
    void withoutACrashKernelItSaysWhatToGive() throws Exception {
        Path iomem = tmp.resolve("iomem");
        Files.writeString(iomem, "00001000-0009fbff : System RAM\n00100000-7fffffff : System RAM\n");

        CliRun r = CliRun.of("capture-memmap", "--arch", "x86_64", iomem.toString(), "--kernel-version", "6.12");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).contains("--crashkernel");
    }
}
