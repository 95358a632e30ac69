package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import java.util.Random;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryMap;
import org.dtcore.testing.RecordedPhdrs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrashMemRangesTest {
    private static final long TOP = -1L; // 2^64 − 1

    private static MemoryRange r(long start, long end) {
        return new MemoryRange(start, end);
    }

    private static MemoryChunk chunk(long start, long end, int numa) {
        return new MemoryChunk(r(start, end), "/memory@" + Long.toHexString(start), "reg", numa, numa == 1);
    }

    private static CrashMemRanges list(ExclusionRule rule, OptionalInt capacity, MemoryRange... ranges) {
        List<MemoryChunk> chunks = new ArrayList<>();
        for (MemoryRange x : ranges) {
            chunks.add(new MemoryChunk(x, "/memory", "reg", MemoryChunk.NO_NUMA_NODE, false));
        }
        return CrashMemRanges.of(chunks, rule, capacity);
    }

    private static CrashMemRanges list(ExclusionRule rule, MemoryRange... ranges) {
        return list(rule, OptionalInt.empty(), ranges);
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void splitPutsTheUpperPieceRightAfterTheLowerAndKeepsThePayload(ExclusionRule rule) {
        CrashMemRanges m = CrashMemRanges.of(List.of(chunk(0x1000, 0x8fff, 0), chunk(0x9000, 0xffff, 1)),
                rule, OptionalInt.empty());
        m.exclude(r(0x2000, 0x2fff));
        assertThat(m.ranges()).containsExactly(r(0x1000, 0x1fff), r(0x3000, 0x8fff), r(0x9000, 0xffff));
        assertThat(m.chunks()).extracting(MemoryChunk::numaNode).containsExactly(0, 0, 1);
        assertThat(m.chunk(1).node()).isEqualTo("/memory@1000");
        assertThat(m.chunk(2).hotpluggable()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void aRangeAtZeroCanBeTrimmedFromTheStart(ExclusionRule rule) {
        CrashMemRanges m = list(rule, r(0, 0x9ffff), r(0x100000, 0x7fffffff));
        m.exclude(r(0, 0xfffff)); // x86_64's low 1 MiB (SPEC §8)
        assertThat(m.ranges()).containsExactly(r(0x100000, 0x7fffffff));
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void aRangeEndingAtTheTopOfTheAddressSpace(ExclusionRule rule) {
        CrashMemRanges m = list(rule, r(0xffffffff00000000L, TOP));
        m.exclude(r(0xfffffffffffff000L, TOP));
        assertThat(m.ranges()).containsExactly(r(0xffffffff00000000L, 0xffffffffffffefffL));
        m.exclude(r(0xffffffff00001000L, 0xffffffff00001fffL));
        assertThat(m.ranges()).containsExactly(r(0xffffffff00000000L, 0xffffffff00000fffL),
                r(0xffffffff00002000L, 0xffffffffffffefffL));
        CrashMemRanges whole = list(rule, r(0, TOP));
        whole.exclude(r(1, TOP - 1));
        assertThat(whole.ranges()).containsExactly(r(0, 0), r(TOP, TOP));
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void anExactCoverRemovesTheRange(ExclusionRule rule) {
        CrashMemRanges m = list(rule, r(0, 0xfff), r(0x1000, 0x1fff), r(0x2000, 0x2fff));
        m.exclude(r(0x1000, 0x1fff));
        assertThat(m.ranges()).containsExactly(r(0, 0xfff), r(0x2000, 0x2fff));
        m.exclude(r(0x2000, 0x2fff)); // the last one
        m.exclude(r(0, 0xfff)); // and the only one left
        assertThat(m.nrRanges()).isZero();
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void touchingOnlyTheFirstOrLastAddressTrimsOneAddress(ExclusionRule rule) {
        CrashMemRanges m = list(rule, r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        m.exclude(r(0x0, 0x1000));
        m.exclude(r(0x1fff, 0x2fff));
        m.exclude(r(0x3fff, 0x5000));
        assertThat(m.ranges()).containsExactly(r(0x1001, 0x1ffe), r(0x3000, 0x3ffe));
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void anExclusionInAGapOrBeyondChangesNothing(ExclusionRule rule) {
        CrashMemRanges m = list(rule, r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        m.exclude(r(0x2000, 0x2fff));
        m.exclude(r(0x4000, TOP));
        m.exclude(r(0, 0xfff));
        assertThat(m.ranges()).containsExactly(r(0x1000, 0x1fff), r(0x3000, 0x3fff));
    }

    @Test
    void currentRemovesTheOverlapFromEveryRangeItCovers() {
        CrashMemRanges m = list(ExclusionRule.CURRENT, r(0, 0xfff), r(0x1000, 0x1fff), r(0x2000, 0x2fff),
                r(0x3000, 0x3fff), r(0x5000, 0x5fff));
        m.exclude(r(0x800, 0x37ff));
        assertThat(m.ranges()).containsExactly(r(0, 0x7ff), r(0x3800, 0x3fff), r(0x5000, 0x5fff));
    }

    @Test
    void legacyStopsAtTheFirstPartlyCoveredRange() {
        // SPEC §8: one exclusion spanning two ranges; ≤ 6.7 trims the first and leaves the second whole
        MemoryRange[] ram = {r(0x1000, 0x1fff), r(0x2000, 0x2fff)};
        MemoryRange cut = r(0x1800, 0x27ff);
        CrashMemRanges legacy = list(ExclusionRule.LEGACY, ram);
        CrashMemRanges current = list(ExclusionRule.CURRENT, ram);
        legacy.exclude(cut);
        current.exclude(cut);
        assertThat(legacy.ranges()).containsExactly(r(0x1000, 0x17ff), r(0x2000, 0x2fff));
        assertThat(current.ranges()).containsExactly(r(0x1000, 0x17ff), r(0x2800, 0x2fff));
    }

    @Test
    void legacyRemovesWholeRangesBeforeTheFirstPartialOne() {
        // 5.9–6.7 keep scanning after a range covered whole, so these go; the partial one ends the scan
        CrashMemRanges m = list(ExclusionRule.LEGACY, r(0x1000, 0x1fff), r(0x2000, 0x2fff), r(0x3000, 0x3fff),
                r(0x4000, 0x4fff));
        m.exclude(r(0x1000, 0x37ff));
        assertThat(m.ranges()).containsExactly(r(0x3800, 0x3fff), r(0x4000, 0x4fff));
        CrashMemRanges later = list(ExclusionRule.LEGACY, r(0x1000, 0x1fff), r(0x2000, 0x2fff), r(0x3000, 0x3fff));
        later.exclude(r(0x1800, 0x3fff)); // first overlap is partial: the two covered ranges stay
        assertThat(later.ranges()).containsExactly(r(0x1000, 0x17ff), r(0x2000, 0x2fff), r(0x3000, 0x3fff));
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void aSplitWithRoomSucceedsAndFillsTheCapacity(ExclusionRule rule) {
        CrashMemRanges m = list(rule, OptionalInt.of(3), r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        m.exclude(r(0x1800, 0x18ff));
        assertThat(m.ranges()).containsExactly(r(0x1000, 0x17ff), r(0x1900, 0x1fff), r(0x3000, 0x3fff));
        assertThat(m.maxNrRanges()).hasValue(3);
    }

    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void aSplitWithTheCapacityFullFailsAndChangesNothing(ExclusionRule rule) {
        CrashMemRanges m = list(rule, OptionalInt.of(2), r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        assertThatThrownBy(() -> m.exclude(r(0x3800, 0x38ff)))
                .isInstanceOf(CrashException.class)
                .hasMessageContaining("capacity 2 full");
        assertThat(m.ranges()).containsExactly(r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        // trimming and removing need no slot, so they still work when full
        m.exclude(r(0x3000, 0x30ff));
        m.exclude(r(0x1000, 0x1fff));
        assertThat(m.ranges()).containsExactly(r(0x3100, 0x3fff));
    }

    @Test
    void legacyFullArraySplitBeforeTheLastSlotIsRefusedNotImitated() {
        // ≤ 6.7 checks only whether the split range is in the last slot; here it is slot 0 of 2
        CrashMemRanges legacy = list(ExclusionRule.LEGACY, OptionalInt.of(2), r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        assertThatThrownBy(() -> legacy.exclude(r(0x1800, 0x18ff)))
                .isInstanceOf(CrashException.class)
                .hasMessageContaining("capacity 2 full")
                .hasMessageContaining("write past its array");
        CrashMemRanges current = list(ExclusionRule.CURRENT, OptionalInt.of(2), r(0x1000, 0x1fff), r(0x3000, 0x3fff));
        assertThatThrownBy(() -> current.exclude(r(0x1800, 0x18ff))).hasMessageContaining("-ENOMEM");
    }

    @Test
    void addRefusesUnsortedOverlappingOrOverCapacity() {
        CrashMemRanges m = CrashMemRanges.withCapacity(2, ExclusionRule.CURRENT);
        m.add(chunk(0x1000, 0x1fff, 0)).add(chunk(0x2000, 0x2fff, 1)); // touching is fine
        assertThatThrownBy(() -> m.add(chunk(0x3000, 0x3fff, 0))).hasMessageContaining("capacity 2 full");
        CrashMemRanges u = CrashMemRanges.unbounded(ExclusionRule.CURRENT).add(chunk(0x1000, 0x1fff, 0));
        assertThatThrownBy(() -> u.add(chunk(0x1fff, 0x2fff, 0))).isInstanceOf(CrashException.class)
                .hasMessageContaining("sorted and disjoint");
        assertThatThrownBy(() -> CrashMemRanges.of(List.of(chunk(0x2000, 0x2fff, 0), chunk(0x1000, 0x27ff, 0)),
                ExclusionRule.CURRENT, OptionalInt.empty())).isInstanceOf(CrashException.class);
        assertThatThrownBy(() -> CrashMemRanges.withCapacity(-1, ExclusionRule.CURRENT))
                .isInstanceOf(CrashException.class);
        assertThatThrownBy(() -> u.chunk(5)).isInstanceOf(CrashException.class);
    }

    @Test
    void ofSortsItsInput() {
        CrashMemRanges m = CrashMemRanges.of(List.of(chunk(0x9000, 0x9fff, 1), chunk(0x1000, 0x1fff, 0)),
                ExclusionRule.CURRENT, OptionalInt.empty());
        assertThat(m.ranges()).containsExactly(r(0x1000, 0x1fff), r(0x9000, 0x9fff));
        assertThat(m.rule()).isEqualTo(ExclusionRule.CURRENT);
        assertThat(m.maxNrRanges()).isEmpty();
    }

    /** Both rules against the array-scanning model on random small inputs, capacity included. */
    @ParameterizedTest
    @EnumSource(ExclusionRule.class)
    void agreesWithTheKernelModelOnRandomInputs(ExclusionRule rule) {
        Random rnd = new Random(rule.ordinal() * 1000 + 17);
        for (int round = 0; round < 20000; round++) {
            List<MemoryRange> ranges = new ArrayList<>();
            long at = rnd.nextInt(3);
            int n = rnd.nextInt(6);
            for (int i = 0; i < n; i++) {
                long len = 1 + rnd.nextInt(6);
                ranges.add(r(at, at + len - 1));
                at += len + rnd.nextInt(3); // a gap of 0 makes touching ranges
            }
            int capacity = n + rnd.nextInt(3);
            CrashMemRanges m = list(rule, OptionalInt.of(capacity), ranges.toArray(MemoryRange[]::new));
            KernelExclusionModel k = new KernelExclusionModel(ranges, capacity);
            for (int x = 0; x < 3; x++) {
                long s = rnd.nextInt((int) at + 3);
                MemoryRange cut = r(s, s + rnd.nextInt(8));
                KernelExclusionModel.Outcome expected = rule == ExclusionRule.CURRENT
                        ? k.excludeCurrent(cut.start(), cut.end()) : k.excludeLegacy(cut.start(), cut.end());
                if (expected == KernelExclusionModel.Outcome.OK) {
                    m.exclude(cut);
                } else {
                    assertThatThrownBy(() -> m.exclude(cut)).as("%s minus %s", ranges, cut)
                            .isInstanceOf(CrashException.class).hasMessageContaining("capacity " + capacity + " full");
                }
                assertThat(m.ranges()).as("%s minus %s", ranges, cut).isEqualTo(k.ranges());
            }
        }
    }

    @Test
    void aMillionRangesWithAFewExclusionsKeepTheirCount() {
        List<MemoryChunk> chunks = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            long base = 0x100000000L + (long) i * 0x200000;
            chunks.add(new MemoryChunk(r(base, base + 0x1fffff), "/memory", "reg", i % 4, false));
        }
        CrashMemRanges m = CrashMemRanges.of(chunks, ExclusionRule.CURRENT, OptionalInt.of(1_000_010));
        for (int i = 0; i < 5; i++) {
            long base = 0x100000000L + (long) (i * 199_999 + 7) * 0x200000;
            m.exclude(r(base + 0x1000, base + 0x1fff)); // splits
        }
        m.exclude(r(0x100000000L + 0x200000L * 500_000, 0x100000000L + 0x200000L * 600_000 - 1)); // 100,000 whole
        assertThat(m.nrRanges()).isEqualTo(1_000_000 + 5 - 100_000);
    }

    /**
     * SPEC §8 against the real kernels: their System RAM minus their "Crash kernel" gives exactly the RAM
     * PT_LOADs the kernel wrote (the first PT_LOAD is the kernel map, not RAM).
     */
    @ParameterizedTest
    @ValueSource(strings = {"arm64-virt-2g", "riscv64-virt-2g"})
    void reproducesTheRealKernelsRamProgramHeaders(String board) throws IOException {
        Path dir = Path.of("../shared/kernel-truth", board);
        MemoryMap map = Iomem.toMemoryMap(Iomem.read(dir.resolve("iomem.txt")));
        for (ExclusionRule rule : ExclusionRule.values()) {
            // the kernel sizes the array as the memblock count + 2 (SPEC §8)
            CrashMemRanges m = CrashMemRanges.of(map.chunks(), rule, OptionalInt.of(map.chunks().size() + 2));
            m.excludeAll(map.chosen().crashKernels());
            assertThat(m.ranges()).as(board + " " + rule).isEqualTo(RecordedPhdrs.of(dir).ramLoads(true));
        }
    }
}
