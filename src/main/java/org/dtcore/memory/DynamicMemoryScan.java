package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_TREE;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.text.Numbers;

/**
 * RAM from powerpc's {@code /ibm,dynamic-reconfiguration-memory} (SPEC §4), as the kernel's
 * early_init_drmem_lmb reads it.
 */
final class DynamicMemoryScan {
    static final String NODE = "/ibm,dynamic-reconfiguration-memory";
    static final int ASSIGNED = 0x8;
    static final int RESERVED = 0x80;
    static final int HOTREMOVABLE = 0x100;

    private final ScanState state;
    private final FdtNode node;
    private long lmbSize;
    private UsableMemory usable;
    private NumaLookup.LmbNodes numa;
    // The run of contiguous LMB ranges being built (runProperty null when none).
    private String runProperty;
    private long runStart;
    private long runEnd;
    private int runNid;
    private boolean runHotplug;

    DynamicMemoryScan(ScanState state, FdtNode node) {
        this.state = state;
        this.node = node;
    }

    void scan(List<MemoryChunk> out) {
        Optional<FdtProperty> size = node.property("ibm,lmb-size");
        if (size.isEmpty()) {
            state.warn(NODE + ": no ibm,lmb-size; LMBs ignored");
            return;
        }
        OptionalLong found = DrconfFormat.lmbSize(node, state.cells);
        if (found.isEmpty()) {
            state.warn(size.get().path() + ": " + size.get().length() + " bytes, shorter than the root's #size-cells;"
                    + " LMBs ignored as the kernel does");
            return;
        }
        if (!Cells.fits(size.get(), 0, state.sizeCells)) {
            state.warnWide(size.get());
        }
        lmbSize = found.getAsLong();
        if (lmbSize == 0) {
            state.warn(NODE + "/ibm,lmb-size: 0; LMBs ignored");
            return;
        }
        usable = node.property("linux,drconf-usable-memory").map(p -> new UsableMemory(p, state)).orElse(null);
        // SPEC §4: the same form and primary index as memory@ nodes (only powerpc has this node)
        numa = state.numa().lmbNodes(node.property("ibm,associativity-lookup-arrays"));
        // SPEC §4: v1 wins when both are present
        Optional<FdtProperty> list = DrconfFormat.list(node);
        if (list.isPresent() && DrconfFormat.isV2(list.get())) {
            scanV2(list.get(), out);
        } else if (list.isPresent()) {
            scanV1(list.get(), out);
        }
        flush(out);
    }

    /** v1 (DrconfFormat): one LMB per entry. */
    private void scanV1(FdtProperty p, List<MemoryChunk> out) {
        if (!readable(p)) {
            return;
        }
        // The path names a bad LMB in errors only: build it once, not once per LMB (262,144 on big pseries).
        String where = p.path();
        DrconfFormat.walk(p, state.cells, (i, count, base, aa, flags) -> {
            if (isRam(flags)) {
                addLmb(p, where, base, aa, flags, out);
            }
        });
    }

    /** The kernel ignores a property too short for its count; so do we, aloud. */
    private boolean readable(FdtProperty p) {
        Optional<String> problem = DrconfFormat.problem(p, state.cells);
        if (problem.isPresent()) {
            state.warn(p.path() + ": " + problem.get() + "; ignored as the kernel does");
        } else if (!DrconfFormat.fits(p, state.cells)) {
            state.warnWide(p);
        }
        return problem.isEmpty();
    }

    /**
     * v2 (DrconfFormat): a set of n LMBs is added as n LMBs, but never more LMBs than the input can
     * describe: a set claiming 2^32 LMBs of 256 MiB wraps past 2^64 and is refused before anything is
     * allocated.
     */
    private void scanV2(FdtProperty p, List<MemoryChunk> out) {
        if (!readable(p)) {
            return;
        }
        DrconfFormat.walk(p, state.cells, (s, seq, base, aa, flags) -> set(p, s, seq, base, aa, flags, out));
    }

