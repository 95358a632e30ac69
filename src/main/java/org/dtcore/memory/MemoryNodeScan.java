package org.dtcore.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/** RAM from memory nodes, as Linux's early_init_dt_scan_memory reads them (SPEC §3). */
final class MemoryNodeScan {
    private final ScanState state;

    MemoryNodeScan(ScanState state) {
        this.state = state;
    }

    /** The chunks of every accepted memory node, in tree order. */
    ChunkList scan() {
        ChunkList out = new ChunkList();
        for (FdtNode node : memoryNodes()) {
            scanNode(node, out);
        }
        return out;
    }

    private List<FdtNode> memoryNodes() {
        FdtNode root = state.tree.root();
        List<FdtNode> found = new ArrayList<>();
        if (!state.options.legacyMemoryRule()) {
            // SPEC §3.1: since 5.17 only direct children of the root count
            for (FdtNode child : root.children()) {
                if (state.props.isMemory(child)) {
                    found.add(child);
                } else {
                    noteNotMemory(child);
                }
            }
            return found;
        }
        // SPEC §3.1 legacy: any depth, plus ppc32's root child memory@0 without device_type.
        // An explicit stack keeps a deep tree from overflowing ours.
        // The stack holds each node's parent too: asking the root's child list whether it holds the node
        // would make a root with many children cost quadratic time.
        List<FdtNode[]> stack = new ArrayList<>();
        stack.add(new FdtNode[] {root, null});
        while (!stack.isEmpty()) {
            FdtNode[] top = stack.remove(stack.size() - 1);
            FdtNode n = top[0];
            boolean ppc32Memory0 = top[1] == root && n.name().equals("memory@0")
                    && n.property("device_type").isEmpty();
            if (n != root && (state.props.isMemory(n) || ppc32Memory0)) {
                found.add(n);
            }
            List<FdtNode> kids = n.children();
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.add(new FdtNode[] {kids.get(i), n});
            }
        }
        return found;
    }

    /**
     * SPEC §3.3: the property a memory node's RAM comes from: linux,usable-memory, else reg. From 7.3 a
     * property that is not whole tuples does not count, so a bad linux,usable-memory falls back to reg
     * (drivers/of/fdt.c early_init_dt_scan_memory, {@link FlatTreeProperties#tuples}).
     */
    static Optional<FdtProperty> regOf(FdtNode node, ScanState state) {
        Optional<FdtProperty> prop = state.props.tuples(node.property("linux,usable-memory"), state.addressCells,
                state.sizeCells);
        if (prop.isEmpty()) {
            prop = state.props.tuples(node.property("reg"), state.addressCells, state.sizeCells);
        }
        return prop;
    }

    /** A node named like memory whose device_type says otherwise: Linux takes none of its RAM; say so. */
    private void noteNotMemory(FdtNode n) {
        if ((n.name().equals("memory") || n.name().startsWith("memory@")) && n.hasProperty("reg")) {
            state.warn(n.path() + ": device_type is " + (n.hasProperty("device_type") ? "not \"memory\"" : "missing")
                    + "; Linux takes none of its RAM");
        }
    }

    /** Says once per node when its device_type is "memory" only by C's reading, never dropping the RAM. */
    private void noteLooseType(FdtNode n) {
        Optional<FdtProperty> type = n.property("device_type");
        if (type.isPresent() && !type.get().isString("memory") && !state.props.stringLists()) {
            state.warn(type.get().path() + ": not the NUL-terminated string \"memory\"; Linux compares it with"
                    + " strcmp, which stops at the first NUL or the value's end, so the node is memory");
        }
    }

    private void scanNode(FdtNode node, List<MemoryChunk> out) {
        noteLooseType(node);
        // SPEC §3.2: status other than okay/ok hides the node
        if (!state.props.isAvailable(node)) {
            state.warn(node.path() + ": status is not okay; skipped");
            return;
        }
        // SPEC §3.3: a capture kernel's linux,usable-memory replaces reg
        if (state.props.wholeTuples()) {
            // 7.3: a property that is not whole tuples is dropped; say so for each
            for (String name : new String[] {"linux,usable-memory", "reg"}) {
                Optional<FdtProperty> p = node.property(name);
                if (p.isPresent()) {
                    state.warnPartialTuple(p.get());
                }
            }
        }
        Optional<FdtProperty> prop = regOf(node, state);
        if (prop.isEmpty()) {
            state.warn(node.path() + ": memory node has neither reg nor linux,usable-memory"
                    + (state.props.wholeTuples() ? " of whole tuples" : "") + "; skipped");
            return;
        }
        FdtProperty reg = prop.get();
        // SPEC §3.6: powerpc reads ibm,associativity (NumaLookup), every other architecture numa-node-id
        int numa = state.powerPcNuma() ? state.numa().memoryNode(node)
                : node.property("numa-node-id").map(p -> (int) p.asU32()).orElse(MemoryChunk.NO_NUMA_NODE);
        boolean hotplug = node.hasProperty("hotpluggable");
        List<RegEntry> tuples = state.tuples(reg);
        if (out instanceof ChunkList chunks) {
            chunks.ensureCapacity(tuples.size()); // one allocation for a million tuples, not a growing series
        }
        for (RegEntry e : tuples) {
            if (e.size() == 0) {
                continue; // SPEC §3.4
            }
            MemoryRange declared = MemoryRange.ofSize(e.address(), e.size(), reg.path());
            MemoryRange added = new MemoryAdmission(state).admit(declared, reg.path());
            if (added != null) {
                out.add(new MemoryChunk(added, node.path(), reg.name(), numa, hotplug));
            }
        }
    }
}
