package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;

/**
 * The RAM of each NUMA node of a map (SPEC §3.6): chunks grouped by the node the memory scan gave them,
 * merged. That node is {@code numa-node-id} under the generic rules, and on powerpc the domain of
 * {@code ibm,associativity} (or the LMB's lookup array) at the primary index (memory/NumaLookup); this
 * class only groups, whichever rule named the node.
 */
final class NumaLayout {
    private NumaLayout() {
    }

    /** Nodes in ascending id, each with merged ranges and total; chunks without a node are left out. */
    static List<ExpectedNumaNode> of(MemoryMap map) {
        Map<Integer, List<MemoryRange>> byNode = new TreeMap<>();
        for (MemoryChunk c : map.chunks()) {
            if (c.hasNumaNode()) {
                byNode.computeIfAbsent(c.numaNode(), k -> new ArrayList<>()).add(c.range());
            }
        }
        List<ExpectedNumaNode> out = new ArrayList<>();
        byNode.forEach((id, ranges) -> out.add(new ExpectedNumaNode(id, Ranges.merged(ranges),
                Ranges.totalSize(ranges))));
        return out;
    }
}
