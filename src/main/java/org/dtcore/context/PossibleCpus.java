package org.dtcore.context;

import java.util.Optional;
import java.util.OptionalInt;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.memory.Arch;

/**
 * How many CPUs the device tree describes: the children of {@code /cpus} whose device_type is "cpu", each
 * one CPU — except on powerpc, where a cpu node is a core and {@code ibm,ppc-interrupt-server#s} holds one
 * u32 per hardware thread, each a Linux CPU. Used only to say how many crash notes are missing: a tree
 * cannot say where the notes are (SPEC §10).
 */
final class PossibleCpus {
    private PossibleCpus() {
    }

    static OptionalInt count(DeviceTree tree, Arch arch) {
        Optional<FdtNode> cpus = tree.node("/cpus");
        if (cpus.isEmpty()) {
            return OptionalInt.empty();
        }
        int n = 0;
        for (FdtNode c : cpus.get().children()) {
            if (!c.property("device_type").map(p -> p.isCString("cpu")).orElse(false)) {
                continue;
            }
            Optional<FdtProperty> threads = c.property("ibm,ppc-interrupt-server#s");
            n += arch.isPowerPc() && threads.isPresent() ? Math.max(1, threads.get().length() / 4) : 1;
        }
        return n == 0 ? OptionalInt.empty() : OptionalInt.of(n);
    }
}
