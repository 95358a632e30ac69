package org.dtcore.layout;

import java.util.List;
import java.util.Optional;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeList;
import org.dtcore.memory.ScanOptions;

/**
 * A board's expected memory layout, as an expectation file holds it (docs/expectations.md). Every
 * section is optional: a null list is not checked, a present one must match exactly (SPEC §3–§8).
 *
 * @param board    a label for reports (the file the expectation was made from), or null
 * @param scan     the rules to read the board with (SPEC §3.5), or null for the caller's
 * @param ram      merged RAM (SPEC §3.7), or null
 * @param chunks   per-source RAM chunks, or null
 * @param reserved reserved regions with a place (SPEC §5), or null
 * @param dynamic  reservations placed at boot (SPEC §5), or null
 * @param numa     NUMA nodes in ascending id (SPEC §3.6), or null
 * @param rules    rules for what varies between boards
 * @param crash    what a dump covers (SPEC §8), or null
 * @param bootLoader the boot loader's edits the board is read with (RAM banks, overlays), when recorded
 */
public record Expectation(String board, ScanOptions scan, List<MemoryRange> ram, List<ExpectedChunk> chunks,
                          List<ExpectedReserved> reserved, List<ExpectedDynamic> dynamic,
                          List<ExpectedNumaNode> numa, LayoutRules rules, CrashExpectation crash,
                          Optional<BootLoaderSection> bootLoader) {
    public Expectation {
        bootLoader = bootLoader == null ? Optional.empty() : bootLoader;
        // a map's compact lists are immutable already: copying would make a record per row
        ram = ram == null ? null : ram instanceof RangeList ? ram : List.copyOf(ram);
        chunks = chunks == null ? null : chunks instanceof ChunkRows ? chunks : List.copyOf(chunks);
        reserved = reserved == null ? null : List.copyOf(reserved);
        dynamic = dynamic == null ? null : List.copyOf(dynamic);
        numa = numa == null ? null : List.copyOf(numa);
        rules = rules == null ? LayoutRules.NONE : rules;
    }

    /** An expectation without a recorded boot loader view. */
    public Expectation(String board, ScanOptions scan, List<MemoryRange> ram, List<ExpectedChunk> chunks,
                       List<ExpectedReserved> reserved, List<ExpectedDynamic> dynamic, List<ExpectedNumaNode> numa,
                       LayoutRules rules, CrashExpectation crash) {
        this(board, scan, ram, chunks, reserved, dynamic, numa, rules, crash, Optional.empty());
    }

    /** An expectation that checks nothing; the {@code with...} methods add one section each. */
    public static final Expectation NOTHING = new Expectation(null, null, null, null, null, null, null, null, null);

    public Expectation withRam(List<MemoryRange> r) {
        return new Expectation(board, scan, r, chunks, reserved, dynamic, numa, rules, crash, bootLoader);
    }

    public Expectation withChunks(List<ExpectedChunk> c) {
        return new Expectation(board, scan, ram, c, reserved, dynamic, numa, rules, crash, bootLoader);
    }

    public Expectation withReserved(List<ExpectedReserved> r) {
        return new Expectation(board, scan, ram, chunks, r, dynamic, numa, rules, crash, bootLoader);
    }

    public Expectation withDynamic(List<ExpectedDynamic> d) {
        return new Expectation(board, scan, ram, chunks, reserved, d, numa, rules, crash, bootLoader);
    }

    public Expectation withNuma(List<ExpectedNumaNode> n) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, n, rules, crash, bootLoader);
    }

    public Expectation withRules(LayoutRules r) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, numa, r, crash, bootLoader);
    }

    public Expectation withCrash(CrashExpectation c) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, numa, rules, c, bootLoader);
    }

    /** This expectation, read with the boot loader's edits {@code b} ({@code dtcore check} applies them). */
    public Expectation withBootLoader(BootLoaderSection b) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, numa, rules, crash, Optional.of(b));
    }
}
