package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.memory.ScanOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded case of ../shared/kernel-truth that has a capture.dtb (folders are enumerated, so cases
 * added later are checked too): reading that tree as the capture kernel reads it gives the RAM the
 * capture kernel really used, the "System RAM" lines of its own /proc/iomem (capture-iomem.txt). The
 * architecture is the machine field of the case's uname.txt. System RAM is memblock's memory minus its
 * NOMAP regions (no-map reserved memory is not System RAM on arm64, riscv or powerpc), so no-map regions
 * are taken out of dtcore's RAM before comparing; touching lines are compared merged.
 */
class CaptureIomemTruthTest {
    private static final Path TRUTH = Path.of("..", "shared", "kernel-truth");
    private static final Pattern RAM_LINE = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) : System RAM$");

    static Stream<Path> cases() throws IOException {
        try (Stream<Path> dirs = Files.list(TRUTH)) {
            List<Path> out = dirs.filter(d -> Files.isRegularFile(d.resolve("capture.dtb"))).sorted().toList();
            assertThat(out).as("kernel-truth cases with a capture.dtb").isNotEmpty();
            return out.stream();
        }
    }

    /** uname -a: "... aarch64 GNU/Linux": the word before the operating system is the machine. */
    static Arch arch(Path dir) throws IOException {
        String[] words = Files.readString(dir.resolve("uname.txt")).trim().split("\\s+");
        return Arch.parse(words[words.length - 2]);
    }

    /** Top-level "System RAM" lines (inclusive ends), touching ones joined; read here, not by dtcore. */
    static List<MemoryRange> captureSystemRam(Path dir) throws IOException {
        List<MemoryRange> out = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("capture-iomem.txt"))) {
            Matcher m = RAM_LINE.matcher(line);
            if (m.matches()) {
                long s = Long.parseUnsignedLong(m.group(1), 16);
                long e = Long.parseUnsignedLong(m.group(2), 16);
                MemoryRange last = out.isEmpty() ? null : out.get(out.size() - 1);
                if (last != null && last.end() + 1 == s) {
                    out.set(out.size() - 1, new MemoryRange(last.start(), e));
                } else {
                    out.add(new MemoryRange(s, e));
                }
            }
        }
        assertThat(out).as(dir + "/capture-iomem.txt System RAM").isNotEmpty();
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void libraryReadsTheCaptureTreeAsTheCaptureKernelDid(Path dir) throws IOException {
        MemoryMap map = MemoryScan.scan(FdtParser.read(dir.resolve("capture.dtb")), ScanOptions.forArch(arch(dir)));
        List<MemoryRange> noMap = map.reserved().stream().filter(ReservedRegion::noMap).map(ReservedRegion::range)
                .toList();
        assertThat(org.dtcore.memory.Ranges.subtract(map.memory(), noMap)).isEqualTo(captureSystemRam(dir));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chunksCommandGivesTheSameRam(Path dir) throws IOException {
        CliRun run = CliRun.of("chunks", "--arch", arch(dir).cliName(), "--format", "json",
                dir.resolve("capture.dtb").toString());
        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        List<MemoryRange> ram = new ArrayList<>();
        json.get("memory").forEach(r -> ram.add(range(r)));
        List<MemoryRange> noMap = new ArrayList<>();
        json.get("reserved").forEach(r -> {
            if (r.get("noMap").asBoolean()) {
                noMap.add(range(r));
            }
        });
        assertThat(org.dtcore.memory.Ranges.subtract(ram, noMap)).isEqualTo(captureSystemRam(dir));
    }

    private static MemoryRange range(JsonNode r) {
        return new MemoryRange(Long.parseUnsignedLong(r.get("start").asText().substring(2), 16),
                Long.parseUnsignedLong(r.get("end").asText().substring(2), 16));
    }
}
