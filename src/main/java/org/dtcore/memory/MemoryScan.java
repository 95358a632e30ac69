package org.dtcore.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.dtcore.fdt.DeviceTree;

/**
 * The memory map of a device tree by the current Linux rules (SPEC §2–§6): memory nodes, powerpc
 * dynamic reconfiguration memory, /memreserve/, /reserved-memory, powerpc firmware regions and /chosen.
 * Works the same on a blob and on a /proc/device-tree folder, since both are a {@link DeviceTree}.
 */
public final class MemoryScan {
    private MemoryScan() {
    }

    /**
     * The memory map by {@link ScanOptions#DEFAULT}'s rules: the generic architecture, the newest kernel.
     *
     * @param tree a blob or folder tree
     * @return the memory map, its warnings included
     * @throws MemoryMapException for a tree the kernel would refuse or cannot have booted with
     */
    public static MemoryMap scan(DeviceTree tree) {
        return scan(tree, ScanOptions.DEFAULT);
    }

    // comparators as classes: Comparator.comparing spins a JDK lambda class the class archive lacks
    private static final Comparator<ReservedRegion> BY_RANGE_RESERVED = new Comparator<>() {
        @Override
        public int compare(ReservedRegion a, ReservedRegion b) {
            return a.range().compareTo(b.range());
        }
    };

    /**
     * The memory map by {@code options}' rules.
     *
     * @param tree    a blob or folder tree
     * @param options the architecture, kernel release, page size and limits whose rules apply
     * @return the memory map, its warnings included
     * @throws MemoryMapException for a tree the kernel would refuse or cannot have booted with
     */
    public static MemoryMap scan(DeviceTree tree, ScanOptions options) {
        ScanState state = new ScanState(tree, options);
        ChunkList chunks = new MemoryNodeScan(state).scan();
        tree.root().child("ibm,dynamic-reconfiguration-memory")
                .ifPresent(n -> new DynamicMemoryScan(state, n).scan(chunks));

        List<ReservedRegion> reserved = new ArrayList<>();
        List<DynamicReservation> dynamic = new ArrayList<>();
        new ReservedMemoryScan(state).scan(reserved, dynamic);
        new PowerPcReservations(state).scan(reserved);
        reserved.sort(BY_RANGE_RESERVED);

        Chosen chosen = new ChosenScan(state).scan(Ranges.totalSize(ranges(chunks)));
        List<MemoryChunk> effective = chunks;
        if (options.applyUsableMemoryRange() && !chosen.usableMemoryRanges().isEmpty()) {
            if (readsUsableMemoryRange(options.arch())) {
                effective = applyUsableMemoryRange(chunks, chosen, state);
            } else {
                state.warn("/chosen/linux,usable-memory-range: ignored, as " + options.arch() + " never reads it"
                        + " (its capture kernels are limited by linux,usable-memory and linux,drconf-usable-memory)");
            }
        }
        List<MemoryChunk> beforeLimit = effective;
        if (chosen.memoryLimit().isPresent()) {
            effective = new MemoryLimit(state).applyTo(effective, chosen.memoryLimit().get());
        }
        if (options.arch() == Arch.ARM64 && chosen.initrd().isPresent()) {
            effective = new Arm64Initrd(state).addBack(effective, beforeLimit, chosen.initrd().get());
        }
        // the map keeps its chunks as columns (ChunkList); the limit and initrd steps may make a list
        ChunkList columns = effective instanceof ChunkList c ? c : ChunkList.of(effective);
        columns.sort(MemoryChunk.BY_RANGE);
        if (columns.isEmpty()) {
            state.warn(EmptyMapReason.of(tree, state));
        }
        ChunkList frozen = columns.frozen();
        return new MemoryMap(Ranges.merged(frozen.ranges()), frozen, reserved, dynamic, chosen, state.warnings);
    }

    /** "[a-b], [c-d]": MemoryRange prints its own brackets, so a List's would double them. */
    private static String joined(List<MemoryRange> ranges) {
        StringBuilder b = new StringBuilder();
        for (MemoryRange r : ranges) {
            b.append(b.length() == 0 ? "" : ", ").append(r);
        }
        return b.toString();
    }

    /**
     * SPEC §6: linux,usable-memory-range is read by early_init_dt_check_for_usable_mem_range, called from
     * the generic early_init_dt_scan_nodes(), which arm64, arm, riscv, mips and the generic rules use;
     * powerpc scans its tree with its own early_init_devtree and never calls it.
     */
    static boolean readsUsableMemoryRange(Arch arch) {
        return arch == null || !arch.isPowerPc();
    }

    static List<MemoryRange> ranges(List<MemoryChunk> chunks) {
        if (chunks instanceof ChunkList c) {
            return c.ranges(); // a view: no record per chunk
        }
        List<MemoryRange> out = new ArrayList<>(chunks.size());
        for (MemoryChunk c : chunks) {
            out.add(c.range());
        }
        return out;
    }

    /**
     * SPEC §6: a capture kernel caps RAM to the first linux,usable-memory-range and adds the rest
     * (memblock_cap_memory_range, then memblock_add), so the map shows what that kernel will use.
     */
    private static ChunkList applyUsableMemoryRange(ChunkList chunks, Chosen chosen, ScanState state) {
        List<MemoryRange> usable = chosen.usableMemoryRanges();
        if (usable.isEmpty()) {
            return chunks; // the scan's own list: sorting it in place saves a copy of every chunk
        }
        // early_init_dt_check_for_usable_mem_range reads MAX_USABLE_RANGES entries (KernelVersion)
        KernelVersion kernel = state.options.kernel() == null ? KernelVersion.LINUX_6_1 : state.options.kernel();
        int read = kernel.usableMemoryRangesRead();
        if (usable.size() > read) {
            state.warn("/chosen/linux,usable-memory-range: " + usable.size() + " ranges; the capture kernel ("
                    + kernel + " rules) reads the first " + read);
            usable = usable.subList(0, read);
        }
        MemoryRange cap = usable.get(0);
        ChunkList out = new ChunkList();
        for (MemoryChunk c : chunks) {
            MemoryRange r = c.range();
            if (!r.overlaps(cap)) {
                continue;
            }
            long s = Long.compareUnsigned(r.start(), cap.start()) >= 0 ? r.start() : cap.start();
            long e = Long.compareUnsigned(r.end(), cap.end()) <= 0 ? r.end() : cap.end();
            out.add(c.withRange(new MemoryRange(s, e)));
        }
        for (int i = 1; i < usable.size(); i++) {
            out.add(new MemoryChunk(usable.get(i), "/chosen", "linux,usable-memory-range",
                    MemoryChunk.NO_NUMA_NODE, false));
        }
        state.warn("/chosen/linux,usable-memory-range: this is a capture kernel's tree; RAM is capped to "
                + cap + (usable.size() > 1 ? " plus " + joined(usable.subList(1, usable.size())) : "")
                + " as that kernel would");
        return out;
    }
}
