package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * A blob, parsed and then scanned for its memory map under the rule sets that take different paths
 * through the scanner (SPEC §3.1 legacy rule, §3.5 riscv64 clipping and powerpc's unaligned blocks, §4
 * dynamic memory). Contract (STYLE "never throw anything but our own exceptions"): a
 * {@link DtcoreException} is an answer; any other throwable is a finding.
 *
 * <p>Without JAZZER_FUZZ this replays {@code FdtFuzzTestInputs/blobAndMemoryMap/}; see docs/fuzzing.md.
 */
class FdtFuzzTest {
    private static final ScanOptions[] RULES = {
        ScanOptions.DEFAULT,
        ScanOptions.forArch(Arch.PPC64),
        ScanOptions.forArch(Arch.RISCV64),
        ScanOptions.forArch(Arch.ARM64),
        ScanOptions.DEFAULT.withLegacyMemoryRule(true),
    };

    @FuzzTest(maxDuration = "10m")
    void blobAndMemoryMap(byte[] input) {
        DeviceTree tree;
        try {
            tree = FdtParser.parse(ByteBuffer.wrap(input));
        } catch (DtcoreException expected) {
            return;
        }
        for (ScanOptions rules : RULES) {
            try {
                MemoryScan.scan(tree, rules);
            } catch (DtcoreException expected) {
                // a refused tree is a valid answer; try the next rule set
            }
        }
    }
}
