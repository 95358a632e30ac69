package org.dtcore.layout;

import java.util.List;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryRange;

/**
 * A /reserved-memory child placed at boot (SPEC §5), matched by node path. Null fields are not checked:
 * null is the expectation file's absent field ({@link Expectation}), so this record is a pattern, not a result.
 *
 * @param node        node path (the key)
 * @param size        requested size
 * @param alignment   requested alignment; null when not checked
 * @param allocRanges {@code alloc-ranges}; null when not checked
 * @param noMap       the {@code no-map} flag; null when not checked
 * @param reusable    the {@code reusable} flag; null when not checked
 */
public record ExpectedDynamic(String node, long size, Long alignment, List<MemoryRange> allocRanges, Boolean noMap,
                              Boolean reusable) {
    /**
     * Copies the alloc-ranges when given.
     *
     * @param node        node path (the key)
     * @param size        requested size
     * @param alignment   requested alignment; null when not checked
     * @param allocRanges {@code alloc-ranges}; null when not checked
     * @param noMap       the {@code no-map} flag; null when not checked
     * @param reusable    the {@code reusable} flag; null when not checked
     */
    public ExpectedDynamic {
        allocRanges = allocRanges == null ? null : List.copyOf(allocRanges);
    }

    /**
     * Everything {@code d} says, as {@code dtcore expect} writes it.
     *
     * @param d a dynamic reservation of a memory map
     * @return a pattern that matches {@code d} and reservations equal to it in every field
     */
    public static ExpectedDynamic of(DynamicReservation d) {
        return new ExpectedDynamic(d.node(), d.size(), d.alignment(), d.allocRanges(), d.noMap(), d.reusable());
    }

    /**
     * Whether {@code d} is this reservation: the same node and size, and the same value in every field that
     * is checked.
     *
     * @param d a dynamic reservation of a memory map
     * @return true when every checked field agrees
     */
    public boolean matches(DynamicReservation d) {
        return node.equals(d.node()) && size == d.size()
                && (alignment == null || alignment == d.alignment())
                && (allocRanges == null || allocRanges.equals(d.allocRanges()))
                && (noMap == null || noMap == d.noMap())
                && (reusable == null || reusable == d.reusable());
    }
}
