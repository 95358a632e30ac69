package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dtcore.DtcoreException;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;

/**
 * /proc/iomem text (SPEC §7), parsed and turned into a memory map, plus the lookups the header builder
 * makes (crash kernel, kernel code and data). Only {@link DtcoreException}s may leave.
 *
 * <p>Without JAZZER_FUZZ this replays {@code IomemFuzzTestInputs/iomemText/}; see docs/fuzzing.md.
 */
class IomemFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void iomemText(byte[] input) {
        try {
            List<IomemEntry> entries = Iomem.parse(new String(input, StandardCharsets.UTF_8));
            Iomem.toMemoryMap(entries);
            Iomem.kernelCode(entries);
            Iomem.kernelData(entries);
        } catch (DtcoreException expected) {
            // refused with a line number: a valid answer
        }
    }
}
