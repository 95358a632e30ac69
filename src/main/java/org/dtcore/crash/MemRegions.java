package org.dtcore.crash;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * kexec-tools' range list of kexec/mem_regions.c, as arm64 and riscv use it. Its exclusion is not the
 * kernel's: a region is cut only from a range that holds it whole (mem_regions_exclude), and the upper
 * piece of a split is appended at the end of the list rather than placed after its lower half, so the list
 * stays unsorted unless the caller sorts it (arm64 does, riscv does not).
 */
final class MemRegions {
    private final List<LoaderRange> ranges = new ArrayList<>();

    /** mem_regions_add(): [base, base + length − 1]. */
    void add(long base, long length) {
        ranges.add(LoaderRange.ram(base, base + length - 1));
    }

    /** What an exclusion did to the list. */
    enum Cut { NONE, TRIMMED, SPLIT }

    /**
     * mem_regions_exclude(): the range holding {@code [exStart, exEnd]} whole loses it; SPLIT when that range
     * was split (its upper piece went to the end of the list).
     */
    Cut exclude(long exStart, long exEnd) {
        Cut cut = Cut.NONE;
        for (int i = 0; i < ranges.size(); i++) {
            LoaderRange r = ranges.get(i);
            if (Long.compareUnsigned(r.start(), exStart) > 0 || Long.compareUnsigned(r.end(), exEnd) < 0) {
                continue;
            }
            if (r.start() == exStart) {
                if (r.end() == exEnd) {
                    // mem_regions_remove() shifts the tail down, and the loop then steps past the next range
                    ranges.remove(i);
                } else {
                    ranges.set(i, r.withStart(exEnd + 1));
                }
                cut = Cut.TRIMMED;
            } else if (r.end() == exEnd) {
                ranges.set(i, r.withEnd(exStart - 1));
                cut = Cut.TRIMMED;
            } else {
                ranges.add(LoaderRange.ram(exEnd + 1, r.end()));
                ranges.set(i, r.withEnd(exStart - 1));
                return Cut.SPLIT;
            }
        }
        return cut;
    }

    /** mem_regions_sort(): ascending start. */
    void sort() {
        ranges.sort(Comparator.comparing(LoaderRange::start, Long::compareUnsigned));
    }

    int size() {
        return ranges.size();
    }

    LoaderRange get(int i) {
        return ranges.get(i);
    }

    List<LoaderRange> ranges() {
        return List.copyOf(ranges);
    }
}
