package org.dtcore.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * Fluent assertions on a {@link BoardLayout} for any test framework: each method checks one thing and
 * throws {@link AssertionError} whose message is the side-by-side report {@code dtcore check} prints
 * (expected on the left, actual on the right, the failing rule named). Ranges are written
 * {@code "START-END"} (inclusive) or {@code "START+SIZE"}; sizes as {@code "0x..."} or {@code "256M"}.
 *
 * <pre>{@code
 * assertThat(BoardLayout.load(Path.of("board.dtb")))
 *         .hasRam("0x40000000+4G")
 *         .reservesNoMap("0x4e000000+2M")
 *         .fitsCrashKernel("256M", "4G");
 * }</pre>
 */
public final class BoardLayoutAssert {
    private final BoardLayout layout;
    private final CrashMemorySource crash;
    private final Arch crashArch;
    /** The crash kernel regions the dump assertions use; null: those /chosen gives (SPEC §6). */
    private final List<MemoryRange> crashKernels;

    private BoardLayoutAssert(BoardLayout layout, CrashMemorySource crash, Arch crashArch,
                              List<MemoryRange> crashKernels) {
        this.layout = layout;
        this.crash = crash;
        this.crashArch = crashArch;
        this.crashKernels = crashKernels;
    }

    /**
     * Starts assertions on {@code layout}. The dump assertions ({@link #omitsFromDump}, {@link #includesInDump},
     * {@link #hasDumpRanges}) use Linux's policy for the architecture the layout was read with.
     *
     * @param layout the board's layout, e.g. {@link BoardLayout#load(Path)}
     * @return the assertions on it
     * @throws AssertionError when {@code layout} is null
     */
    public static BoardLayoutAssert assertThat(BoardLayout layout) {
        if (layout == null) {
            throw new AssertionError("expected a board layout, got null");
        }
        return new BoardLayoutAssert(layout, CrashMemorySource.LINUX, layout.options().arch(), null);
    }

    /**
     * Uses {@code source} and {@code arch} for {@link #omitsFromDump}, {@link #includesInDump} and
     * {@link #hasDumpRanges}; by default they are {@link CrashMemorySource#LINUX} and the architecture the
     * layout was read with.
     *
     * @param source what a dump covers (the kernel's policy, kexec-tools', or a test's own)
     * @param arch   whose SPEC §8 policy applies
     * @return assertions that evaluate the dump with them
     */
    public BoardLayoutAssert withCrashMemory(CrashMemorySource source, Arch arch) {
        return new BoardLayoutAssert(layout, source, arch, crashKernels);
    }

    /**
     * Uses these crash kernel regions for the dump assertions instead of those /chosen gives (SPEC §6: the
     * expectation file's {@code crash.crashkernel}).
     *
     * @param ranges the placed crash kernel regions, each {@code "START-END"} or {@code "START+SIZE"}
     * @return assertions that evaluate the dump with them
     */
    public BoardLayoutAssert withCrashKernels(String... ranges) {
        return new BoardLayoutAssert(layout, crash, crashArch, ranges(ranges));
    }

    /**
     * The whole expectation holds (an expectation file read with {@link ExpectationReader}).
     *
     * @param expected the expectation; its absent sections are not checked
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     */
    public BoardLayoutAssert matches(Expectation expected) {
        return verify(LayoutCheck.check(expected, layout.map(), crash));
    }

