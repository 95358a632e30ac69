package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_TREE;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

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
        lmbSize = size.get().cells(0, state.sizeCells);
        if (lmbSize == 0) {
            state.warn(NODE + "/ibm,lmb-size: 0; LMBs ignored");
            return;
        }
        usable = node.property("linux,drconf-usable-memory").map(UsableMemory::new).orElse(null);
        // SPEC §4: the same form and primary index as memory@ nodes (only powerpc has this node)
        numa = state.numa().lmbNodes(node.property("ibm,associativity-lookup-arrays"));
        // SPEC §4: v1 wins when both are present
        Optional<FdtProperty> v1 = node.property("ibm,dynamic-memory");
        if (v1.isPresent()) {
            scanV1(v1.get(), out);
        } else {
            node.property("ibm,dynamic-memory-v2").ifPresent(v2 -> scanV2(v2, out));
        }
        flush(out);
    }

    /** v1: u32 count, then {base (root address cells), drc_index, reserved, aa_index, flags} each. */
    private void scanV1(FdtProperty p, List<MemoryChunk> out) {
        long count = p.cell(0);
        int entryCells = state.addressCells + 4;
        // The kernel ignores a property too short for its count; so do we, aloud.
        if (count * entryCells + 1 > p.cellCount()) {
            state.warn(p.path() + ": count " + count + " needs " + (count * entryCells + 1) * 4
                    + " bytes, property has " + p.length() + "; ignored as the kernel does");
            return;
        }
        // The path names a bad LMB in errors only: build it once, not once per LMB (262,144 on big pseries).
        String where = p.path();
        // Read through one view: the length check above covers every entry, so no per-cell checks.
        ByteBuffer v = p.buffer();
        int ac = state.addressCells;
        for (int i = 0; i < count; i++) {
            int at = (1 + i * entryCells) * 4;
            int flags = v.getInt(at + (ac + 3) * 4);
            if (!isRam(flags)) {
                continue;
            }
            long base = ac == 2 ? v.getLong(at) : p.cells(1 + i * entryCells, ac);
            long aa = Integer.toUnsignedLong(v.getInt(at + (ac + 2) * 4));
            addLmb(p, where, base, aa, flags, out);
        }
    }

    /**
     * v2: u32 count of sets, then {u32 seq_lmbs, base (root address cells), drc_index, aa_index, flags}.
     * A set of n LMBs is added as n LMBs, but never more LMBs than the input can describe: a set claiming
     * 2^32 LMBs of 256 MiB wraps past 2^64 and is refused before anything is allocated.
     */
    private void scanV2(FdtProperty p, List<MemoryChunk> out) {
        long sets = p.cell(0);
        int setCells = state.addressCells + 4;
        if (sets * setCells + 1 > p.cellCount()) {
            state.warn(p.path() + ": count " + sets + " needs " + (sets * setCells + 1) * 4
                    + " bytes, property has " + p.length() + "; ignored as the kernel does");
            return;
        }
        for (int s = 0; s < sets; s++) {
            int at = 1 + s * setCells;
            long seq = p.cell(at);
            long base = p.cells(at + 1, state.addressCells);
            long aa = p.cell(at + 1 + state.addressCells + 1);
            int flags = (int) p.cell(at + 1 + state.addressCells + 2);
            if (seq == 0) {
                continue;
            }
            // SPEC §0: base + seq × lmb-size must not wrap. Both are unsigned (lmb-size may be ≥ 2^63),
            // so the product is checked by unsigned division, not by Math.multiplyExact's sign.
            if (Long.compareUnsigned(lmbSize, Long.divideUnsigned(-1L, seq)) > 0) {
                throw new MemoryMapException(BAD_TREE, p.path(), "set " + s + " of " + seq + " LMBs of 0x"
                        + Long.toHexString(lmbSize) + " bytes overflows 64 bits");
            }
            long span = seq * lmbSize;
            MemoryRange set = MemoryRange.ofSize(base, span, p.path() + " set " + s);
            if (!isRam(flags)) {
                continue;
            }
            if (usable == null) {
                // One chunk for the set: memblock merges its contiguous LMBs anyway.
                add(set.start(), set.end(), p.name(), aa, flags, out);
                continue;
            }
            String where = p.path();
            for (long i = 0; i < seq && usable.hasMore(); i++) {
                addLmb(p, where, base + i * lmbSize, aa, flags, out);
            }
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
        int cell;

        UsableMemory(FdtProperty property) {
            this.property = property;
            this.where = property.path();
        }

        boolean hasMore() {
            return cell < property.cellCount();
        }

        long next(int cells) {
            if (cell + cells > property.cellCount()) {
                throw new MemoryMapException(BAD_TREE, property.path(), "ends at cell " + cell
                        + " while an LMB's ranges were still being read");
            }
            long v = property.cells(cell, cells);
            cell += cells;
            return v;
        }
    }
}
