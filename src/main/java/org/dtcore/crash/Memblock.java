package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;

/**
 * The kernel's memblock.memory regions made from RAM chunks (SPEC §8): memblock joins a block with its
 * neighbour only when both have the same NUMA node and the same flags, so two touching NUMA nodes stay
 * two regions (and two PT_LOADs). Where sources overlap, the region already there keeps the overlap.
 * The hotplug flag splits regions only until the end of boot: memblock_free_all() →
 * free_low_memory_core_early() → memblock_clear_hotplug(0, -1) clears it everywhere and memblock merges
 * the regions again (mm/memblock.c, Linux 6.1 and 6.12), before any kexec_file_load walks them.
 */
final class Memblock {
    private Memblock() {
    }

    /** The regions after boot: hotplug flags cleared, so only NUMA nodes keep touching regions apart. */
    static List<MemoryChunk> regions(List<MemoryChunk> chunks) {
        List<MemoryChunk> cleared = new ArrayList<>(chunks.size());
        for (MemoryChunk c : chunks) {
            cleared.add(c.hotpluggable() ? new MemoryChunk(c.range(), c.node(), c.property(), c.numaNode(), false) : c);
        }
        return bootRegions(cleared);
    }

    /**
     * The regions as they stand during boot, hotplug flags still set: what riscv64's init_resources()
     * turns into /proc/iomem "System RAM" lines (arch/riscv/kernel/setup.c), which its kexec_file_load reads.
     */
    static List<MemoryChunk> bootRegions(List<MemoryChunk> chunks) {
        List<MemoryChunk> sorted = new ArrayList<>(chunks);
        sorted.sort(MemoryChunk.BY_RANGE);
        List<MemoryChunk> out = new ArrayList<>();
        for (MemoryChunk c : sorted) {
            if (out.isEmpty()) {
                out.add(c);
                continue;
            }
            MemoryChunk last = out.get(out.size() - 1);
            MemoryRange lr = last.range();
            MemoryRange cr = c.range();
            if (lr.contains(cr)) {
                continue;
            }
            boolean sameKind = last.numaNode() == c.numaNode() && last.hotpluggable() == c.hotpluggable();
            if (cr.overlaps(lr) || (lr.end() != -1L && lr.end() + 1 == cr.start())) {
                if (sameKind) {
                    out.set(out.size() - 1, last.withRange(new MemoryRange(lr.start(), cr.end())));
                    continue;
                }
                if (cr.overlaps(lr)) {
                    c = c.withRange(new MemoryRange(lr.end() + 1, cr.end()));
                }
            }
            out.add(c);
        }
        return out;
    }

    /** Each region minus the no-map ranges (memblock NOMAP regions are skipped by for_each_mem_range). */
    static List<MemoryChunk> withoutNoMap(List<MemoryChunk> regions, List<MemoryRange> noMap) {
        if (noMap.isEmpty()) {
            return regions;
        }
        List<MemoryRange> cuts = Ranges.merged(noMap);
        List<MemoryChunk> out = new ArrayList<>();
        for (MemoryChunk c : regions) {
            for (MemoryRange piece : Ranges.subtract(List.of(c.range()), cuts)) {
                out.add(c.withRange(piece));
            }
        }
        return out;
    }
}
