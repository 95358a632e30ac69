package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Linux's own overlays, each applied to the base its Makefile pairs it with, through fdtoverlay and
 * through dtcore ({@link FdtoverlayReference}), for both libfdt versions:
 * <ul>
 * <li>dtc 1.6: dtcore as 1.6 against Debian's fdtoverlay (dtc 1.6.1), run every time;</li>
 * <li>dtc 1.7: dtcore as 1.7 against the kernel's own fdtoverlay (Linux 6.12's scripts/dtc, DTC
 *     1.7.0-gbcd02b52), run when the folder holds it (bench/kernel-overlays/build.py builds it as
 *     {@code fdtoverlay-linux}); otherwise against what bench/kernel-overlays/record.py recorded with
 *     it: {@code dtc-1.7/NAME.dtb} where its blob differs from dtc 1.6's, and for the names in
 *     {@code dtc-1.7/same-as-dtc-1.6.txt}, where it gave the same bytes, Debian's fdtoverlay's blob.</li>
 * </ul>
 * The committed subset (src/test/resources/org/dtcore/fdt/kernel-overlays, its README) holds pairings
 * on which the two libfdt versions give different blobs and some on which they agree; every build runs
 * it. Give {@code -Ddtcore.kernelOverlays=DIR} (build.py's output) to run all of Linux's pairings with
 * both tools live and to check the committed recordings against the kernel's tool.
 */
class KernelOverlayDifferentialTest {
    private static final Path COMMITTED = Path.of("src/test/resources/org/dtcore/fdt/kernel-overlays");
    private static final String KERNEL_TOOL = "fdtoverlay-linux";

    @TestFactory
    Stream<DynamicTest> kernelOverlaysApplyAsFdtoverlayDoes(@TempDir Path work) throws IOException {
        String given = System.getProperty("dtcore.kernelOverlays");
        Path dir = given == null || given.isBlank() ? COMMITTED : Path.of(given);
        Path kernelTool = dir.resolve(KERNEL_TOOL);
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] parts : pairings(dir)) {
            Path base = dir.resolve(parts[1]);
            List<Path> overlays = Arrays.stream(parts, 2, parts.length).map(dir::resolve).toList();
            tests.add(DynamicTest.dynamicTest(parts[0] + " (dtc 1.6: Debian's fdtoverlay)",
                    () -> FdtoverlayReference.assertSame(base, overlays, work)));
            tests.add(DynamicTest.dynamicTest(parts[0] + " (dtc 1.7: Linux's fdtoverlay)", () -> {
                FdtoverlayReference.Outcome expected = Files.isExecutable(kernelTool)
                        ? FdtoverlayReference.fdtoverlay(kernelTool.toString(), base, overlays, work)
                        : recorded(dir, parts[0], base, overlays, work);
                FdtoverlayReference.assertSame(expected, base, overlays, LibfdtVersion.DTC_1_7);
            }));
        }
        if (!dir.equals(COMMITTED) && Files.isExecutable(kernelTool)) {
            for (String[] parts : pairings(COMMITTED)) {
                tests.add(DynamicTest.dynamicTest(parts[0] + " (committed dtc 1.7 reference is Linux's fdtoverlay's)",
                        () -> {
                            Path base = COMMITTED.resolve(parts[1]);
                            List<Path> overlays = Arrays.stream(parts, 2, parts.length).map(COMMITTED::resolve)
                                    .toList();
                            FdtoverlayReference.Outcome live = FdtoverlayReference.fdtoverlay(kernelTool.toString(),
                                    base, overlays, work);
                            assertThat(live.applied()).as(live.error()).isTrue();
                            assertThat(live.blob()).isEqualTo(recorded(COMMITTED, parts[0], base, overlays, work).blob());
                        }));
            }
        }
        return tests.stream();
    }

    /** pairs.txt: per line the pairing's name, its base blob and its overlays in order. */
    private static List<String[]> pairings(Path dir) throws IOException {
        List<String[]> out = Files.readAllLines(dir.resolve("pairs.txt")).stream().filter(l -> !l.isBlank())
                .map(l -> l.trim().split("\\s+")).toList();
        assertThat(out).as("pairings in " + dir).isNotEmpty();
        return out;
    }

    /**
     * What record.py recorded of the kernel's fdtoverlay for this pairing: its blob where that differs from
     * dtc 1.6's (and then Debian's fdtoverlay must still give another blob, or the pairing no longer
     * exercises the difference), or the record that both gave the same bytes, i.e. Debian's blob.
     */
    private static FdtoverlayReference.Outcome recorded(Path dir, String name, Path base, List<Path> overlays,
                                                        Path work) throws IOException {
        Path blob = dir.resolve("dtc-1.7").resolve(name + ".dtb");
        boolean same = Files.readAllLines(dir.resolve("dtc-1.7").resolve("same-as-dtc-1.6.txt")).stream()
                .map(String::trim).anyMatch(name::equals);
        FdtoverlayReference.Outcome debian = FdtoverlayReference.fdtoverlay(FdtoverlayReference.DEBIAN_FDTOVERLAY,
                base, overlays, work);
        if (same) {
            assertThat(blob).as("recorded both as differing and as the same").doesNotExist();
            return debian;
        }
        assertThat(blob).as("no dtc 1.7 reference recorded for " + name).exists();
        FdtoverlayReference.Outcome ref = FdtoverlayReference.recorded(blob);
        assertThat(debian.blob()).as("dtc 1.6 gives the recorded dtc 1.7 blob: not a differing pairing")
                .isNotEqualTo(ref.blob());
        return ref;
    }
}