    private void set(FdtProperty p, int s, long seq, long base, long aa, int flags, List<MemoryChunk> out) {
        if (seq == 0) {
            return;
        }
        // SPEC §0: base + seq × lmb-size must not wrap. Both are unsigned (lmb-size may be ≥ 2^63),
        // so the product is checked by unsigned division, not by Math.multiplyExact's sign.
        if (Long.compareUnsigned(lmbSize, Long.divideUnsigned(-1L, seq)) > 0) {
            throw new MemoryMapException(BAD_TREE, p.path(), "set " + s + " of " + seq + " LMBs of "
                    + Numbers.hex(lmbSize) + " bytes overflows 64 bits");
        }
        long span = seq * lmbSize;
        MemoryRange set = MemoryRange.ofSize(base, span, p.path() + " set " + s);
        if (!isRam(flags)) {
            return;
        }
        if (usable == null) {
            // One chunk for the set: memblock merges its contiguous LMBs anyway.
            add(set.start(), set.end(), p.name(), aa, flags, out);
            return;
        }
        String where = p.path();
        for (long i = 0; i < seq && usable.hasMore(); i++) {
            addLmb(p, where, base + i * lmbSize, aa, flags, out);
        }
    }

    private static boolean isRam(int flags) {
        // SPEC §4: RAM only when ASSIGNED is set and RESERVED is clear
        return (flags & ASSIGNED) != 0 && (flags & RESERVED) == 0;
    }

    private void addLmb(FdtProperty p, String where, long base, long aa, int flags, List<MemoryChunk> out) {
        if (!isRam(flags)) {
            return;
        }
        if (usable == null) {
            add(base, MemoryRange.endOf(base, lmbSize, where), p.name(), aa, flags, out);
            return;
        }
        // SPEC §4: a capture kernel's per-LMB list; the kernel reads it only for LMBs that are RAM
        long ranges = usable.next(state.sizeCells);
        for (long r = 0; r < ranges; r++) {
            long b = usable.next(state.addressCells);
            long s = usable.next(state.sizeCells);
            if (s != 0) {
                add(b, MemoryRange.endOf(b, s, usable.where), usable.property.name(), aa, flags, out);
            }
        }
    }

    /**
     * Adds a range, joined to the run before it when it continues it with the same property, NUMA node
     * and hotplug flag: memblock would join them anyway, v1 and v2 descriptions of the same memory then
     * give the same chunks, and 262,144 contiguous LMBs cost one chunk (and no garbage) instead of 262,144.
     */
    private void add(long start, long end, String property, long aa, int flags, List<MemoryChunk> out) {
        int nid = numa.nodeOf(aa, flags);
        boolean hotplug = (flags & HOTREMOVABLE) != 0;
        if (property.equals(runProperty) && runNid == nid && runHotplug == hotplug && runEnd != -1L
                && runEnd + 1 == start) {
            runEnd = end;
            return;
        }
        flush(out);
        runProperty = property;
        runStart = start;
        runEnd = end;
        runNid = nid;
        runHotplug = hotplug;
    }

    /** Ends the run being built, adding it as a chunk. */
    private void flush(List<MemoryChunk> out) {
        if (runProperty != null) {
            out.add(new MemoryChunk(new MemoryRange(runStart, runEnd), NODE, runProperty, runNid, runHotplug));
            runProperty = null;
        }
    }

    /** A cursor over linux,drconf-usable-memory that fails with the property's path when it runs out. */
    private static final class UsableMemory {
        final FdtProperty property;
        final String where;
        final ScanState state;
        int cell;

        UsableMemory(FdtProperty property, ScanState state) {
            this.property = property;
            this.where = property.path();
            this.state = state;
        }

        boolean hasMore() {
            return cell < property.cellCount();
        }

        long next(int cells) {
            if (cell + cells > property.cellCount()) {
                throw new MemoryMapException(BAD_TREE, property.path(), "ends at cell " + cell
                        + " while an LMB's ranges were still being read");
            }
            long v = state.number(property, cell, cells);
            cell += cells;
            return v;
        }
    }
}
