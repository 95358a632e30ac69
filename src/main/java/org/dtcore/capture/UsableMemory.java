package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.PowerPcFirmware;

/**
 * The memory a powerpc capture kernel may use and how its loader cuts it to a block of RAM
 * (file_load_64.c get_usable_memory_ranges, add_usable_mem; SPEC §11).
 *
 * <p>The list is [0, crash kernel end] — all of low memory, "early boot failure observed on guests"
 * otherwise, with the crashed kernel's part kept out by /memreserve/ entries instead — then RTAS, OPAL and
 * TCE regions, each merged into an overlapping entry or appended ({@link KexecRanges}); 7.3 puts the
 * crashkernel CMA ranges right after the crash kernel's entry (arch/powerpc/kexec/ranges.c).
 */
record UsableMemory(List<MemoryRange> ranges) {
    UsableMemory {
        ranges = List.copyOf(ranges);
    }

    static UsableMemory of(DeviceTree tree, MemoryRange crashKernel) {
        return of(tree, crashKernel, List.of());
    }

    /** As above with 7.3's crashkernel CMA ranges after the crash kernel (get_usable_memory_ranges()). */
    static UsableMemory of(DeviceTree tree, MemoryRange crashKernel, List<MemoryRange> cma) {
        KexecRanges list = new KexecRanges();
        list.add(0, crashKernel.end() + 1, "crash kernel");
        for (MemoryRange r : cma) {
            list.add(r.start(), r.size(), "crashkernel CMA");
        }
        PowerPcFirmware.Reader loader = PowerPcFirmware.Reader.KEXEC_FILE;
        PowerPcFirmware.rtas(tree, loader).ifPresent(list::add);
        PowerPcFirmware.opal(tree, loader).ifPresent(list::add);
        PowerPcFirmware.tce(tree, loader).forEach(list::add);
        return new UsableMemory(list.list());
    }

    /**
     * Every usable range inside the block [base, end], in list order, as add_usable_mem finds them: a
     * range wholly inside is taken, one that overlaps (by the kernel's strict test) is clipped to the block.
     */
    List<MemoryRange> within(long base, long end) {
        List<MemoryRange> out = new ArrayList<>();
        for (MemoryRange r : ranges) {
            long s = r.start();
            long e = r.end();
            boolean inside = Long.compareUnsigned(s, base) >= 0 && Long.compareUnsigned(e, end) <= 0;
            boolean overlaps = Long.compareUnsigned(base, e) < 0 && Long.compareUnsigned(end, s) > 0;
            if (!inside && !overlaps) {
                continue;
            }
            if (!inside) {
                s = Long.compareUnsigned(s, base) < 0 ? base : s;
                e = Long.compareUnsigned(e, end) > 0 ? end : e;
            }
            out.add(new MemoryRange(s, e));
        }
        return out;
    }
}
