package org.dtcore.layout;

import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;

/**
 * A reserved region with a fixed place an expectation names (SPEC §5). Null fields are not checked: null is
 * the expectation file's absent field ({@link Expectation}), so this record is a pattern, not a result.
 *
 * @param range    the inclusive range
 * @param kind     §12's kind word ({@code memreserve}, {@code reserved-memory}, ...); null when not checked
 * @param node     node path; null when not checked (a /memreserve/ entry has no node: check its kind instead)
 * @param noMap    the {@code no-map} flag; null when not checked
 * @param reusable the {@code reusable} flag; null when not checked
 */
public record ExpectedReserved(MemoryRange range, String kind, String node, Boolean noMap, Boolean reusable) {

    /**
     * Everything {@code r} says, as {@code dtcore expect} writes it.
     *
     * @param r a reserved region of a memory map
     * @return a pattern that matches {@code r} and regions equal to it in every field
     */
    public static ExpectedReserved of(ReservedRegion r) {
        return new ExpectedReserved(r.range(), r.kind().jsonName(), r.node().orElse(null), r.noMap(), r.reusable());
    }

    /**
     * Whether {@code r} is this region: the same range, and the same value in every field that is checked.
     *
     * @param r a reserved region of a memory map
     * @return true when every checked field agrees
     */
    public boolean matches(ReservedRegion r) {
        return range.equals(r.range())
                && (kind == null || kind.equals(r.kind().jsonName()))
                && (node == null || r.node().filter(node::equals).isPresent())
                && (noMap == null || noMap == r.noMap())
                && (reusable == null || reusable == r.reusable());
    }
}
