package org.dtcore.layout;

import static org.dtcore.layout.CheckReport.Mode.DIFF;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.Numbers;

/**
 * What changed between two memory maps ({@code dtcore diff A B}): RAM that vanished or appeared, chunks
 * whose origin or NUMA node changed, reserved and dynamic regions added, removed or changed, crash kernels
 * moved. The report's left column is A, its right column B; "passed" means equal.
 */
public final class LayoutDiff {
    private static final SectionComparison<MemoryRange, MemoryRange> RANGES = same(r -> Numbers.hex16(r.start()),
            RowText::range);
    private static final SectionComparison<MemoryChunk, MemoryChunk> CHUNKS = same(
            c -> Numbers.hex16(c.range().start()), RowText::chunk);
    private static final SectionComparison<ReservedRegion, ReservedRegion> RESERVED = same(
            r -> Numbers.hex16(r.range().start()), RowText::reserved);
    private static final SectionComparison<DynamicReservation, DynamicReservation> DYNAMIC = same(
            DynamicReservation::node, RowText::dynamic);

    private LayoutDiff() {
    }

    /**
     * Compares two memory maps ({@code dtcore diff} of two boards).
     *
     * @param a     the left map
     * @param b     the right map
     * @param aName how the report names {@code a} (its file name)
     * @param bName how the report names {@code b}
     * @return a diff report, one finding per section; passed when the two are the same
     */
    public static CheckReport between(MemoryMap a, MemoryMap b, String aName, String bName) {
        List<Finding> out = new ArrayList<>();
        out.add(ram(a, b));
        out.add(CHUNKS.compare(DIFF, "chunks", "chunk", a.chunks(), b.chunks(), true));
        out.add(RESERVED.compare(DIFF, "reserved", "region", a.reserved(), b.reserved(), true));
        out.add(DYNAMIC.compare(DIFF, "dynamic", "region", a.dynamicReserved(), b.dynamicReserved(), true));
        out.add(RANGES.compare(DIFF, "chosen.crashKernels", "range", a.chosen().crashKernels(),
                b.chosen().crashKernels(), true));
        return new CheckReport(DIFF, aName, bName, out);
    }

    /** Merged RAM row by row, with the bytes only in A (vanished) and only in B (appeared) in the summary. */
    private static Finding ram(MemoryMap a, MemoryMap b) {
        Finding rows = RANGES.compare(DIFF, "ram", "range", a.memory(), b.memory(), true);
        if (!rows.failed()) {
            return rows;
        }
        List<MemoryRange> vanished = Ranges.subtract(a.memory(), b.memory());
        List<MemoryRange> appeared = Ranges.subtract(b.memory(), a.memory());
        String summary = "vanished " + Ranges.totalBytes(vanished).human() + " (only in A: "
                + RowText.ranges(vanished) + "); appeared " + Ranges.totalBytes(appeared).human()
                + " (only in B: " + RowText.ranges(appeared) + ")";
        if (vanished.isEmpty()) {
            summary = "appeared " + Ranges.totalBytes(appeared).human() + " (only in B: "
                    + RowText.ranges(appeared) + ")";
        } else if (appeared.isEmpty()) {
            summary = "vanished " + Ranges.totalBytes(vanished).human() + " (only in A: "
                    + RowText.ranges(vanished) + ")";
        }
        return new Finding("ram", Finding.Outcome.FAIL, summary, rows.rows());
    }

    private static <T> SectionComparison<T, T> same(java.util.function.Function<T, String> key,
                                                    java.util.function.Function<T, String> text) {
        return new SectionComparison<>(key, text, key, text, Objects::equals);
    }
}
