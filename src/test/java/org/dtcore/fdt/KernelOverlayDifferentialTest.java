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
 * through dtcore ({@link FdtoverlayReference}), for both libfdt versions: dtcore as dtc 1.6 against
 * Debian's fdtoverlay (1.6.1), and dtcore as dtc 1.7 against the kernel's own fdtoverlay (Linux 6.12's
 * scripts/dtc, libfdt 1.7). The inputs are built from a kernel source tree by
 * bench/kernel-overlays/build.py, which also builds the kernel's fdtoverlay; a few pairings (compiled
 * from Linux 6.12) are committed under src/test/resources/org/dtcore/fdt/kernel-overlays with the
 * kernel fdtoverlay's output for each (dtc-1.7/NAME.dtb, laid out by dtc -I dtb -O dtb) and run in
 * every build. Give {@code -Ddtcore.kernelOverlays=DIR} (build.py's output) to run all of them.
 */
class KernelOverlayDifferentialTest {
    private static final Path COMMITTED = Path.of("src/test/resources/org/dtcore/fdt/kernel-overlays");

    @TestFactory
    Stream<DynamicTest> kernelOverlaysApplyAsFdtoverlayDoes(@TempDir Path work) throws IOException {
        String given = System.getProperty("dtcore.kernelOverlays");
        Path dir = given == null || given.isBlank() ? COMMITTED : Path.of(given);
        List<String> lines = Files.readAllLines(dir.resolve("pairs.txt")).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).as("pairings in " + dir).isNotEmpty();
        Path kernelTool = dir.resolve("fdtoverlay-linux");
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+");
            Path base = dir.resolve(parts[1]);
            List<Path> overlays = Arrays.stream(parts, 2, parts.length).map(dir::resolve).toList();
            tests.add(DynamicTest.dynamicTest(parts[0] + " (dtc 1.6: Debian's fdtoverlay)",
                    () -> FdtoverlayReference.assertSame(base, overlays, work)));
            tests.add(DynamicTest.dynamicTest(parts[0] + " (dtc 1.7: Linux's fdtoverlay)", () -> {
                Path recorded = dir.resolve("dtc-1.7").resolve(parts[0] + ".dtb");
                FdtoverlayReference.Outcome expected = Files.isExecutable(kernelTool)
                        ? FdtoverlayReference.fdtoverlay(kernelTool.toString(), base, overlays, work)
                        : FdtoverlayReference.recorded(recorded);
                FdtoverlayReference.assertSame(expected, base, overlays, LibfdtVersion.DTC_1_7);
            }));
        }
        return tests.stream();
    }
}
