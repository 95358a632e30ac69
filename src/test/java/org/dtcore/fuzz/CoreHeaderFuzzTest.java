package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.dtcore.DtcoreException;
import org.dtcore.elf.CoreHeaderReader;

/**
 * ELF core header bytes (SPEC §9), read as any ELF header and as /proc/vmcore would read them. Only
 * {@link DtcoreException}s may leave.
 *
 * <p>Without JAZZER_FUZZ this replays {@code CoreHeaderFuzzTestInputs/coreHeader/}; see docs/fuzzing.md.
 */
class CoreHeaderFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void coreHeader(byte[] input) {
        try {
            CoreHeaderReader.read(input);
        } catch (DtcoreException expected) {
            // refused with an offset: a valid answer
        }
        try {
            CoreHeaderReader.readVmcore(input);
        } catch (DtcoreException expected) {
            // as above
        }
    }
}
