package org.dtcore.layout;

import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;

/**
 * A RAM chunk an expectation names (SPEC §3.7: the per-source list). A null field, or
 * {@link #ANY_NUMA} for the NUMA node, is not checked: null is the expectation file's absent field
 * ({@link Expectation}), so this record is a pattern, not a result.
 *
 * @param range        the inclusive range
 * @param node         node path; null when not checked
 * @param property     property the chunk came from; null when not checked
 * @param numaNode     NUMA node id; {@link MemoryChunk#NO_NUMA_NODE} for "none"; {@link #ANY_NUMA} not checked
 * @param hotpluggable the hotpluggable flag; null when not checked
 */
public record ExpectedChunk(MemoryRange range, String node, String property, int numaNode, Boolean hotpluggable) {
    /** numaNode value meaning "not checked". */
    public static final int ANY_NUMA = -2;

    /**
     * Everything {@code c} says, as {@code dtcore expect} writes it.
     *
     * @param c a chunk of a memory map
     * @return a pattern that matches {@code c} and chunks equal to it in every field
     */
    public static ExpectedChunk of(MemoryChunk c) {
        return new ExpectedChunk(c.range(), c.node(), c.property(), c.numaNode(), c.hotpluggable());
    }

    /** The range and only the fields that are checked, e.g. "[start-end] from /memory@0, NUMA node 0". */
    @Override
    public String toString() {
        return range + (node == null ? "" : " from " + node) + (property == null ? "" : " " + property)
                + (numaNode == ANY_NUMA ? "" : numaNode == MemoryChunk.NO_NUMA_NODE ? ", no NUMA node"
                : ", NUMA node " + numaNode)
                + (hotpluggable == null ? "" : hotpluggable ? ", hotpluggable" : ", not hotpluggable");
    }

    /**
     * Whether {@code c} is this chunk: the same range, and the same value in every field that is checked.
     *
     * @param c a chunk of a memory map
     * @return true when every checked field agrees
     */
    public boolean matches(MemoryChunk c) {
        return range.equals(c.range())
                && (node == null || node.equals(c.node()))
                && (property == null || property.equals(c.property()))
                && (numaNode == ANY_NUMA || numaNode == c.numaNode())
                && (hotpluggable == null || hotpluggable == c.hotpluggable());
    }
}
