package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RangesTest {
    private static final long TOP = -1L; // 2^64 − 1

    private static MemoryRange r(long start, long end) {
        return new MemoryRange(start, end);
    }

    @Test
    void sortedOrdersUnsignedSoHighAddressesComeLast() {
        assertThat(Ranges.sorted(List.of(r(0x8000000000000000L, TOP), r(0x1000, 0x1fff), r(0, 0xfff))))
                .containsExactly(r(0, 0xfff), r(0x1000, 0x1fff), r(0x8000000000000000L, TOP));
    }

    @Test
    void mergedJoinsOverlappingAndTouchingButNotGapped() {
        List<MemoryRange> in = List.of(r(0x3000, 0x3fff), r(0x1000, 0x1fff), r(0x2000, 0x2fff),
                r(0x5000, 0x5fff), r(0x5800, 0x6fff), r(0x8000, 0x8000));
        assertThat(Ranges.merged(in)).containsExactly(r(0x1000, 0x3fff), r(0x5000, 0x6fff), r(0x8000, 0x8000));
    }

    @Test
    void mergedKeepsTheLongerEndWhenOneContainsTheNext() {
        assertThat(Ranges.merged(List.of(r(0, 0xffff), r(0x100, 0x1ff)))).containsExactly(r(0, 0xffff));
    }

    @Test
    void mergedHandlesTheTopOfTheAddressSpace() {
        assertThat(Ranges.merged(List.of(r(0xfffffffffffff000L, TOP), r(0xffffffffffffe000L, 0xffffffffffffefffL),
                r(TOP, TOP)))).containsExactly(r(0xffffffffffffe000L, TOP));
    }

    @Test
    void mergedOfNothingIsNothing() {
        assertThat(Ranges.merged(List.of())).isEmpty();
    }

    @Test
    void subtractCutsHolesAndEnds() {
        List<MemoryRange> ram = List.of(r(0x40000000L, 0xbfffffffL));
        List<MemoryRange> out = Ranges.subtract(ram, List.of(r(0xada00000L, 0xbd9fffffL), r(0x3f000000L, 0x40000fffL)));
        assertThat(out).containsExactly(r(0x40001000L, 0xad9fffffL), r(0xbda00000L, 0xbfffffffL));
    }

    @Test
    void subtractWithOneCutSpanningSeveralRanges() {
        List<MemoryRange> out = Ranges.subtract(List.of(r(0, 0xfff), r(0x2000, 0x2fff), r(0x4000, 0x4fff)),
                List.of(r(0x800, 0x47ff)));
        assertThat(out).containsExactly(r(0, 0x7ff), r(0x4800, 0x4fff));
    }

    @Test
    void subtractEverythingLeavesNothing() {
        assertThat(Ranges.subtract(List.of(r(0, TOP)), List.of(r(0, TOP)))).isEmpty();
        assertThat(Ranges.subtract(List.of(r(5, 9)), List.of(r(0, 4), r(5, 9)))).isEmpty();
    }

    @Test
    void subtractAtZeroAndAtTheTop() {
        assertThat(Ranges.subtract(List.of(r(0, TOP)), List.of(r(0, 0), r(TOP, TOP))))
                .containsExactly(r(1, TOP - 1));
        assertThat(Ranges.subtract(List.of(r(0, TOP)), List.of(r(0x10, 0x1f))))
                .containsExactly(r(0, 0xf), r(0x20, TOP));
    }

    @Test
    void intersectKeepsOnlyCommonAddresses() {
        List<MemoryRange> a = List.of(r(0, 0xfff), r(0x2000, 0x2fff), r(0x8000, TOP));
        List<MemoryRange> b = List.of(r(0x800, 0x27ff), r(0xffff000000000000L, TOP));
        assertThat(Ranges.intersect(a, b)).containsExactly(r(0x800, 0xfff), r(0x2000, 0x27ff),
                r(0xffff000000000000L, TOP));
        assertThat(Ranges.intersect(a, List.of())).isEmpty();
    }

    @Test
    void totalSizeCountsEachAddressOnce() {
        assertThat(Ranges.totalSize(List.of(r(0, 0xfff), r(0x800, 0x17ff)))).isEqualTo(0x1800);
        assertThat(Ranges.totalSize(List.of())).isZero();
    }

    @Test
    void totalSizeSaturatesAtTheTop() {
        assertThat(Ranges.totalSize(List.of(r(0, TOP)))).isEqualTo(-1L);
        assertThat(Ranges.totalSize(List.of(r(1, TOP)))).isEqualTo(-1L); // 2^64 − 1 exactly
        assertThat(Ranges.totalSize(List.of(r(0, TOP - 1)))).isEqualTo(-1L);
        assertThat(Ranges.totalSize(List.of(r(2, TOP)))).isEqualTo(-2L);
    }

    @Test
    void memoryMapTotalRamAgreesWithTotalSizeEvenForTheWholeSpace() {
        for (List<MemoryRange> memory : List.of(List.of(r(0, TOP)), List.of(r(0, 0xfff), r(0x2000, 0x2fff)))) {
            MemoryMap map = new MemoryMap(memory, List.of(), List.of(), List.of(), Chosen.NONE, List.of());
            assertThat(map.totalRam()).isEqualTo(Ranges.totalSize(memory));
        }
    }

    @Test
    void resultsAreUnmodifiableAndInputsUntouched() {
        List<MemoryRange> in = new ArrayList<>(List.of(r(0x2000, 0x2fff), r(0, 0xfff)));
        List<MemoryRange> out = Ranges.merged(in);
        assertThat(in).containsExactly(r(0x2000, 0x2fff), r(0, 0xfff));
        assertThatThrownBy(() -> out.add(r(0, 0)))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    /** Every operation against a bitmap model over a small space, with random lists. */
    @Test
    void agreesWithABitmapModelOnRandomLists() {
        Random rnd = new Random(20240601);
        for (int round = 0; round < 2000; round++) {
            List<MemoryRange> a = randomList(rnd);
            List<MemoryRange> b = randomList(rnd);
            BitSet ba = bits(a);
            BitSet bb = bits(b);
            BitSet diff = (BitSet) ba.clone();
            diff.andNot(bb);
            BitSet both = (BitSet) ba.clone();
            both.and(bb);
            assertThat(Ranges.merged(a)).isEqualTo(runs(ba));
            assertThat(Ranges.subtract(a, b)).isEqualTo(runs(diff));
            assertThat(Ranges.intersect(a, b)).isEqualTo(runs(both));
            assertThat(Ranges.totalSize(a)).isEqualTo(ba.cardinality());
        }
    }

    /**
     * A million shuffled ranges against figures worked out here from how they were made: range i starts
     * at i·0x10000 and ends at most 0x10fff later (so it may run into range i+1); cut i (every third)
     * is the 0x100 bytes at +0x800, always inside range i. A sweep over the unshuffled list, which
     * needs no sorting, gives the union and its runs.
     */
    @Test
    void aMillionShuffledRangesAgainstTheirConstruction() {
        Random rnd = new Random(7);
        List<MemoryRange> many = new ArrayList<>(1_000_000);
        for (int i = 0; i < 1_000_000; i++) {
            long base = (long) i * 0x10000;
            many.add(r(base, base + 0x1000 + rnd.nextInt(0x10000)));
        }
        long union = 0;
        int runs = 0;
        long runEnd = -1;
        for (MemoryRange x : many) { // ascending starts, as built
            if (runs == 0 || x.start() > runEnd + 1) {
                runs++;
                union += x.end() - x.start() + 1;
                runEnd = x.end();
            } else if (x.end() > runEnd) {
                union += x.end() - runEnd;
                runEnd = x.end();
            }
        }
        List<MemoryRange> cuts = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i += 3) {
            cuts.add(r((long) i * 0x10000 + 0x800, (long) i * 0x10000 + 0x8ff));
        }
        Collections.shuffle(many, rnd);

        List<MemoryRange> merged = Ranges.merged(many);
        assertThat(merged).hasSize(runs);
        assertThat(Ranges.totalSize(merged)).isEqualTo(union);
        assertThat(Ranges.intersect(many, cuts)).isEqualTo(cuts); // each cut lies inside RAM, apart
        assertThat(Ranges.totalSize(Ranges.subtract(many, cuts))).isEqualTo(union - 0x100L * cuts.size());
    }

    private static List<MemoryRange> randomList(Random rnd) {
        int n = rnd.nextInt(6);
        List<MemoryRange> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int s = rnd.nextInt(64);
            out.add(r(s, s + rnd.nextInt(12)));
        }
        return out;
    }

    private static BitSet bits(List<MemoryRange> list) {
        BitSet b = new BitSet();
        for (MemoryRange x : list) {
            b.set((int) x.start(), (int) x.end() + 1);
        }
        return b;
    }

    private static List<MemoryRange> runs(BitSet b) {
        List<MemoryRange> out = new ArrayList<>();
        for (int s = b.nextSetBit(0); s >= 0; ) {
            int e = b.nextClearBit(s);
            out.add(r(s, e - 1));
            s = b.nextSetBit(e);
        }
        return out;
    }
}
