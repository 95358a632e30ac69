package org.dtcore.layout;

import java.util.List;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryRange;

/**
 * A /reserved-memory child placed at boot (SPEC §5), matched by node path. Null fields are not checked.
 *
 * @param node        node path (the key)
 * @param size        requested size
 * @param alignment   requested alignment, or null
 * @param allocRanges {@code alloc-ranges}, or null
 * @param noMap       the {@code no-map} flag, or null
 * @param reusable    the {@code reusable} flag, or null
 */
public record ExpectedDynamic(String node, long size, Long alignment, List<MemoryRange> allocRanges, Boolean noMap,
                              Boolean reusable) {
    public ExpectedDynamic {
        allocRanges = allocRanges == null ? null : List.copyOf(allocRanges);
    }

    public static ExpectedDynamic of(DynamicReservation d) {
        return new ExpectedDynamic(d.node(), d.size(), d.alignment(), d.allocRanges(), d.noMap(), d.reusable());
    }

    public boolean matches(DynamicReservation d) {
        return node.equals(d.node()) && size == d.size()
                && (alignment == null || alignment == d.alignment())
                && (allocRanges == null || allocRanges.equals(d.allocRanges()))
                && (noMap == null || noMap == d.noMap())
                && (reusable == null || reusable == d.reusable());
    }
}
