package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.Numbers;

/**
 * Checks a board's memory map against an {@link Expectation}: each present section compared row by row,
 * each rule evaluated ({@link RuleCheck}), the crash section through a {@link CrashMemorySource} when one
 * is given ({@link CrashCheck}). Pure: the report says everything, nothing is printed or thrown.
 */
public final class LayoutCheck {
    private static final SectionComparison<MemoryRange, MemoryRange> RAM = new SectionComparison<>(
            r -> Numbers.hex16(r.start()), RowText::range, r -> Numbers.hex16(r.start()), RowText::range,
            MemoryRange::equals);
    static final SectionComparison<ExpectedChunk, MemoryChunk> CHUNKS = new SectionComparison<>(
            c -> Numbers.hex16(c.range().start()), RowText::chunk, c -> Numbers.hex16(c.range().start()),
            RowText::chunk, ExpectedChunk::matches);
    static final SectionComparison<ExpectedReserved, ReservedRegion> RESERVED = new SectionComparison<>(
            r -> Numbers.hex16(r.range().start()), RowText::reserved, r -> Numbers.hex16(r.range().start()),
            RowText::reserved, ExpectedReserved::matches);
    static final SectionComparison<ExpectedDynamic, DynamicReservation> DYNAMIC = new SectionComparison<>(
            ExpectedDynamic::node, RowText::dynamic, DynamicReservation::node, RowText::dynamic,
            ExpectedDynamic::matches);

    private LayoutCheck() {
    }

    /**
     * Checks {@code map} against {@code expected}, the crash section with {@link CrashMemorySource#LINUX}.
     *
     * @param expected the expectation; its absent sections are not checked
     * @param map      the board's memory map
     * @return one finding per checked section and rule, passed or failed
     */
    public static CheckReport check(Expectation expected, MemoryMap map) {
        return check(expected, map, CrashMemorySource.LINUX);
    }

    /**
     * Checks {@code map} against {@code expected}, evaluating its crash section with {@code crash} (null: the
     * section is reported as not evaluated). The crash architecture is the section's, else the scan's.
     *
     * @param expected the expectation; its absent sections are not checked
     * @param map      the board's memory map
     * @param crash    the crash memory policy; null reports the crash section as not evaluated
     * @return one finding per checked section and rule, passed or failed
     */
    public static CheckReport check(Expectation expected, MemoryMap map, CrashMemorySource crash) {
        List<Finding> out = new ArrayList<>();
        if (expected.ram() != null) {
            out.add(RAM.compare("ram", "range", expected.ram(), map.memory(), true));
        }
        if (expected.chunks() != null) {
            out.add(CHUNKS.compare("chunks", "chunk", expected.chunks(), map.chunks(), true));
        }
        if (expected.reserved() != null) {
            out.add(RESERVED.compare("reserved", "region", expected.reserved(), map.reserved(), true));
        }
        if (expected.dynamic() != null) {
            out.add(DYNAMIC.compare("dynamic", "region", expected.dynamic(), map.dynamicReserved(), true));
        }
        if (expected.numa() != null) {
            out.add(NumaCheck.compare(expected.numa(), NumaLayout.of(map), true));
        }
        out.addAll(RuleCheck.evaluate(expected.rules(), map));
        if (expected.crash() != null) {
            out.addAll(CrashCheck.evaluate(expected.crash(), map, crash,
                    expected.scan() == null ? null : expected.scan().arch()));
        }
        return new CheckReport("expected", "actual", out);
    }
}
