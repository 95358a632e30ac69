package org.dtcore.memory;

import java.util.Comparator;

/**
 * A piece of RAM as one source declared it (SPEC §3, §4), with where it came from.
 *
 * @param range        the inclusive physical range, after the architecture's alignment rules
 * @param node         path of the node that declared it (e.g. {@code /memory@40000000})
 * @param property     the property it came from ({@code reg}, {@code linux,usable-memory},
 *                     {@code ibm,dynamic-memory}, {@code ibm,dynamic-memory-v2}, ...; "System RAM" for iomem)
 * @param numaNode     the NUMA node, or {@link #NO_NUMA_NODE} when none is given
 * @param hotpluggable whether the node carries {@code hotpluggable} (memblock flag, kept apart in §8)
 */
public record MemoryChunk(MemoryRange range, String node, String property, int numaNode, boolean hotpluggable) {

    /** The {@link #numaNode()} of a chunk whose source names no NUMA node (NUMA_NO_NODE in the kernel). */
    public static final int NO_NUMA_NODE = -1;

    /**
     * Chunks by range. A class, not {@code Comparator.comparing(MemoryChunk::range)}: that spins a JDK
     * lambda class per run which the class archive cannot hold (docs/performance.md).
     */
    public static final Comparator<MemoryChunk> BY_RANGE = new Comparator<>() {
        @Override
        public int compare(MemoryChunk a, MemoryChunk b) {
            return a.range().compareTo(b.range());
        }
    };

    /**
     * Whether the source named the chunk's NUMA node.
     *
     * @return true unless {@link #numaNode()} is {@link #NO_NUMA_NODE}
     */
    public boolean hasNumaNode() {
        return numaNode != NO_NUMA_NODE;
    }

    /**
     * The chunk moved to another range, for a rule that trims or splits it.
     *
     * @param r the new range (after alignment, a cap, or a cut)
     * @return the same chunk, source and flags kept, over {@code r}
     */
    public MemoryChunk withRange(MemoryRange r) {
        return new MemoryChunk(r, node, property, numaNode, hotpluggable);
    }

    /** "[start-end] from /memory@0 reg, NUMA node 1, hotpluggable": only what the source said. */
    @Override
    public String toString() {
        return range + " from " + node + " " + property + (hasNumaNode() ? ", NUMA node " + numaNode : "")
                + (hotpluggable ? ", hotpluggable" : "");
    }
}
