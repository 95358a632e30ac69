package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;

/**
 * powerpc64's crash memory (SPEC §8; the kernel's get_crash_memory_ranges for kexec_file_load):
 * memblock RAM without no-map, the first 64 KiB left to its own backup entry, minus the crash kernel,
 * plus RTAS and OPAL exactly, plus the backup range [0, 0xffff], sorted by start without merging.
 */
final class PowerPcCrashRanges {
    static final long BACKUP_SIZE = 0x10000;
    /** crash_mem grows in 2048-byte chunks: (2048·k − 8) / 16 ranges. */
    private static final int CHUNK_BYTES = 2048;

    private PowerPcCrashRanges() {
    }

    /**
     * @param cuts         what crash_exclude_core_ranges() takes out (the crash kernel, then 7.3's CMA)
     * @param crashKernels the crash kernel regions alone
     */
    static CrashMemory build(MemoryMap map, List<MemoryRange> noMap, List<MemoryRange> cuts,
                             List<MemoryRange> crashKernels, CrashOptions options, List<String> notes) {
        List<MemoryChunk> regions = Memblock.withoutNoMap(Memblock.regions(map.chunks()), noMap);
        List<MemoryChunk> ranges = new ArrayList<>();
        int capacity = capacity(1);
        int chunksAllocated = 1;
        for (MemoryChunk r : regions) {
            MemoryChunk c = r;
            if (c.range().start() == 0) {
                // the backup region gets its own entry; RAM from 0 starts at 64 KiB instead
                if (Long.compareUnsigned(c.range().size(), BACKUP_SIZE) <= 0 && c.range().size() != 0) {
                    continue;
                }
                c = c.withRange(new MemoryRange(BACKUP_SIZE, c.range().end()));
            }
            if (ranges.size() == capacity) {
                capacity = capacity(++chunksAllocated);
            }
            ranges.add(c);
            // The kernel merges adjacent ranges whenever its array fills up, before growing it.
            if (ranges.size() == capacity) {
                ranges = mergeTouching(ranges);
            }
        }
        CrashMemRanges mem = CrashMemRanges.of(ranges, options.rule(), OptionalInt.empty());
        for (MemoryRange ck : cuts) {
            try {
                mem.exclude(ck);
            } catch (CrashException e) {
                throw new CrashException(e.kind(), "crash_mem", e.detail());
            }
        }
        List<MemoryChunk> out = new ArrayList<>(mem.chunks());
        for (ReservedRegion r : map.reserved()) {
            // "stay in parity with kexec-tools": RTAS and OPAL are added back with their exact size
            if (r.kind() == ReservedRegion.Kind.RTAS || r.kind() == ReservedRegion.Kind.OPAL) {
                out.add(new MemoryChunk(r.range(), r.node().orElse(null), r.kind().jsonName(), MemoryChunk.NO_NUMA_NODE, false));
            }
        }
        out.add(new MemoryChunk(new MemoryRange(0, BACKUP_SIZE - 1), null, "backup region",
                MemoryChunk.NO_NUMA_NODE, false));
        // sort_memory_ranges(mem, false): by start, nothing merged
        out.sort(MemoryChunk.BY_RANGE);
        notes.add("ppc64: " + regions.size() + " memblock region" + (regions.size() == 1 ? "" : "s")
                + ", backup [0, 0xffff] apart, " + crashKernels.size() + " crash kernel cut"
                + (crashKernels.size() == 1 ? "" : "s") + ", RTAS/OPAL added back, " + out.size() + " range"
                + (out.size() == 1 ? "" : "s"));
        return new CrashMemory(Arch.PPC64, out, false, crashKernels, notes);
    }

    private static int capacity(int chunks) {
        return (CHUNK_BYTES * chunks - 8) / 16;
    }

    /** sort_memory_ranges(mem, true): sort, then join overlapping or touching ranges. */
    private static List<MemoryChunk> mergeTouching(List<MemoryChunk> ranges) {
        List<MemoryChunk> sorted = new ArrayList<>(ranges);
        sorted.sort(MemoryChunk.BY_RANGE);
        List<MemoryChunk> out = new ArrayList<>();
        for (MemoryChunk c : sorted) {
            if (!out.isEmpty() && out.get(out.size() - 1).range().touches(c.range())) {
                MemoryChunk last = out.get(out.size() - 1);
                long end = Long.compareUnsigned(last.range().end(), c.range().end()) >= 0 ? last.range().end()
                        : c.range().end();
                out.set(out.size() - 1, last.withRange(new MemoryRange(last.range().start(), end)));
            } else {
                out.add(c);
            }
        }
        return out;
    }

}
