package org.dtcore.memory;

import java.util.List;

/**
 * A /reserved-memory child with {@code size} and no {@code reg} (SPEC §5): the kernel picks its place at
 * boot, so dtcore lists it and never invents an address.
 *
 * @param node        node path
 * @param size        requested size
 * @param alignment   requested alignment, 0 when not given
 * @param allocRanges {@code alloc-ranges}, empty when not given
 * @param noMap       {@code no-map}
 * @param reusable    {@code reusable}
 */
public record DynamicReservation(String node, long size, long alignment, List<MemoryRange> allocRanges,
                                 boolean noMap, boolean reusable) {
    /**
     * Copies the list of allowed ranges.
     *
     * @param node        node path
     * @param size        requested size in bytes
     * @param alignment   requested alignment in bytes, 0 when not given
     * @param allocRanges {@code alloc-ranges}, empty when not given
     * @param noMap       {@code no-map}
     * @param reusable    {@code reusable}
     */
    public DynamicReservation {
        allocRanges = List.copyOf(allocRanges);
    }
}
