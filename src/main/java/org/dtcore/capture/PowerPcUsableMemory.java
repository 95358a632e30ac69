package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.NodesByType;
import org.dtcore.fdt.PropertyValues;
import org.dtcore.fdt.RegEntry;
import org.dtcore.fdt.TreeEditor;
import org.dtcore.memory.MemoryRange;

/**
 * powerpc's limit on the capture kernel's RAM (file_load_64.c update_usable_mem_fdt; SPEC §4, §11): each
 * LMB of /ibm,dynamic-reconfiguration-memory gets a u64 count then that many u64 (base, size) pairs in
 * linux,drconf-usable-memory, and each memory node gets linux,usable-memory — u64 pairs whatever its
 * cells — with (0, 0) when none of it is usable.
 */
final class PowerPcUsableMemory {
    static final String DRCONF = "/ibm,dynamic-reconfiguration-memory";

    private PowerPcUsableMemory() {
    }

    static void apply(DeviceTree booted, TreeEditor editor, UsableMemory usable) {
        Optional<FdtNode> drconf = booted.node(DRCONF);
        if (drconf.isPresent()) {
            editor.setProperty(DRCONF, "linux,drconf-usable-memory", drconfValue(drconf.get(), booted, usable));
        }
        for (NodesByType.Found f : NodesByType.find(booted.root(), "memory")) {
            Optional<FdtProperty> reg = f.node().property("reg");
            if (reg.isEmpty() || reg.get().length() == 0) {
                continue; // the kernel leaves such a node alone
            }
            editor.setProperty(f.node().path(), "linux,usable-memory",
                    nodeValue(reg.get(), Cells.linux(f.ancestors()), usable));
        }
    }

    private static byte[] drconfValue(FdtNode node, DeviceTree booted, UsableMemory usable) {
        if (node.hasProperty("linux,drconf-usable-memory")) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, node.path(),
                    "already has linux,drconf-usable-memory: the kernel refuses a kdump load from a capture kernel");
        }
        DrconfLmbs lmbs = DrconfLmbs.of(node, Cells.linuxRoot(booted.root()));
        List<Long> words = new ArrayList<>();
        for (long base : lmbs.bases()) {
            List<MemoryRange> ranges = usable.within(base, base + lmbs.lmbSize() - 1);
            words.add((long) ranges.size());
            ranges.forEach(r -> add(words, r));
        }
        return u64(words);
    }

    private static byte[] nodeValue(FdtProperty reg, Cells cells, UsableMemory usable) {
        int tupleCells = cells.address() + cells.size();
        if (tupleCells == 0) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, reg.path(), "reg tuples of 0 cells");
        }
        List<Long> words = new ArrayList<>();
        for (RegEntry e : cells.tuples(reg)) {
            usable.within(e.address(), e.address() + e.size() - 1).forEach(r -> add(words, r));
        }
        if (words.isEmpty()) {
            words.add(0L);
            words.add(0L);
        }
        return u64(words);
    }

    /** A range as the (base, size) pair of u64s the kernel writes. */
    private static void add(List<Long> words, MemoryRange r) {
        words.add(r.start());
        words.add(r.size());
    }

    private static byte[] u64(List<Long> words) {
        return PropertyValues.u64(words.stream().mapToLong(Long::longValue).toArray());
    }
}
