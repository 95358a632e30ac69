package org.dtcore.memory;

import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/** powerpc's firmware regions (SPEC §5 "powerpc extras"): RTAS, OPAL, reserved-ranges, TCE tables. */
final class PowerPcReservations {
    private final ScanState state;

    PowerPcReservations(ScanState state) {
        this.state = state;
    }

    void scan(List<ReservedRegion> out) {
        FdtNode root = state.tree.root();
        // plain Optional checks rather than lambdas: this runs once per tree, in every one-shot run
        Optional<FdtNode> rtas = root.child("rtas");
        if (rtas.isPresent()) {
            pair(rtas.get(), "linux,rtas-base", "rtas-size", ReservedRegion.Kind.RTAS, out);
        }
        Optional<FdtNode> opal = root.child("ibm,opal");
        if (opal.isPresent()) {
            pair(opal.get(), "opal-base-address", "opal-runtime-size", ReservedRegion.Kind.OPAL, out);
        }
        Optional<FdtProperty> ranges = root.property("reserved-ranges");
        if (ranges.isPresent()) {
            FdtProperty p = ranges.get();
            // always 2+2 cells, whatever the root says
            if (p.regRemainder(2, 2) != 0) {
                state.warn(p.path() + ": length " + p.length() + " is not whole (2+2)-cell pairs; tail ignored");
            }
            for (RegEntry e : p.asReg(2, 2)) {
                if (e.size() != 0) {
                    out.add(new ReservedRegion(MemoryRange.ofSize(e.address(), e.size(), p.path()),
                            ReservedRegion.Kind.RESERVED_RANGES, "/", false, false));
                }
            }
        }
        tceTables(root, out);
    }

    private void pair(FdtNode node, String baseName, String sizeName, ReservedRegion.Kind kind,
                      List<ReservedRegion> out) {
        Optional<FdtProperty> base = node.property(baseName);
        Optional<FdtProperty> size = node.property(sizeName);
        if (base.isEmpty() || size.isEmpty()) {
            return;
        }
        long b = base.get().asU32OrU64();
        long s = size.get().asU32OrU64();
        if (s != 0) {
            out.add(new ReservedRegion(MemoryRange.ofSize(b, s, node.path()), kind, node.path(), false, false));
        }
    }

    /** Any node with linux,tce-base (u64) and linux,tce-size (u32); walked with a stack, not recursion. */
    private void tceTables(FdtNode root, List<ReservedRegion> out) {
        java.util.ArrayDeque<FdtNode> todo = new java.util.ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            if (n.hasProperty("linux,tce-base")) {
                pair(n, "linux,tce-base", "linux,tce-size", ReservedRegion.Kind.TCE, out);
            }
            for (FdtNode c : n.children()) {
                todo.push(c);
            }
        }
    }
}
