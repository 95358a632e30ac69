package org.dtcore.fdt;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * A tree as plain lines, for assertions that show the first difference: the boot CPU, each /memreserve/
 * entry, then every node path in blob order, each followed by its properties' names and value bytes.
 */
final class TreeListing {
    private TreeListing() {
    }

    static List<String> of(DeviceTree tree) {
        List<String> lines = new ArrayList<>();
        lines.add("boot_cpuid_phys " + tree.header().map(FdtHeader::bootCpuidPhys).orElse(0L));
        for (RegEntry r : tree.reservations()) {
            lines.add(String.format("/memreserve/ 0x%x 0x%x", r.address(), r.size()));
        }
        Deque<FdtNode> todo = new ArrayDeque<>(List.of(tree.root()));
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            lines.add(n.path() + " {" + n.name() + "}");
            for (FdtProperty p : n.properties()) {
                lines.add("  " + p.path() + " = [" + HexFormat.of().formatHex(p.bytes()) + "]");
            }
            List<FdtNode> kids = new ArrayList<>(n.children());
            for (int i = kids.size() - 1; i >= 0; i--) {
                todo.push(kids.get(i));
            }
        }
        return lines;
    }
}
