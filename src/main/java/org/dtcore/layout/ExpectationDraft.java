package org.dtcore.layout;

import java.util.List;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;

/**
 * Today's layout of a board as an expectation ({@code dtcore expect}): every list exact, NUMA nodes with
 * ranges and totals, and the rules that hold today (total RAM at least today's, reserved regions within
 * RAM and disjoint when they are). A person reviews it before committing: loosen what boards may vary.
 */
final class ExpectationDraft {
    private ExpectationDraft() {
    }

    public static Expectation of(MemoryMap map, ScanOptions scan, String board) {
        return of(map, scan, board, CrashMemorySource.LINUX);
    }

    /** As {@link #of(MemoryMap, ScanOptions, String)}, with a crash section when a policy and arch are given. */
    public static Expectation of(MemoryMap map, ScanOptions scan, String board, CrashMemorySource crash) {
        List<ExpectedNumaNode> numa = NumaLayout.of(map);
        // asked as yes/no: building the rows of rules that fail would cost per region for nothing
        boolean within = RuleCheck.reservedWithinRamHolds(map);
        boolean disjoint = RuleCheck.reservedDisjointHolds(map);
        LayoutRules rules = new LayoutRules(map.memory().isEmpty() ? null : map.totalRam(), null, null, null, null,
                within && !map.reserved().isEmpty(), disjoint && map.reserved().size() > 1);
        CrashExpectation crashSection = null;
        if (crash != null && scan != null && scan.arch() != null) {
            List<MemoryRange> kernels = map.chosen().crashKernels();
            crashSection = new CrashExpectation(scan.arch(), kernels.isEmpty() ? null : kernels,
                    crash.dumpRanges(map, scan.arch(), kernels), List.of(), List.of());
        }
        boolean customScan = scan != null && !scan.equals(ScanOptions.DEFAULT);
        return new Expectation(board, customScan ? scan : null, map.memory(),
                new ChunkRows(map.chunks()),
                map.reserved().stream().map(ExpectedReserved::of).toList(),
                map.dynamicReserved().stream().map(ExpectedDynamic::of).toList(),
                numa.isEmpty() ? null : numa, rules, crashSection);
    }
}
