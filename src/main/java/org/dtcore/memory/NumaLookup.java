package org.dtcore.memory;

import java.util.Optional;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * NUMA node of an LMB from its aa_index (SPEC §4), by PAPR form 1: the lookup array's entry at the
 * first of {@code /rtas ibm,associativity-reference-points}. Anything missing means "no node".
 */
final class NumaLookup {
    private static final NumaLookup NONE = new NumaLookup(null, 0, 0, 0);

    private final FdtProperty arrays;
    private final long count;
    private final long width;
    private final long index;

    private NumaLookup(FdtProperty arrays, long count, long width, long index) {
        this.arrays = arrays;
        this.count = count;
        this.width = width;
        this.index = index;
    }

    static NumaLookup of(DeviceTree tree, FdtNode drconf) {
        Optional<FdtProperty> la = drconf.property("ibm,associativity-lookup-arrays");
        Optional<FdtProperty> ref = tree.node("/rtas").flatMap(n -> n.property("ibm,associativity-reference-points"));
        if (la.isEmpty() || ref.isEmpty() || la.get().cellCount() < 2 || ref.get().cellCount() < 1) {
            return NONE;
        }
        long count = la.get().cell(0);
        long width = la.get().cell(1);
        long index = ref.get().cell(0);
        // count and width are u32: their product can pass 2^63, so compare by division, never multiply
        if (index == 0 || index > width || count > (la.get().cellCount() - 2) / width) {
            return NONE;
        }
        return new NumaLookup(la.get(), count, width, index);
    }

    int nodeOf(long aaIndex) {
        if (arrays == null || aaIndex >= count) {
            return MemoryChunk.NO_NUMA_NODE;
        }
        long nid = arrays.cell((int) (2 + aaIndex * width + index - 1));
        // the kernel treats 0xffff and out-of-range ids as "no node"
        return nid >= 0xffff ? MemoryChunk.NO_NUMA_NODE : (int) nid;
    }
}
