package org.dtcore.memory;

import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/**
 * powerpc's firmware regions in the booted kernel's map (SPEC §5 "powerpc extras"), read by
 * {@link PowerPcFirmware} as the booted kernel reads them ({@link PowerPcFirmware.Reader#BOOT}).
 */
final class PowerPcReservations {
    private final ScanState state;

    PowerPcReservations(ScanState state) {
        this.state = state;
    }

    void scan(List<ReservedRegion> out) {
        PowerPcFirmware.Reader boot = PowerPcFirmware.Reader.BOOT;
        // plain Optional checks rather than lambdas: this runs once per tree, in every one-shot run
        Optional<PowerPcFirmware.Region> rtas = PowerPcFirmware.rtas(state.tree, boot);
        if (rtas.isPresent()) {
            add(rtas.get(), rtas.get().path(), out);
        }
        Optional<PowerPcFirmware.Region> opal = PowerPcFirmware.opal(state.tree, boot);
        if (opal.isPresent()) {
            add(opal.get(), opal.get().path(), out);
        }
        Optional<FdtProperty> ranges = state.tree.root().property("reserved-ranges");
        if (ranges.isPresent()) {
            FdtProperty p = ranges.get();
            Cells cells = PowerPcFirmware.reservedRangesCells(state.tree, boot);
            if (cells.remainder(p) != 0) {
                state.warn(p.path() + ": length " + p.length() + " is not whole (2+2)-cell pairs; tail ignored");
            }
            state.warnWide(p, cells);
            for (PowerPcFirmware.Region r : PowerPcFirmware.reservedRanges(state.tree, boot)) {
                add(r, "/", out);
            }
        }
        for (PowerPcFirmware.Region r : PowerPcFirmware.tce(state.tree, boot)) {
            add(r, r.path(), out);
        }
    }

    /** A region of size 0 is none (prom.c early_reserve_mem_dt: "if (size)"). */
    private static void add(PowerPcFirmware.Region r, String node, List<ReservedRegion> out) {
        RegEntry e = r.pair();
        if (e.size() != 0) {
            out.add(new ReservedRegion(MemoryRange.ofSize(e.address(), e.size(), r.path()), r.kind(), Optional.ofNullable(node), false,
                    false));
        }
    }
}
