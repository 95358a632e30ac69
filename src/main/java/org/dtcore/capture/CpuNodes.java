package org.dtcore.capture;

import java.util.Optional;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.PropertyValues;
import org.dtcore.fdt.TreeEditor;

/**
 * powerpc rebuilds the cpu nodes from the live tree, for CPUs hot-plugged since boot (core_64.c
 * update_cpus_node, 6.1 stable and later): it deletes every /cpus child whose device_type is "cpu", then
 * adds each live one back with fdt_add_subnode and fdt_setprop — properties only, no subnodes. With
 * libfdt's placement that reverses both the cpu nodes and each one's properties, which the recorded
 * ppc64le capture tree shows. The booted tree stands in for the live one: right when no CPU was added or
 * removed since boot. The live tree has one property the blob lacks: Linux's unflattening
 * (populate_properties) appends "name", the node name without its unit address, to every node that has
 * none, so it comes back first (dtc hides it when decompiling; the recorded blob has it).
 */
final class CpuNodes {
    static final String CPUS = "/cpus";

    private CpuNodes() {
    }

    static void apply(DeviceTree booted, TreeEditor editor) {
        Optional<FdtNode> cpus = booted.node(CPUS);
        if (cpus.isEmpty()) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, CPUS,
                    "no /cpus node: the kernel's loader refuses the load (-EINVAL)");
        }
        for (FdtNode c : cpus.get().children()) {
            if (isCpu(c)) {
                editor.removeNode(c.path());
            }
        }
        for (FdtNode c : cpus.get().children()) {
            if (!isCpu(c)) {
                continue;
            }
            editor.addNode(c.path());
            for (FdtProperty p : c.properties()) {
                editor.setProperty(c.path(), p.name(), p.bytes());
            }
            if (!c.hasProperty("name")) {
                editor.setProperty(c.path(), "name", PropertyValues.string(c.baseName()));
            }
        }
    }

    /** device_type compared as a C string, as the kernel's strcmp does. */
    private static boolean isCpu(FdtNode n) {
        Optional<FdtProperty> t = n.property("device_type");
        if (t.isEmpty()) {
            return false;
        }
        byte[] b = t.get().bytes();
        int len = 0;
        while (len < b.length && b[len] != 0) {
            len++;
        }
        return len == 3 && b[0] == 'c' && b[1] == 'p' && b[2] == 'u';
    }
}
