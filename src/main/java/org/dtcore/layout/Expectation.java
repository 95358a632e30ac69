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
 * <p>A null section is one the file leaves out, not checked; an empty list is a section that expects
 * nothing there. The record mirrors the file field for field ({@link ExpectationReader} makes it,
 * {@link ExpectationWriter} writes it, {@link BoardLayout#expectation()} drafts it), so it keeps the file's
 * "absent" as null rather than wrapping each section in {@code Optional}. Build one from {@link #NOTHING}
 * with the {@code with...} methods.
 *
 * @param board    a label for reports (the file the expectation was made from); null for none
 * @param scan     the rules to read the board with (SPEC §3.5); null for the caller's
 * @param ram      merged RAM (SPEC §3.7); null when not checked
 * @param chunks   per-source RAM chunks; null when not checked
 * @param reserved reserved regions with a place (SPEC §5); null when not checked
 * @param dynamic  reservations placed at boot (SPEC §5); null when not checked
 * @param numa     NUMA nodes in ascending id (SPEC §3.6); null when not checked
 * @param rules    rules for what varies between boards ({@link LayoutRules#NONE} when none)
 * @param crash    what a dump covers (SPEC §8); null when not checked
 * @param bootLoader the boot loader's edits the board is read with (RAM banks, overlays), when recorded
 */
public record Expectation(String board, ScanOptions scan, List<MemoryRange> ram, List<ExpectedChunk> chunks,
                          List<ExpectedReserved> reserved, List<ExpectedDynamic> dynamic,
                          List<ExpectedNumaNode> numa, LayoutRules rules, CrashExpectation crash,
                          Optional<BootLoaderSection> bootLoader) {
    /**
     * Copies the present lists; null rules stand for {@link LayoutRules#NONE}, a null boot loader for empty.
     *
     * @param board    a label for reports (the file the expectation was made from); null for none
     * @param scan     the rules to read the board with (SPEC §3.5); null for the caller's
     * @param ram      merged RAM (SPEC §3.7); null when not checked
     * @param chunks   per-source RAM chunks; null when not checked
     * @param reserved reserved regions with a place (SPEC §5); null when not checked
     * @param dynamic  reservations placed at boot (SPEC §5); null when not checked
     * @param numa     NUMA nodes in ascending id (SPEC §3.6); null when not checked
     * @param rules    rules for what varies between boards ({@link LayoutRules#NONE} when none)
     * @param crash    what a dump covers (SPEC §8); null when not checked
     * @param bootLoader the boot loader's edits the board is read with (RAM banks, overlays), when recorded
     */
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

    /**
     * An expectation without a recorded boot loader view.
     *
     * @param board    a label for reports; null for none
     * @param scan     the rules to read the board with; null for the caller's
     * @param ram      merged RAM; null when not checked
     * @param chunks   per-source RAM chunks; null when not checked
     * @param reserved reserved regions with a place; null when not checked
     * @param dynamic  reservations placed at boot; null when not checked
     * @param numa     NUMA nodes in ascending id; null when not checked
     * @param rules    rules for what varies between boards; null for {@link LayoutRules#NONE}
     * @param crash    what a dump covers; null when not checked
     */
    public Expectation(String board, ScanOptions scan, List<MemoryRange> ram, List<ExpectedChunk> chunks,
                       List<ExpectedReserved> reserved, List<ExpectedDynamic> dynamic, List<ExpectedNumaNode> numa,
                       LayoutRules rules, CrashExpectation crash) {
        this(board, scan, ram, chunks, reserved, dynamic, numa, rules, crash, Optional.empty());
    }

    /** An expectation that checks nothing; the {@code with...} methods add one section each. */
    public static final Expectation NOTHING = new Expectation(null, null, null, null, null, null, null, null, null);

    /**
     * This expectation with merged RAM (SPEC §3.7) checked against {@code r}.
     *
     * @param r the exact merged ranges, ascending; null to leave RAM unchecked
     * @return a copy with the section replaced
     */
    public Expectation withRam(List<MemoryRange> r) {
        return new Expectation(board, scan, r, chunks, reserved, dynamic, numa, rules, crash, bootLoader);
    }

    /**
     * This expectation with the per-source RAM chunks (SPEC §3.7) checked against {@code c}.
     *
     * @param c the exact chunks, in the map's order; null to leave chunks unchecked
     * @return a copy with the section replaced
     */
    public Expectation withChunks(List<ExpectedChunk> c) {
        return new Expectation(board, scan, ram, c, reserved, dynamic, numa, rules, crash, bootLoader);
    }

    /**
     * This expectation with the reserved regions that have a place (SPEC §5) checked against {@code r}.
     *
     * @param r the exact regions, in the map's order; null to leave them unchecked
     * @return a copy with the section replaced
     */
    public Expectation withReserved(List<ExpectedReserved> r) {
        return new Expectation(board, scan, ram, chunks, r, dynamic, numa, rules, crash, bootLoader);
    }

    /**
     * This expectation with the reservations placed at boot (SPEC §5) checked against {@code d}.
     *
     * @param d the exact /reserved-memory children without a reg, by node path; null to leave them unchecked
     * @return a copy with the section replaced
     */
    public Expectation withDynamic(List<ExpectedDynamic> d) {
        return new Expectation(board, scan, ram, chunks, reserved, d, numa, rules, crash, bootLoader);
    }

    /**
     * This expectation with the NUMA nodes' RAM (SPEC §3.6) checked against {@code n}.
     *
     * @param n the exact nodes, in ascending id; null to leave NUMA unchecked
     * @return a copy with the section replaced
     */
    public Expectation withNuma(List<ExpectedNumaNode> n) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, n, rules, crash, bootLoader);
    }

    /**
     * This expectation with {@code r} as its rules for what varies between boards.
     *
     * @param r the rules; null for {@link LayoutRules#NONE}
     * @return a copy with the rules replaced
     */
    public Expectation withRules(LayoutRules r) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, numa, r, crash, bootLoader);
    }

    /**
     * This expectation with {@code c} as what a dump of the board must cover (SPEC §8).
     *
     * @param c the crash section; null to leave the dump unchecked
     * @return a copy with the section replaced
     */
    public Expectation withCrash(CrashExpectation c) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, numa, rules, c, bootLoader);
    }

    /**
     * This expectation, read with the boot loader's edits {@code b} ({@code dtcore check} applies them).
     *
     * @param b the RAM banks and overlays the board is read with
     * @return a copy with the boot loader's edits recorded
     */
    public Expectation withBootLoader(BootLoaderSection b) {
        return new Expectation(board, scan, ram, chunks, reserved, dynamic, numa, rules, crash, Optional.of(b));
    }
}
