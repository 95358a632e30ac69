package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_TREE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/** /memreserve/ and /reserved-memory (SPEC §5), as Linux's fdt_scan_reserved_mem reads them. */
final class ReservedMemoryScan {
    private final ScanState state;

    ReservedMemoryScan(ScanState state) {
        this.state = state;
    }

    void scan(List<ReservedRegion> fixed, List<DynamicReservation> dynamic) {
        int i = 0;
        for (RegEntry e : state.tree.reservations()) {
            // SPEC §5: /memreserve/ entries are reserved but stay in a crash dump
            fixed.add(new ReservedRegion(MemoryRange.ofSize(e.address(), e.size(), "/memreserve/ entry " + i),
                    ReservedRegion.Kind.MEMRESERVE, Optional.empty(), false, false));
            i++;
        }
        Optional<FdtNode> rm = state.tree.root().child("reserved-memory");
        if (rm.isEmpty() || !accepted(rm.get())) {
            return;
        }
        for (FdtNode child : rm.get().children()) {
            if (!state.props.isAvailable(child)) {
                continue;
            }
            boolean noMap = child.hasProperty("no-map");
            boolean reusable = child.hasProperty("reusable");
            if (noMap && reusable) {
                state.warn(child.path() + ": both no-map and reusable; Linux refuses such a region's setup");
            }
            Optional<FdtProperty> reg = child.property("reg");
            if (state.props.wholeTuples()) {
                // 7.3 __reserved_mem_reserve_reg (drivers/of/of_reserved_mem.c): a reg that is not whole
                // tuples, or empty, is -ENOENT, as no reg at all: the node is dynamic when it has a size
                if (reg.isPresent() && (reg.get().length() == 0
                        || reg.get().regRemainder(state.addressCells, state.sizeCells) != 0)) {
                    state.warnPartialTuple(reg.get());
                    reg = Optional.empty();
                }
            }
            if (reg.isPresent()) {
                staticRegion(child, reg.get(), noMap, reusable, fixed);
            } else if (child.hasProperty("size")) {
                dynamic.add(dynamicRegion(child, noMap, reusable));
            }
        }
    }

    /**
     * SPEC §5: Linux ignores /reserved-memory unless its cells equal the root's and it has ranges.
     */
    private boolean accepted(FdtNode rm) {
        boolean cellsMatch = Cells.ownIs(rm, "#address-cells", state.addressCells)
                && Cells.ownIs(rm, "#size-cells", state.sizeCells);
        if (!cellsMatch) {
            state.warn(rm.path() + ": #address-cells/#size-cells differ from the root's (" + state.addressCells
                    + "/" + state.sizeCells + "); Linux ignores the whole node");
            return false;
        }
        if (!rm.hasProperty("ranges")) {
            state.warn(rm.path() + ": no ranges property; Linux ignores the whole node");
            return false;
        }
        return true;
    }

    private void staticRegion(FdtNode child, FdtProperty reg, boolean noMap, boolean reusable,
                              List<ReservedRegion> out) {
        // SPEC §5: a reg that is not whole tuples makes Linux skip the child
        if (state.cells.remainder(reg) != 0) {
            state.warn(reg.path() + ": length " + reg.length() + " is not a multiple of the "
                    + state.tupleCells() * 4 + "-byte tuple; region skipped as Linux does");
            return;
        }
        List<RegEntry> tuples = state.tuples(reg);
        KernelVersion kernel = state.options.kernel();
        if (kernel != null && kernel.reservedMemoryFirstRegOnly() && tuples.size() > 1) {
            state.warn(reg.path() + ": " + tuples.size() + " (base, size) tuples; " + state.options.kernel()
                    + " reserves only the first (drivers/of/of_reserved_mem.c __reserved_mem_reserve_reg), so the"
                    + " others stay RAM" + (noMap ? " in the dump" : ""));
            tuples = tuples.subList(0, 1);
        }
        for (RegEntry e : tuples) {
            if (e.size() == 0) {
                continue;
            }
            out.add(new ReservedRegion(MemoryRange.ofSize(e.address(), e.size(), reg.path()),
                    ReservedRegion.Kind.RESERVED_MEMORY, Optional.of(child.path()), noMap, reusable));
        }
    }

    private DynamicReservation dynamicRegion(FdtNode child, boolean noMap, boolean reusable) {
        FdtProperty size = child.property("size").orElseThrow();
        long bytes = rootSized(size);
        long align = child.property("alignment").map(this::rootSized).orElse(0L);
        List<MemoryRange> alloc = new ArrayList<>();
        child.property("alloc-ranges").ifPresent(p -> {
            for (RegEntry e : state.tuples(p)) {
                if (e.size() != 0) {
                    alloc.add(MemoryRange.ofSize(e.address(), e.size(), p.path()));
                }
            }
        });
        return new DynamicReservation(child.path(), bytes, align, alloc, noMap, reusable);
    }

    /** size and alignment are exactly root #size-cells wide (Linux __reserved_mem_alloc_size). */
    private long rootSized(FdtProperty p) {
        if (p.length() != state.sizeCells * 4) {
            throw new MemoryMapException(BAD_TREE, p.path(), "length " + p.length() + " is not root #size-cells ("
                    + state.sizeCells + ") × 4");
        }
        return state.number(p, 0, state.sizeCells);
    }
}
