package org.dtcore.memory;

import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * Why a scan found no RAM, in one warning (issue 12 item 7): 273 of Linux 6.1's 833 dtbs have none, mostly
 * because the boot loader fills /memory in, and a map that only says "0 B" leaves the reader guessing.
 * The reasons follow SPEC §3 in the order Linux meets them.
 */
final class NoRamReason {
    private NoRamReason() {
    }

    /** The warning for a map with no RAM. */
    static String explain(ScanState state) {
        FdtNode root = state.tree.root();
        int nodes = 0;
        int available = 0;
        int withReg = 0;
        for (FdtNode child : root.children()) {
            if (!child.property("device_type").map(p -> p.isString("memory")).orElse(false)) {
                continue;
            }
            nodes++;
            if (!child.isAvailable()) {
                continue;
            }
            available++;
            Optional<FdtProperty> reg = child.property("linux,usable-memory").or(() -> child.property("reg"));
            if (reg.isPresent() && reg.get().length() >= 4 * state.tupleCells()) {
                withReg++;
            }
        }
        boolean drconf = root.child("ibm,dynamic-reconfiguration-memory").isPresent();
        String why;
        if (nodes == 0 && !drconf) {
            why = "no memory node (device_type = \"memory\") under / (a boot loader usually adds it)";
        } else if (state.sizeCells == 0) {
            why = "/ #size-cells is 0, so no reg tuple has a size";
        } else if (nodes > 0 && available == 0 && !drconf) {
            why = "every memory node is disabled (status is not okay)";
        } else if (withReg == 0 && !drconf) {
            why = "no memory node has a whole reg or linux,usable-memory tuple";
        } else {
            why = "every RAM tuple has size 0 or lies where the rules for this architecture drop it";
        }
        return "no RAM: " + why;
    }
}
