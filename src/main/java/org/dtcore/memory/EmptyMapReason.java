package org.dtcore.memory;

import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/**
 * Why a tree gave no RAM, for the warning a map without RAM carries (273 of Linux 6.1's
 * 833 kernel dtbs have memory nodes whose reg sizes are 0, filled in by the boot loader at boot). The
 * reasons follow SPEC §3 in the order Linux meets them: no node, no sizes, disabled, zero sizes, rules.
 */
final class EmptyMapReason {
    private EmptyMapReason() {
    }

    static String of(DeviceTree tree, ScanState state) {
        int nodes = 0;
        int available = 0;
        int tuples = 0;
        int zero = 0;
        for (FdtNode n : tree.root().children()) {
            if (!n.property("device_type").map(p -> p.isString("memory")).orElse(false)) {
                continue;
            }
            nodes++;
            if (!state.props.isAvailable(n)) {
                continue;
            }
            available++;
            FdtProperty reg = MemoryNodeScan.regOf(n, state).orElse(null);
            if (reg == null || state.tupleCells() == 0) {
                continue;
            }
            for (RegEntry e : state.cells.tuples(reg)) {
                tuples++;
                zero += e.size() == 0 ? 1 : 0;
            }
        }
        boolean drconf = tree.root().child("ibm,dynamic-reconfiguration-memory").isPresent();
        String why;
        if (nodes == 0 && !drconf) {
            why = "the tree has no memory node (device_type \"memory\" under the root)";
        } else if (state.sizeCells == 0) {
            why = "the root's #size-cells is 0, so no reg tuple has a size";
        } else if (nodes > 0 && available == 0 && !drconf) {
            why = "every memory node is disabled (status is not okay)";
        } else if (tuples > 0 && zero == tuples) {
            why = "every memory reg tuple has size 0: the boot loader fills the sizes in at boot, so read the"
                    + " tree the kernel booted with (/sys/firmware/fdt)";
        } else {
            why = "every memory block was dropped by the rules (see the warnings above)";
        }
        return "no RAM: " + why;
    }
}
