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
            boolean touchesRam = map.memory().stream().anyMatch(m -> m.overlaps(r.range()));
            boolean inOne = map.memory().stream().anyMatch(m -> m.contains(r.range()));
            if (touchesRam && !inOne) {
                rows.add(DiffRow.changed("inside one RAM range or outside RAM", "crosses a RAM edge: "
                        + RowText.reserved(r)));
            }
        }
        return Finding.of("rules.reservedWithinRam", rows.isEmpty(), rows.isEmpty()
                ? "no reserved region crosses a RAM edge"
                : SectionComparison.count(rows.size(), "reserved region") + " cross a RAM edge", rows);
    }

    private static Finding reservedDisjoint(MemoryMap map) {
        List<DiffRow> rows = new ArrayList<>();
        List<ReservedRegion> all = map.reserved();
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                if (all.get(i).range().overlaps(all.get(j).range())) {
                    rows.add(DiffRow.changed(RowText.reserved(all.get(i)), "overlaps " + RowText.reserved(all.get(j))));
                }
            }
        }
        return Finding.of("rules.reservedDisjoint", rows.isEmpty(), rows.isEmpty()
                ? "no two reserved regions overlap" : SectionComparison.count(rows.size(), "overlap"), rows);
    }

    private static DiffRow row(boolean ok, String left, String right) {
        return ok ? DiffRow.same(left, right) : DiffRow.changed(left, right);
    }
}
