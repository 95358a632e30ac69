package org.dtcore.layout;

import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;

/**
 * A reserved region with a fixed place an expectation names (SPEC §5). Null fields are not checked.
 *
 * @param range    the inclusive range
 * @param kind     §12's kind word ({@code memreserve}, {@code reserved-memory}, ...), or null
 * @param node     node path, or null (a /memreserve/ entry has no node: write its kind instead)
 * @param noMap    the {@code no-map} flag, or null
 * @param reusable the {@code reusable} flag, or null
 */
public record ExpectedReserved(MemoryRange range, String kind, String node, Boolean noMap, Boolean reusable) {

    public static ExpectedReserved of(ReservedRegion r) {
        return new ExpectedReserved(r.range(), r.kind().jsonName(), r.node().orElse(null), r.noMap(), r.reusable());
    }

    public boolean matches(ReservedRegion r) {
        return range.equals(r.range())
                && (kind == null || kind.equals(r.kind().jsonName()))
                && (node == null || r.node().filter(node::equals).isPresent())
                && (noMap == null || noMap == r.noMap())
                && (reusable == null || reusable == r.reusable());
    }
}
