package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.memory.Ranges;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * Where a crash kernel of a given size could go (SPEC §6 {@code crashkernel=SIZE} without an offset): RAM
 * minus every reserved region with a place and every crash kernel already placed, below the limit, at
 * the alignment asked for. Like the kernel's memblock allocator it takes the highest place that fits.
 * Dynamic reservations are not taken out: their place is chosen later (SPEC §5).
 */
final class CrashKernelPlacement {
    private CrashKernelPlacement() {
    }

    /** The highest aligned place for {@code fit} in {@code map}, if there is one. */
    public static Optional<MemoryRange> highestFit(CrashKernelFit fit, MemoryMap map) {
        List<MemoryRange> free = free(fit, map);
        long align = fit.alignment() == 0 ? 1 : fit.alignment();
        for (int i = free.size() - 1; i >= 0; i--) {
            MemoryRange f = free.get(i);
            if (Long.compareUnsigned(f.size(), fit.size()) < 0 && f.size() != 0) {
                continue;
            }
            long start = Long.divideUnsigned(f.end() - fit.size() + 1, align) * align;
            if (Long.compareUnsigned(start, f.start()) >= 0) {
                return Optional.of(new MemoryRange(start, start + fit.size() - 1));
            }
        }
        return Optional.empty();
    }

    static Finding finding(CrashKernelFit fit, MemoryMap map) {
        String want = ByteSize.human(fit.size()) + " aligned to " + ByteSize.human(fit.alignment()) + " below "
                + Numbers.hex(fit.below());
        Optional<MemoryRange> place = highestFit(fit, map);
        if (place.isPresent()) {
            return Finding.of("rules.crashkernelFits", true, want + " fits at " + RangeText.format(place.get()),
                    List.of(DiffRow.same(want, "fits at " + RangeText.format(place.get()))));
        }
        List<MemoryRange> free = free(fit, map);
        MemoryRange largest = null;
        for (MemoryRange f : free) {
            if (largest == null || Long.compareUnsigned(f.size(), largest.size()) > 0) {
                largest = f;
            }
        }
        String found = largest == null ? "no free RAM below " + Numbers.hex(fit.below())
                : "largest free stretch " + RowText.range(largest);
        return Finding.of("rules.crashkernelFits", false, want + " does not fit; " + found,
                List.of(DiffRow.changed(want, found)));
    }

    /** Free RAM below the limit, sorted and merged. */
    private static List<MemoryRange> free(CrashKernelFit fit, MemoryMap map) {
        if (fit.size() == 0 || fit.below() == 0) {
            return List.of();
        }
        List<MemoryRange> taken = new ArrayList<>(map.chosen().crashKernels());
        map.reserved().forEach(r -> taken.add(r.range()));
        List<MemoryRange> free = Ranges.subtract(map.memory(), taken);
        return Ranges.intersect(free, List.of(new MemoryRange(0, fit.below() - 1)));
    }
}