    /**
     * The expectation file holds.
     *
     * @param expectationFile an expectation file (docs/expectations.md)
     * @return these assertions, for more
     * @throws AssertionError when the file cannot be read or the expectation does not hold
     */
    public BoardLayoutAssert matches(Path expectationFile) {
        try {
            return matches(ExpectationReader.read(expectationFile));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + expectationFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Merged RAM is exactly these ranges (SPEC §3.7).
     *
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert hasRam(String... ranges) {
        return matches(Expectation.NOTHING.withRam(ranges(ranges)));
    }

    /**
     * Total RAM is exactly {@code size}.
     *
     * @param size bytes, as {@code "0x10000000"} or {@code "256M"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size cannot be read
     */
    public BoardLayoutAssert hasTotalRam(String size) {
        long s = number(size);
        return matches(Expectation.NOTHING.withRules(new LayoutRules(s, s, null, null, null, false, false)));
    }

    /**
     * Total RAM is at least {@code size} (the rule {@code totalRamAtLeast}).
     *
     * @param size bytes, as {@code "0x10000000"} or {@code "256M"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size cannot be read
     */
    public BoardLayoutAssert hasTotalRamAtLeast(String size) {
        return matches(Expectation.NOTHING.withRules(new LayoutRules(number(size), null, null, null, null, false,
                false)));
    }

    /**
     * Total RAM is at most {@code size} (the rule {@code totalRamAtMost}).
     *
     * @param size bytes, as {@code "0x10000000"} or {@code "256M"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size cannot be read
     */
    public BoardLayoutAssert hasTotalRamAtMost(String size) {
        return matches(Expectation.NOTHING.withRules(new LayoutRules(null, number(size), null, null, null, false,
                false)));
    }

    /**
     * Every RAM address is at or above {@code address}.
     *
     * @param address a physical address, as {@code "0x80000000"} or {@code "2G"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the address cannot be read
     */
    public BoardLayoutAssert hasNoRamBelow(String address) {
        return matches(Expectation.NOTHING.withRules(new LayoutRules(null, null, number(address), null, null, false,
                false)));
    }

    /**
     * Every RAM address is below {@code address} (the rule {@code noRamFrom}).
     *
     * @param address a physical address, as {@code "0x80000000"} or {@code "2G"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the address cannot be read
     */
    public BoardLayoutAssert hasNoRamFrom(String address) {
        return matches(Expectation.NOTHING.withRules(new LayoutRules(null, null, null, number(address), null, false,
                false)));
    }

    /**
     * The per-source RAM chunks are exactly these ranges, in order (SPEC §3.7: the expectation file's
     * {@code chunks}, node, property, NUMA node and hotplug flag not checked).
     *
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert hasChunks(String... ranges) {
        List<ExpectedChunk> rows = ranges(ranges).stream()
                .map(r -> new ExpectedChunk(r, null, null, ExpectedChunk.ANY_NUMA, null)).toList();
        return matches(Expectation.NOTHING.withChunks(rows));
    }

    /**
     * A RAM chunk lies exactly at {@code range} and comes from the node {@code node} (SPEC §3.7).
     *
     * @param range the range, {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @param node  the node path, e.g. {@code "/memory@40000000"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the range cannot be read
     */
    public BoardLayoutAssert hasChunk(String range, String node) {
        ExpectedChunk c = new ExpectedChunk(range(range), node, null, ExpectedChunk.ANY_NUMA, null);
        return verify(report(LayoutCheck.CHUNKS.compare("chunks", "chunk", List.of(c), layout.map().chunks(),
                false)));
    }

    /**
     * The reserved regions with a place are exactly these ranges, in order, whatever their kind (SPEC §5: the
     * expectation file's {@code reserved} list); {@link #reserves} asks for one among others.
     *
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert hasReservedExactly(String... ranges) {
        List<ExpectedReserved> rows = ranges(ranges).stream()
                .map(r -> new ExpectedReserved(r, null, null, null, null)).toList();
        return matches(Expectation.NOTHING.withReserved(rows));
    }

    /**
     * A reserved region (any kind) lies exactly at {@code range} (SPEC §5).
     *
     * @param range the range, {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the range cannot be read
     */
    public BoardLayoutAssert reserves(String range) {
        return reserved(new ExpectedReserved(range(range), null, null, null, null));
    }

    /**
     * A {@code no-map} reserved region lies exactly at {@code range}: gone from the kernel's memory (SPEC §5).
     *
     * @param range the range, {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the range cannot be read
     */
    public BoardLayoutAssert reservesNoMap(String range) {
        return reserved(new ExpectedReserved(range(range), null, null, true, null));
    }

    /**
     * A /reserved-memory child {@code node} of {@code size} is placed at boot (SPEC §5).
     *
     * @param node the node path, e.g. {@code "/memory@40000000"}
     * @param size bytes, as {@code "0x10000000"} or {@code "256M"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size cannot be read
     */
    public BoardLayoutAssert reservesDynamic(String node, String size) {
        ExpectedDynamic d = new ExpectedDynamic(node, number(size), null, null, null, null);
        return verify(report(LayoutCheck.DYNAMIC.compare("dynamic", "region", List.of(d),
                layout.map().dynamicReserved(), false)));
    }

    /**
     * NUMA node {@code id} holds {@code size} bytes of RAM (SPEC §3.6).
     *
     * @param id   the NUMA node id ({@code numa-node-id})
     * @param size bytes, as {@code "0x10000000"} or {@code "256M"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size cannot be read
     */
    public BoardLayoutAssert hasNumaNode(int id, String size) {
        return verify(report(NumaCheck.compare(List.of(new ExpectedNumaNode(id, null, number(size))),
                NumaLayout.of(layout.map()), false)));
    }

    /**
     * NUMA node {@code id}'s merged RAM is exactly these ranges (SPEC §3.6).
     *
     * @param id     the NUMA node id ({@code numa-node-id})
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert hasNumaNodeRam(int id, String... ranges) {
        return verify(report(NumaCheck.compare(List.of(new ExpectedNumaNode(id, ranges(ranges), null)),
                NumaLayout.of(layout.map()), false)));
    }

    /**
     * A crash kernel of {@code size} fits in RAM below {@code below}, after reserved regions (SPEC §6), at
     * arm64's and riscv's alignment of 2 MiB ({@link CrashKernelFit#DEFAULT_ALIGNMENT}).
     *
     * @param size  bytes, as {@code "0x10000000"} or {@code "256M"}
     * @param below the exclusive upper limit, as {@code "0x100000000"} or {@code "4G"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size or the limit cannot be read
     */
    public BoardLayoutAssert fitsCrashKernel(String size, String below) {
        return fitsCrashKernel(size, below, Numbers.hex(CrashKernelFit.DEFAULT_ALIGNMENT));
    }

    /**
     * A crash kernel of {@code size} starting at a multiple of {@code alignment} fits in RAM below
     * {@code below}, after reserved regions (the rule {@code crashkernelFits}; x86's CRASH_ALIGN is 16M).
     *
     * @param size      bytes, as {@code "0x10000000"} or {@code "256M"}
     * @param below     the exclusive upper limit, as {@code "0x100000000"} or {@code "4G"}
     * @param alignment the start alignment, as {@code "0x200000"} or {@code "2M"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when the size, the limit or the alignment cannot be read
     */
    public BoardLayoutAssert fitsCrashKernel(String size, String below, String alignment) {
        CrashKernelFit fit = new CrashKernelFit(number(size), number(below), number(alignment));
        return matches(Expectation.NOTHING.withRules(new LayoutRules(null, null, null, null, fit, false, false)));
    }

    /**
     * No reserved region crosses a RAM edge (the rule {@code reservedWithinRam}).
     *
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     */
    public BoardLayoutAssert hasReservedWithinRam() {
        return matches(Expectation.NOTHING.withRules(new LayoutRules(null, null, null, null, null, true, false)));
    }

    /**
     * No two reserved regions overlap (the rule {@code reservedDisjoint}).
     *
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     */
    public BoardLayoutAssert hasReservedDisjoint() {
        return matches(Expectation.NOTHING.withRules(new LayoutRules(null, null, null, null, null, false, true)));
    }

    /**
     * No dump range touches {@code ranges} (SPEC §8: e.g. no-map regions on arm64); needs an architecture.
     *
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert omitsFromDump(String... ranges) {
        return crashCheck(new CrashExpectation(crashArch, crashKernels, null, ranges(ranges), List.of()));
    }

    /**
     * The dump covers {@code ranges} in full (SPEC §8); needs an architecture.
     *
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert includesInDump(String... ranges) {
        return crashCheck(new CrashExpectation(crashArch, crashKernels, null, List.of(), ranges(ranges)));
    }

    /**
     * The dump lists exactly these ranges, in order (SPEC §8: {@code crash.dumpRanges}); needs an architecture.
     *
     * @param ranges the ranges, each {@code "START-END"} (inclusive) or {@code "START+SIZE"}
     * @return these assertions, for more
     * @throws AssertionError when it does not hold, with the report
     * @throws IllegalArgumentException when a range cannot be read
     */
    public BoardLayoutAssert hasDumpRanges(String... ranges) {
        return crashCheck(new CrashExpectation(crashArch, crashKernels, ranges(ranges), List.of(), List.of()));
    }

    /**
     * The layout under test, for assertions of a test's own.
     *
     * @return the layout given to {@link #assertThat(BoardLayout)}
     */
    public BoardLayout layout() {
        return layout;
    }

    private BoardLayoutAssert crashCheck(CrashExpectation c) {
        CheckReport r = LayoutCheck.check(Expectation.NOTHING.withCrash(c), layout.map(), crash);
        if (r.findings().stream().anyMatch(f -> f.outcome() == Finding.Outcome.NOT_EVALUATED)) {
            throw new AssertionError(header() + r.text(false)
                    + "give the architecture: BoardLayout.load(path, ScanOptions.forArch(...)) or withCrashMemory(source, arch)");
        }
        return verify(r);
    }

    private BoardLayoutAssert reserved(ExpectedReserved e) {
        return verify(report(LayoutCheck.RESERVED.compare("reserved", "region", List.of(e), layout.map().reserved(),
                false)));
    }

    private static CheckReport report(Finding f) {
        return new CheckReport("expected", "actual", List.of(f));
    }

    private BoardLayoutAssert verify(CheckReport report) {
        if (!report.passed()) {
            throw new AssertionError(header() + report.text(true));
        }
        return this;
    }

    private String header() {
        return "layout of " + (layout.source().isEmpty() ? layout.name() : layout.source().get()) + ":\n";
    }

    private static List<MemoryRange> ranges(String... texts) {
        return Arrays.stream(texts).map(BoardLayoutAssert::range).toList();
    }

    private static MemoryRange range(String text) {
        try {
            return RangeText.parse(text);
        } catch (TextException e) {
            throw new IllegalArgumentException("bad range in assertion: " + e.getMessage(), e);
        }
    }

    private static long number(String text) {
        try {
            return Numbers.parse(text);
        } catch (TextException e) {
            throw new IllegalArgumentException("bad number in assertion: " + e.getMessage(), e);
        }
    }
}
