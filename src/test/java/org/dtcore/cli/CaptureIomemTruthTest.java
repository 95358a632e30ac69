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
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every recorded case of ../shared/kernel-truth that has a capture.dtb (folders are enumerated, so cases
 * added later are checked too): reading that tree as the capture kernel reads it gives the RAM the
 * capture kernel really used, the "System RAM" lines of its own /proc/iomem (capture-iomem.txt). The
 * architecture is the machine field of the case's uname.txt. System RAM is memblock's memory minus its
 * NOMAP regions (no-map reserved memory is not System RAM on arm64, riscv or powerpc), so no-map regions
 * are taken out of dtcore's RAM before comparing, by the small subtraction written here (not dtcore's range
 * algebra, which is under test); touching lines are compared merged.
 */
class CaptureIomemTruthTest {
    private static final Pattern RAM_LINE = Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) : System RAM$");

    static Stream<Path> cases() {
        List<Path> out = KernelTruthSysroot.caseDirs().stream().filter(d -> Files.isRegularFile(d.resolve("capture.dtb")))
                .toList();
        assertThat(out).as("kernel-truth cases with a capture.dtb").isNotEmpty();
        return out.stream();
    }

    /** Top-level "System RAM" lines (inclusive ends), touching ones joined; read here, not by dtcore. */
    static List<MemoryRange> captureSystemRam(Path dir) throws IOException {
        List<long[]> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("capture-iomem.txt"))) {
            Matcher m = RAM_LINE.matcher(line);
            if (m.matches()) {
                lines.add(new long[] {Long.parseUnsignedLong(m.group(1), 16), Long.parseUnsignedLong(m.group(2), 16)});
            }
        }
        assertThat(lines).as(dir + "/capture-iomem.txt System RAM").isNotEmpty();
        return merged(lines);
    }

    /** The addresses of {@code ram} in none of {@code holes}, merged: each hole cuts every piece it overlaps. */
    static List<MemoryRange> minus(List<MemoryRange> ram, List<MemoryRange> holes) {
        List<long[]> pieces = new ArrayList<>();
        ram.forEach(r -> pieces.add(new long[] {r.start(), r.end()}));
        for (MemoryRange h : holes) {
            List<long[]> left = new ArrayList<>();
            for (long[] p : pieces) {
                if (Long.compareUnsigned(h.end(), p[0]) < 0 || Long.compareUnsigned(h.start(), p[1]) > 0) {
                    left.add(p);
                    continue;
                }
                if (Long.compareUnsigned(h.start(), p[0]) > 0) {
                    left.add(new long[] {p[0], h.start() - 1});
                }
                if (Long.compareUnsigned(h.end(), p[1]) < 0) {
                    left.add(new long[] {h.end() + 1, p[1]});
                }
            }
            pieces.clear();
            pieces.addAll(left);
        }
        return merged(pieces);
    }

    /** Sorted by start, overlapping or touching pieces joined (inclusive ends, unsigned). */
    private static List<MemoryRange> merged(List<long[]> pieces) {
        List<long[]> sorted = new ArrayList<>(pieces);
        sorted.sort((a, b) -> Long.compareUnsigned(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] p : sorted) {
            long[] last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last[1] != -1L && Long.compareUnsigned(p[0], last[1] + 1) <= 0) {
                if (Long.compareUnsigned(p[1], last[1]) > 0) {
                    last[1] = p[1];
                }
            } else {
                out.add(new long[] {p[0], p[1]});
            }
        }
        return out.stream().map(p -> new MemoryRange(p[0], p[1])).toList();
    }

    @Test
    void theSubtractionHereGivesWhatIsWorkedOutByHand() {
        MemoryRange ram = new MemoryRange(0x1000, 0x8fff);
        // a hole inside splits, one over the start trims, and touching pieces are joined
        assertThat(minus(List.of(ram, new MemoryRange(0x9000, 0x9fff)),
                List.of(new MemoryRange(0x3000, 0x3fff), new MemoryRange(0x0, 0x17ff))))
                .containsExactly(new MemoryRange(0x1800, 0x2fff), new MemoryRange(0x4000, 0x9fff));
        assertThat(minus(List.of(ram), List.of(ram))).isEmpty();
        assertThat(minus(List.of(new MemoryRange(0, -1L)), List.of(new MemoryRange(1, -2L))))
                .containsExactly(new MemoryRange(0, 0), new MemoryRange(-1L, -1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void libraryReadsTheCaptureTreeAsTheCaptureKernelDid(Path dir) throws IOException {
        MemoryMap map = MemoryScan.scan(FdtParser.read(dir.resolve("capture.dtb")),
                ScanOptions.forArch(KernelTruthSysroot.archOf(dir)));
        List<MemoryRange> noMap = map.reserved().stream().filter(ReservedRegion::noMap).map(ReservedRegion::range)
                .toList();
        assertThat(minus(map.memory(), noMap)).isEqualTo(captureSystemRam(dir));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void chunksCommandGivesTheSameRam(Path dir) throws IOException {
        CliRun run = CliRun.of("chunks", "--arch", KernelTruthSysroot.archOf(dir).cliName(), "--format", "json",
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
        assertThat(minus(ram, noMap)).isEqualTo(captureSystemRam(dir));
    }

    private static MemoryRange range(JsonNode r) {
        return new MemoryRange(Long.parseUnsignedLong(r.get("start").asText().substring(2), 16),
                Long.parseUnsignedLong(r.get("end").asText().substring(2), 16));
    }
}
