package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dtcore.testing.ExternalTool;

/**
 * dtc's {@code fdtoverlay} (libfdt's fdt_overlay_apply) against dtcore's {@link OverlayApplier} on the
 * same base and overlays: either both apply and give the same tree — node by node, property by
 * property, in order, and byte for byte once fdtoverlay's blob is laid out by {@code dtc -I dtb -O dtb}
 * as dtcore's writer lays it out — or both refuse the same overlay with the same libfdt error name.
 */
final class FdtoverlayReference {
    private static final Pattern FAILED = Pattern.compile("Failed to apply '([^']*)': (FDT_ERR_[A-Z]+)");
    /**
     * fdtoverlay retries an fdt_overlay_apply that says FDT_ERR_NOSPACE with a larger copy of the base;
     * when the overlay itself causes it (a fixup past its property) the retry fails with this line.
     */
    private static final Pattern RETRY_FAILED = Pattern.compile("Failed to make temporary copy: (FDT_ERR_NOSPACE)");

    /** What happened: the merged blob, or the overlay refused and libfdt's error name. */
    record Outcome(byte[] blob, String refusedOverlay, String error) {
        boolean applied() {
            return blob != null;
        }
    }

    private FdtoverlayReference() {
    }

    /** Debian's fdtoverlay: dtc 1.6.1's libfdt. */
    static final String DEBIAN_FDTOVERLAY = "fdtoverlay";

    static Outcome fdtoverlay(String tool, Path base, List<Path> overlays, Path work) throws IOException {
        Path out = work.resolve("fdtoverlay-out.dtb");
        Files.deleteIfExists(out);
        List<String> cmd = new ArrayList<>(List.of(tool, "-i", base.toString(), "-o", out.toString()));
        overlays.forEach(o -> cmd.add(o.toString()));
        ExternalTool.Result r = ExternalTool.run(cmd.toArray(String[]::new));
        if (r.exitCode() == 0) {
            Path laidOut = work.resolve("fdtoverlay-dtc.dtb");
            // -f: a merged tree may hold what dtc's checks call errors (two nodes with one phandle); it is
            // only laid out again here
            ExternalTool.output("dtc", "-q", "-f", "-I", "dtb", "-O", "dtb", "-o", laidOut.toString(), out.toString());
            return new Outcome(Files.readAllBytes(laidOut), null, null);
        }
        assertThat(r.exitCode()).as("fdtoverlay crashed: " + r.stderr()).isEqualTo(1);
        Matcher m = FAILED.matcher(r.stderr());
        if (m.find()) {
            return new Outcome(null, Path.of(m.group(1)).getFileName().toString(), m.group(2));
        }
        Matcher retry = RETRY_FAILED.matcher(r.stderr());
        assertThat(retry.find()).as("fdtoverlay failed without naming a libfdt error: " + r.stderr()).isTrue();
        // it does not say which overlay; with one overlay it can only be that one
        assertThat(overlays).hasSize(1);
        return new Outcome(null, overlays.get(0).getFileName().toString(), retry.group(1));
    }

    /** fdtoverlay's blob recorded earlier (already laid out by dtc). */
    static Outcome recorded(Path blob) throws IOException {
        return new Outcome(Files.readAllBytes(blob), null, null);
    }

    static Outcome dtcore(Path base, List<Path> overlays, LibfdtVersion version) throws IOException {
        DeviceTree tree = FdtParser.read(base);
        for (Path o : overlays) {
            String name = o.getFileName().toString();
            try {
                tree = OverlayApplier.apply(tree, FdtParser.read(o), name, version);
            } catch (FdtException e) {
                assertThat(e.overlay()).contains(name);
                assertThat(e.detail()).startsWith(e.kind().libfdtName() + ": ");
                return new Outcome(null, name, e.kind().libfdtName());
            }
        }
        return new Outcome(FdtWriter.write(tree), null, null);
    }

    /** Asserts dtcore (as dtc 1.6) does what Debian's fdtoverlay does; true when the overlays applied. */
    static boolean assertSame(Path base, List<Path> overlays, Path work) throws IOException {
        return assertSame(fdtoverlay(DEBIAN_FDTOVERLAY, base, overlays, work), base, overlays, LibfdtVersion.DTC_1_6);
    }

    /** Asserts dtcore as {@code version} gives {@code expected}; true when the overlays applied. */
    static boolean assertSame(Outcome expected, Path base, List<Path> overlays, LibfdtVersion version)
            throws IOException {
        Outcome actual = dtcore(base, overlays, version);
        if (!expected.applied()) {
            assertThat(actual.applied()).as("dtcore applied what fdtoverlay refused with " + expected.error()).isFalse();
            assertThat(actual.refusedOverlay() + " " + actual.error())
                    .isEqualTo(expected.refusedOverlay() + " " + expected.error());
            return false;
        }
        assertThat(actual.applied()).as("dtcore refused " + actual.refusedOverlay() + " with " + actual.error()
                + ", fdtoverlay applied it").isTrue();
        List<String> want = TreeListing.of(FdtParser.parse(java.nio.ByteBuffer.wrap(expected.blob())));
        List<String> got = TreeListing.of(FdtParser.parse(java.nio.ByteBuffer.wrap(actual.blob())));
        assertThat(got).containsExactlyElementsOf(want);
        assertThat(actual.blob()).as("the blob, byte for byte").isEqualTo(expected.blob());
        return true;
    }
}
