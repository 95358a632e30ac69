package org.dtcore.layout;

import java.util.List;
import org.dtcore.memory.MemoryRange;

/**
 * The RAM of one NUMA node (SPEC §3.6): its merged ranges, or only its total where boards vary. Null is the
 * expectation file's absent field ({@link Expectation}): this record is a pattern, not a result.
 *
 * @param id     the node id ({@code numa-node-id})
 * @param ranges merged ranges; null when only the total is checked
 * @param total  total bytes; null when only the ranges are checked
 */
public record ExpectedNumaNode(int id, List<MemoryRange> ranges, Long total) {
    /**
     * Copies the ranges when given.
     *
     * @param id     the node id ({@code numa-node-id})
     * @param ranges merged ranges; null when only the total is checked
     * @param total  total bytes; null when only the ranges are checked
     */
    public ExpectedNumaNode {
        ranges = ranges == null ? null : List.copyOf(ranges);
    }
}
