package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.text.Numbers;

/**
 * Evaluates an expectation's crash section (SPEC §8) with a {@link CrashMemorySource}: the exact dump
 * ranges, ranges a dump must leave out, ranges it must hold. Without a source (or an architecture) the
 * section is reported as not evaluated, which does not fail a check.
 */
final class CrashCheck {
    private static final SectionComparison<MemoryRange, MemoryRange> DUMP = new SectionComparison<>(
            r -> Numbers.hex16(r.start()), RowText::range, r -> Numbers.hex16(r.start()), RowText::range,
            MemoryRange::equals);

    private CrashCheck() {
    }

    static List<Finding> evaluate(CrashExpectation crash, MemoryMap map, CrashMemorySource source, Arch scanArch) {
        if (source == null) {
            return List.of(Finding.notEvaluated("crash", "no crash memory policy given (SPEC §8)"));
        }
        Arch arch = crash.arch() != null ? crash.arch() : scanArch;
        if (arch == null) {
            return List.of(Finding.notEvaluated("crash", "no architecture: SPEC §8 differs per architecture"));
        }
        List<MemoryRange> kernels = crash.crashKernels() != null ? crash.crashKernels() : map.chosen().crashKernels();
        List<MemoryRange> dump;
        try {
            dump = source.dumpRanges(map, arch, kernels);
        } catch (org.dtcore.DtcoreException e) {
            return List.of(Finding.of("crash", false, "no dump for " + arch + ": " + e.oneLine(), List.of()));
        }
        List<Finding> out = new ArrayList<>();
        if (crash.dumpRanges() != null) {
            out.add(DUMP.compare("crash.dumpRanges", "range", crash.dumpRanges(), dump, true));
        }
        if (!crash.omits().isEmpty()) {
            List<DiffRow> rows = new ArrayList<>();
            boolean ok = true;
            for (MemoryRange r : crash.omits()) {
                List<MemoryRange> kept = Ranges.intersect(List.of(r), dump);
                ok &= kept.isEmpty();
                rows.add(kept.isEmpty() ? DiffRow.same("omits " + RowText.range(r), "left out")
                        : DiffRow.changed("omits " + RowText.range(r), "dumped: " + RowText.ranges(kept)));
            }
            out.add(Finding.of("crash.omits", ok, ok ? "every omitted range is left out of the dump"
                    : "the dump covers ranges it must leave out", rows));
        }
        if (!crash.includes().isEmpty()) {
            List<DiffRow> rows = new ArrayList<>();
            boolean ok = true;
            for (MemoryRange r : crash.includes()) {
                List<MemoryRange> missing = Ranges.subtract(List.of(r), dump);
                ok &= missing.isEmpty();
                rows.add(missing.isEmpty() ? DiffRow.same("includes " + RowText.range(r), "dumped")
                        : DiffRow.changed("includes " + RowText.range(r), "missing: " + RowText.ranges(missing)));
            }
            out.add(Finding.of("crash.includes", ok, ok ? "every included range is in the dump"
                    : "the dump misses ranges it must hold", rows));
        }
        if (out.isEmpty()) {
            out.add(Finding.of("crash", true, "dump covers " + SectionComparison.count(dump.size(), "range"),
                    List.of()));
        }
        return out;
    }
}
