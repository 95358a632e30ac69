package org.dtcore.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * arm64_memblock_init (arch/arm64/mm/init.c, Linux 6.1 and 6.12) adds the initrd's pages to memory
 * whatever came before: {@code memblock_add(base, size)} with base = initrd start & PAGE_MASK and size up
 * to PAGE_ALIGN(initrd end), unless they lie below the start of DRAM or past what the linear map reaches
 * from it. So an initrd above a {@code mem=} limit, or in a hole between memory nodes, is RAM (SPEC §6).
 */
final class Arm64Initrd {
    /** linear_region_size with 48-bit VAs (PAGE_END − _PAGE_OFFSET(48) = 2^47), the common arm64 build. */
    static final long LINEAR_REGION_SIZE = 1L << 47;

    private final ScanState state;

    Arm64Initrd(ScanState state) {
        this.state = state;
    }

    /**
     * {@code chunks} plus the initrd's pages that are not RAM in them; a page that a memory node declared
     * (in {@code declared}, before a memory limit) comes back with that node's NUMA id.
     */
    List<MemoryChunk> addBack(List<MemoryChunk> chunks, List<MemoryChunk> declared, MemoryRange initrd) {
        long page = state.options.effectivePageSize();
        MemoryRange pages = new MemoryRange(initrd.start() & -page, initrd.end() | (page - 1));
        List<MemoryRange> ram = Ranges.merged(MemoryScan.ranges(chunks));
        List<MemoryRange> missing = Ranges.subtract(List.of(pages), ram);
        if (missing.isEmpty() || ram.isEmpty()) {
            return chunks;
        }
        long dramStart = ram.get(0).start();
        if (Long.compareUnsigned(pages.start(), dramStart) < 0
                || Long.compareUnsigned(pages.end() - dramStart, LINEAR_REGION_SIZE) >= 0) {
            state.warn("/chosen: arm64: the initrd " + pages + " is not fully reachable through the linear map;"
                    + " the kernel drops it (phys_initrd_size = 0)");
            return chunks;
        }
        List<MemoryChunk> out = new ArrayList<>(chunks);
        for (MemoryChunk c : declared) {
            if (missing.isEmpty()) {
                break;
            }
            if (c.range().overlaps(pages)) {
                for (MemoryRange piece : Ranges.intersect(List.of(c.range()), missing)) {
                    // memblock_add makes a region without flags; the node is the memory node's (of_numa)
                    out.add(new MemoryChunk(piece, c.node(), c.property(), c.numaNode(), false));
                }
                missing = Ranges.subtract(missing, List.of(c.range()));
            }
        }
        for (MemoryRange piece : missing) {
            out.add(new MemoryChunk(piece, "/chosen", "linux,initrd-start", MemoryChunk.NO_NUMA_NODE, false));
        }
        state.warn("/chosen: arm64 adds the initrd's pages " + pages + " to RAM (arm64_memblock_init)");
        return out;
    }
}
