package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.FdtLimits;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.fdt.LibfdtVersion;
import org.dtcore.fdt.OverlayApplier;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * An overlay blob applied to a real board (Linux 6.12's mt7986a-bananapi-bpi-r3, built with
 * {@code dtc -@} so its __symbols__ resolve fixups) and to a small board without symbols, under dtc
 * 1.6's and 1.7's rules; each merged
 * tree is then written, read back and scanned for memory. Contract (STYLE "never throw anything but
 * our own exceptions"): a {@link DtcoreException} is an answer; any other throwable is a finding. So is
 * a merged tree that its own blob cannot be read back from under the reader's limits
 * ({@link FdtLimits#DEFAULT}: the applier must refuse before building it), and an application that takes
 * more than {@link #FIXED_NANOS} plus {@link #NANOS_PER_BYTE} per input byte (a cost that grows faster
 * than the input; the bound is loose so that a garbage collection is not a finding).
 *
 * <p>Without JAZZER_FUZZ this replays {@code OverlayFuzzTestInputs/overlayBlob/}; see docs/fuzzing.md.
 */
class OverlayFuzzTest {
    static final long FIXED_NANOS = 1_000_000_000L;
    static final long NANOS_PER_BYTE = 100_000L;

    private static final DeviceTree[] BASES = {
        read("src/test/resources/org/dtcore/fdt/kernel-overlays/arm64/boot/dts/mediatek/mt7986a-bananapi-bpi-r3.dtb"),
        read("fdt-samples/cells-1-1.dtb"),
    };

    private static DeviceTree read(String path) {
        try {
            return FdtParser.read(Path.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "10m")
    void overlayBlob(byte[] input) {
        DeviceTree overlay;
        try {
            overlay = FdtParser.parse(ByteBuffer.wrap(input));
        } catch (DtcoreException expected) {
            return;
        }
        for (DeviceTree base : BASES) {
            for (LibfdtVersion version : LibfdtVersion.values()) {
                DeviceTree merged;
                long start = System.nanoTime();
                try {
                    merged = OverlayApplier.apply(base, overlay, "fuzz.dtbo", version);
                } catch (DtcoreException expected) {
                    continue; // a refused overlay is an answer
                } finally {
                    long took = System.nanoTime() - start;
                    if (took > FIXED_NANOS + NANOS_PER_BYTE * input.length) {
                        throw new AssertionError("applying a " + input.length + "-byte overlay took " + took / 1_000_000
                                + " ms");
                    }
                }
                DeviceTree again;
                try {
                    again = FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(merged)), FdtLimits.DEFAULT);
                } catch (FdtException e) {
                    throw new AssertionError("the applier built a tree whose blob the reader refuses: "
                            + e.getMessage(), e);
                }
                try {
                    MemoryScan.scan(again, ScanOptions.DEFAULT);
                } catch (DtcoreException expected) {
                    // a merged tree without a usable memory map is an answer
                }
            }
        }
    }
}
