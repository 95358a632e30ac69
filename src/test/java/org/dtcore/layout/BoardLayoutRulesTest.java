package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.dtcore.memory.Arch;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.dtcore.text.Numbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each expectation rule and section has an assertion of its own (docs/expectations.md), and each one both
 * holds and fails on a board written here: expected values are worked out from the source below, not read
 * from dtcore.
 */
class BoardLayoutRulesTest {
    // two banks of 1 GiB, NUMA nodes 0 and 1; two /memreserve/ entries of 2 MiB that overlap by 1 MiB
    private static final long LOW = 0x4000_0000L;
    private static final long HIGH = 0x1_0000_0000L;
    private static final long GIB = 1L << 30;
    private static final long RES_A = 0x4800_0000L;
    private static final long RES_B = 0x4810_0000L;
    private static final long RES_SIZE = 2L << 20;
    private static final String BOARD = "/memreserve/ " + Numbers.hex(RES_A) + " " + Numbers.hex(RES_SIZE) + ";\n"
            + "/memreserve/ " + Numbers.hex(RES_B) + " " + Numbers.hex(RES_SIZE) + ";\n"
            + "/ { #address-cells = <2>; #size-cells = <2>;\n"
            + "  memory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x40000000>; numa-node-id = <0>; };\n"
            + "  memory@100000000 { device_type = \"memory\"; reg = <1 0 0 0x40000000>; numa-node-id = <1>; };\n"
            + "};\n";

    @TempDir
    Path dir;

    private BoardLayout board(String source) throws IOException {
        return BoardLayout.load(DtsBoard.compile(dir, "board", source), ScanOptions.forArch(Arch.ARM64));
    }

    private BoardLayoutAssert overlapping() throws IOException {
        return BoardLayoutAssert.assertThat(board(BOARD));
    }

    private static String range(long start, long size) {
        return Numbers.hex(start) + "+" + Numbers.hex(size);
    }

    @Test
    void totalRamAtMost() throws IOException {
        long total = 2 * GIB;
        assertThatCode(() -> overlapping().hasTotalRamAtMost(Numbers.hex(total))).doesNotThrowAnyException();
        assertThatThrownBy(() -> overlapping().hasTotalRamAtMost(Numbers.hex(total - 1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL rules.totalRamAtMost");
    }

    @Test
    void noRamFrom() throws IOException {
        long end = HIGH + GIB; // one past the last RAM byte
        assertThatCode(() -> overlapping().hasNoRamFrom(Numbers.hex(end))).doesNotThrowAnyException();
        assertThatThrownBy(() -> overlapping().hasNoRamFrom(Numbers.hex(end - 1)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL rules.noRamFrom");
    }

    @Test
    void reservedDisjoint() throws IOException {
        assertThatThrownBy(() -> overlapping().hasReservedDisjoint())
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL rules.reservedDisjoint");
        // the second entry moved up to where the first ends: they touch, and do not overlap
        String apart = BOARD.replace(Numbers.hex(RES_B), Numbers.hex(RES_A + RES_SIZE));
        assertThatCode(() -> BoardLayoutAssert.assertThat(board(apart)).hasReservedDisjoint())
                .doesNotThrowAnyException();
    }

    @Test
    void reservedExactly() throws IOException {
        assertThatCode(() -> overlapping().hasReservedExactly(range(RES_A, RES_SIZE), range(RES_B, RES_SIZE)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> overlapping().hasReservedExactly(range(RES_A, RES_SIZE)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL reserved");
    }

    @Test
    void chunks() throws IOException {
        assertThatCode(() -> overlapping().hasChunks(range(LOW, GIB), range(HIGH, GIB))
                .hasChunk(range(HIGH, GIB), "/memory@100000000")).doesNotThrowAnyException();
        assertThatThrownBy(() -> overlapping().hasChunks(range(LOW, GIB)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL chunks");
        assertThatThrownBy(() -> overlapping().hasChunk(range(HIGH, GIB), "/memory@40000000"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL chunks");
    }

    @Test
    void numaNodeRam() throws IOException {
        assertThatCode(() -> overlapping().hasNumaNodeRam(1, range(HIGH, GIB))).doesNotThrowAnyException();
        assertThatThrownBy(() -> overlapping().hasNumaNodeRam(1, range(HIGH, GIB / 2)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL numa");
    }

    @Test
    void crashKernelFitsAtAnAlignment() throws IOException {
        long size = GIB / 2;
        String below = Numbers.hex(HIGH);
        // 2 MiB steps: the top half of the low bank (0x60000000-0x7fffffff) is free of the reservations
        assertThatCode(() -> overlapping().fitsCrashKernel(Numbers.hex(size), below, "2M")).doesNotThrowAnyException();
        // 1 GiB steps below 4 GiB leave only 0x40000000, and the reservations at 0x48000000 are in the way
        assertThatThrownBy(() -> overlapping().fitsCrashKernel(Numbers.hex(size), below, "1G"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL rules.crashkernelFits");
    }

    @Test
    void dumpRangesAroundAGivenCrashKernel() throws IOException {
        long crash = 0x6000_0000L;
        long crashSize = 256L << 20;
        // SPEC §8 (arm64, arch/arm64/kernel/machine_kexec_file.c prepare_elf_headers): every memblock range
        // minus the crash kernel; /memreserve/ entries stay in the dump
        String[] dump = {Numbers.hex(LOW) + "-" + Numbers.hex(crash - 1),
                Numbers.hex(crash + crashSize) + "-" + Numbers.hex(LOW + GIB - 1), range(HIGH, GIB)};
        assertThatCode(() -> overlapping().withCrashKernels(range(crash, crashSize)).hasDumpRanges(dump))
                .doesNotThrowAnyException();
        // the board's /chosen names no crash kernel: then the whole of RAM is dumped, and the list differs
        assertThatThrownBy(() -> overlapping().hasDumpRanges(dump))
                .isInstanceOf(AssertionError.class).hasMessageContaining("FAIL crash.dumpRanges");
    }
}
