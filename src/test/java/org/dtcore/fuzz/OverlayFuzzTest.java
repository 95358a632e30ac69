package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTree;
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
 * our own exceptions"): a {@link DtcoreException} is an answer; any other throwable is a finding.
 *
 * <p>Without JAZZER_FUZZ this replays {@code OverlayFuzzTestInputs/overlayBlob/}; see docs/fuzzing.md.
 */
class OverlayFuzzTest {
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
                try {
                    DeviceTree merged = OverlayApplier.apply(base, overlay, "fuzz.dtbo", version);
                    DeviceTree again = FdtParser.parse(ByteBuffer.wrap(FdtWriter.write(merged)));
                    MemoryScan.scan(again, ScanOptions.DEFAULT);
                } catch (DtcoreException expected) {
                    // a refused overlay, or a merged tree without a usable memory map, is an answer
                }
            }
        }
    }
}
