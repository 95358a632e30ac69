package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.PowerPcFirmware;
import org.dtcore.text.Numbers;

/**
 * powerpc's kexec range list (arch/powerpc/kexec/ranges.c add_mem_range): a range that overlaps one
 * already listed widens the first such range; any other is appended. Touching ranges are not joined,
 * and the list is not sorted: its order is the order of the reservations the loader writes.
 */
final class KexecRanges {
    private final List<MemoryRange> ranges = new ArrayList<>();

    /** Adds a firmware region as its properties hold it ({@link PowerPcFirmware}). */
    void add(PowerPcFirmware.Region region) {
        add(region.pair().address(), region.pair().size(), region.path());
    }

    /** Adds [base, base + size − 1]; size 0 adds nothing. */
    void add(long base, long size, String where) {
        if (size == 0) {
            return;
        }
        if (MemoryRange.wraps(base, size)) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, where,
                    Numbers.hex(base) + " + " + Numbers.hex(size) + " wraps past 2^64");
        }
        long end = base + size - 1;
        for (int i = 0; i < ranges.size(); i++) {
            MemoryRange r = ranges.get(i);
            // the kernel's overlap test: strict on both sides
            if (Long.compareUnsigned(base, r.end()) < 0 && Long.compareUnsigned(end, r.start()) > 0) {
                long start = Long.compareUnsigned(base, r.start()) < 0 ? base : r.start();
                long last = Long.compareUnsigned(end, r.end()) > 0 ? end : r.end();
                ranges.set(i, new MemoryRange(start, last));
                return;
            }
        }
        ranges.add(new MemoryRange(base, end));
    }

    List<MemoryRange> list() {
        return List.copyOf(ranges);
    }
}
