package org.dtcore.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;

/**
 * Linux 7.3's crashkernel CMA ranges in a powerpc capture kernel's usable memory
 * (arch/powerpc/kexec/ranges.c get_usable_memory_ranges()): [0, crash kernel end], then each CMA range,
 * then RTAS, OPAL and TCE, each merged into an overlapping entry or appended (add_mem_range()).
 */
class CrashKernelCmaCaptureTest {
    private static final DeviceTree PSERIES = DtsBoard.tree("/ { #address-cells = <2>; #size-cells = <2>;\n"
            + "  rtas { linux,rtas-base = <0x2f000000>; rtas-size = <0x1000000>; };\n"
            + "  memory@0 { device_type = \"memory\"; reg = <0x0 0x0 0x0 0x80000000>; };\n};\n");

    @Test
    void cmaRangesFollowTheCrashKernelInTheUsableList() {
        MemoryRange crash = new MemoryRange(0x2000_0000L, 0x2fff_ffffL);
        MemoryRange cma = new MemoryRange(0x6000_0000L, 0x6fff_ffffL);
        MemoryRange touching = new MemoryRange(0x3000_0000L, 0x30ff_ffffL);

        // RTAS [0x2f000000, 0x2fffffff] lies inside [0, crash end]: merged into it
        assertThat(UsableMemory.of(PSERIES, crash, List.of(cma)).ranges())
                .containsExactly(new MemoryRange(0, crash.end()), cma);
        // a CMA range touching [0, crash end] is not overlapping it: add_mem_range() appends it
        assertThat(UsableMemory.of(PSERIES, crash, List.of(touching)).ranges()).startsWith(new MemoryRange(0, crash.end()));
        assertThat(UsableMemory.of(PSERIES, crash).ranges()).containsExactly(new MemoryRange(0, crash.end()));
    }
}
