package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;
import org.junit.jupiter.api.Test;

/**
 * The reserved-region rules cost at most one row per region. Listing every overlapping pair (2,000
 * identical /memreserve/ entries: 1,999,000 rows, 39 s) and scanning all RAM per region do not scale;
 * the counts below are what a sweep must give, derived here from the inputs.
 */
class ReservedRulesScaleTest {
    private static final LayoutRules BOTH = new LayoutRules(null, null, null, null, null, true, true);

    private static ReservedRegion memreserve(long start, long size) {
        return new ReservedRegion(MemoryRange.ofSize(start, size, "test"), ReservedRegion.Kind.MEMRESERVE, java.util.Optional.empty(),
                false, false);
    }

    private static MemoryMap map(List<MemoryRange> ram, List<ReservedRegion> reserved) {
        return new MemoryMap(ram, List.of(), reserved, List.of(), Chosen.NONE, List.of());
    }

    private static Finding finding(List<Finding> all, String name) {
        return all.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void identicalRegionsGiveOneRowEachNotOnePerPair() {
        int n = 2000;
        List<ReservedRegion> same = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            same.add(memreserve(0x40000000L, 0x1000));
        }
        MemoryMap m = map(List.of(new MemoryRange(0x40000000L, 0x7fffffffL)), same);
        Finding disjoint = finding(RuleCheck.evaluate(BOTH, m), "rules.reservedDisjoint");
        assertThat(disjoint.failed()).isTrue();
        // every region after the first overlaps an earlier one: n − 1 rows (pairs would be n(n−1)/2)
        assertThat(disjoint.rows()).hasSize(n - 1);
        assertThat(RuleCheck.reservedDisjointHolds(m)).isFalse();
        assertThat(finding(RuleCheck.evaluate(BOTH, m), "rules.reservedWithinRam").failed()).isFalse();
    }

    @Test
    void manyDistinctRegionsAgainstManyRamRanges() {
        // 100,000 RAM ranges of 0x1000 with 0x1000 gaps; a region per range: inside, crossing, or outside
        int n = 100_000;
        List<MemoryRange> ram = new ArrayList<>();
        List<ReservedRegion> reserved = new ArrayList<>();
        int crossing = 0;
        int overlapping = 0;
        for (int i = 0; i < n; i++) {
            long base = 0x100000000L + i * 0x2000L;
            ram.add(MemoryRange.ofSize(base, 0x1000, "test"));
            switch (i % 4) {
                case 0 -> reserved.add(memreserve(base, 0x1000));              // exactly one RAM range
                case 1 -> reserved.add(memreserve(base + 0x1000, 0x1000));     // the gap: outside RAM
                case 2 -> {
                    reserved.add(memreserve(base + 0x800, 0x1000));            // runs into the gap
                    crossing++;
                }
                default -> {
                    reserved.add(memreserve(base + 0x1800, 0x1000));           // from the gap into the next range
                    if (i < n - 1) {
                        crossing++; // after the last range there is no next one: wholly outside RAM
                        overlapping++; // the next i (i % 4 == 0) reserves its range's start, inside this one
                    }
                }
            }
        }
        // below all RAM, and one spanning two RAM ranges
        reserved.add(0, memreserve(0x1000, 0x1000));
        reserved.add(memreserve(0x100000000L, 0x3000));
        crossing++;
        reserved.sort((a, b) -> a.range().compareTo(b.range()));
        MemoryMap m = map(ram, reserved);
        List<Finding> found = RuleCheck.evaluate(BOTH, m);
        assertThat(finding(found, "rules.reservedWithinRam").rows()).hasSize(crossing);
        assertThat(RuleCheck.reservedWithinRamHolds(m)).isFalse();
        // and the spanning region overlaps i = 0's, which starts with it and sorts first (it ends lower)
        assertThat(finding(found, "rules.reservedDisjoint").rows()).hasSize(overlapping + 1);
    }

    @Test
    void aRegionExactlyOnARangeOrOutsideHolds() {
        MemoryMap m = map(List.of(new MemoryRange(0x1000, 0x1fff), new MemoryRange(0x3000, 0x3fff)),
                List.of(memreserve(0x1000, 0x1000), memreserve(0x2000, 0x1000), memreserve(0x4000, 0x100)));
        assertThat(RuleCheck.reservedWithinRamHolds(m)).isTrue();
        assertThat(RuleCheck.reservedDisjointHolds(m)).isTrue();
        assertThat(RuleCheck.evaluate(BOTH, m)).noneMatch(Finding::failed);
    }
}
