package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/** Evaluates {@link LayoutRules}: one finding per rule given, named {@code rules.NAME} as the file spells it. */
final class RuleCheck {
    private RuleCheck() {
    }

    static List<Finding> evaluate(LayoutRules rules, MemoryMap map) {
        List<Finding> out = new ArrayList<>();
        long total = map.totalRam();
        if (rules.totalRamAtLeast() != null) {
            long min = rules.totalRamAtLeast();
            boolean ok = Long.compareUnsigned(total, min) >= 0;
            out.add(Finding.of("rules.totalRamAtLeast", ok, "total RAM " + map.ramSize().human()
                    + (ok ? " >= " : " < ") + ByteSize.human(min),
                    List.of(row(ok, "total RAM >= " + ByteSize.human(min), "total RAM " + map.ramSize().human()))));
        }
        if (rules.totalRamAtMost() != null) {
            long max = rules.totalRamAtMost();
            boolean ok = Long.compareUnsigned(total, max) <= 0;
            out.add(Finding.of("rules.totalRamAtMost", ok, "total RAM " + map.ramSize().human()
                    + (ok ? " <= " : " > ") + ByteSize.human(max),
                    List.of(row(ok, "total RAM <= " + ByteSize.human(max), "total RAM " + map.ramSize().human()))));
        }
        if (rules.noRamBelow() != null) {
            long below = rules.noRamBelow();
            out.add(outside("rules.noRamBelow", map, below == 0 ? null : new MemoryRange(0, below - 1),
                    "no RAM below " + Numbers.hex(below)));
        }
        if (rules.noRamFrom() != null) {
            out.add(outside("rules.noRamFrom", map, new MemoryRange(rules.noRamFrom(), -1L),
                    "no RAM at or above " + Numbers.hex(rules.noRamFrom())));
        }
        if (rules.crashkernelFits() != null) {
            out.add(CrashKernelPlacement.finding(rules.crashkernelFits(), map));
        }
        if (rules.reservedWithinRam()) {
            out.add(reservedWithinRam(map));
        }
        if (rules.reservedDisjoint()) {
            out.add(reservedDisjoint(map));
        }
        return out;
    }

    /** RAM that falls in the forbidden {@code window} (null: nothing is forbidden). */
    private static Finding outside(String name, MemoryMap map, MemoryRange window, String words) {
        List<DiffRow> rows = new ArrayList<>();
        for (MemoryRange r : map.memory()) {
            if (window != null && r.overlaps(window)) {
                rows.add(DiffRow.changed(words, "RAM " + RowText.range(r)));
            }
        }
        return Finding.of(name, rows.isEmpty(), rows.isEmpty() ? words
                : SectionComparison.count(rows.size(), "RAM range") + " break \"" + words + "\"", rows);
    }

    /** SPEC §5: a reserved region lies wholly inside one RAM range or wholly outside RAM. */
    private static Finding reservedWithinRam(MemoryMap map) {
        List<DiffRow> rows = new ArrayList<>();
        for (ReservedRegion r : map.reserved()) {
            if (crossesRamEdge(map.memory(), r.range())) {
                rows.add(DiffRow.changed("inside one RAM range or outside RAM", "crosses a RAM edge: "
                        + RowText.reserved(r)));
            }
        }
        return Finding.of("rules.reservedWithinRam", rows.isEmpty(), rows.isEmpty()
                ? "no reserved region crosses a RAM edge"
                : SectionComparison.count(rows.size(), "reserved region") + " cross a RAM edge", rows);
    }

    /** Whether {@link #reservedWithinRam} holds, without building its rows (for drafts). */
    static boolean reservedWithinRamHolds(MemoryMap map) {
        for (ReservedRegion r : map.reserved()) {
            if (crossesRamEdge(map.memory(), r.range())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code r} touches RAM without lying inside one range. The memory view is sorted, disjoint and
     * never touching (SPEC §3.7), so the one range that could hold {@code r} is the last to start at or below
     * {@code r.start()}: a binary search, not a scan of all RAM per region, so a check stays linear in the
     * input (docs/performance.md, "Linear in the input").
     */
    private static boolean crossesRamEdge(List<MemoryRange> ram, MemoryRange r) {
        int lo = 0;
        int hi = ram.size(); // first index whose start is above r.start()
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(ram.get(mid).start(), r.start()) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        MemoryRange holder = lo == 0 ? null : ram.get(lo - 1);
        if (holder != null && holder.contains(r)) {
            return false;
        }
        boolean startsInRam = holder != null && holder.contains(r.start());
        boolean reachesNext = lo < ram.size() && Long.compareUnsigned(ram.get(lo).start(), r.end()) <= 0;
        return startsInRam || reachesNext;
    }

    /**
     * One row per region that overlaps an earlier one (by start), naming the earlier region reaching
     * furthest: a sweep over the regions in order, so n regions cost O(n log n) and at most n rows, where
     * listing every overlapping pair cost O(n²) time and rows (2,000 identical /memreserve/ entries made
     * two million).
     */
    private static Finding reservedDisjoint(MemoryMap map) {
        List<DiffRow> rows = new ArrayList<>();
        List<ReservedRegion> all = byStart(map.reserved());
        ReservedRegion reach = null; // the region seen so far whose end is highest
        for (ReservedRegion r : all) {
            if (reach != null && Long.compareUnsigned(r.range().start(), reach.range().end()) <= 0) {
                rows.add(DiffRow.changed(RowText.reserved(r), "overlaps " + RowText.reserved(reach)));
            }
            if (reach == null || Long.compareUnsigned(r.range().end(), reach.range().end()) > 0) {
                reach = r;
            }
        }
        return Finding.of("rules.reservedDisjoint", rows.isEmpty(), rows.isEmpty()
                ? "no two reserved regions overlap"
                : SectionComparison.count(rows.size(), "reserved region") + " overlap an earlier one", rows);
    }

    /** Whether {@link #reservedDisjoint} holds, without building its rows (for drafts). */
    static boolean reservedDisjointHolds(MemoryMap map) {
        long reach = 0;
        boolean any = false;
        for (ReservedRegion r : byStart(map.reserved())) {
            if (any && Long.compareUnsigned(r.range().start(), reach) <= 0) {
                return false;
            }
            if (!any || Long.compareUnsigned(r.range().end(), reach) > 0) {
                reach = r.range().end();
            }
            any = true;
        }
        return true;
    }

    private static List<ReservedRegion> byStart(List<ReservedRegion> regions) {
        for (int i = 1; i < regions.size(); i++) {
            if (regions.get(i - 1).range().compareTo(regions.get(i).range()) > 0) {
                List<ReservedRegion> sorted = new ArrayList<>(regions);
                sorted.sort((a, b) -> a.range().compareTo(b.range()));
                return sorted;
            }
        }
        return regions; // MemoryMap keeps them sorted by start already
    }

    private static DiffRow row(boolean ok, String left, String right) {
        return ok ? DiffRow.same(left, right) : DiffRow.changed(left, right);
    }
}
