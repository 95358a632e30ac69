package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.memory.DrconfFormat;

/**
 * The base address of every LMB of /ibm,dynamic-reconfiguration-memory, in the order the kernel's
 * walk_drmem_lmbs visits them (SPEC §4): v1 entries as listed, else v2 sets expanded. Every LMB counts,
 * whatever its flags — the loader writes an entry for each.
 */
record DrconfLmbs(long lmbSize, List<Long> bases) {
    /** More LMBs than this is not a machine but a hostile input (1 << 24 LMBs of 256 MiB = 4 PiB). */
    static final long MAX_LMBS = 1L << 24;

    DrconfLmbs {
        bases = List.copyOf(bases);
    }

    static DrconfLmbs of(FdtNode node, Cells root) {
        Optional<FdtProperty> size = node.property("ibm,lmb-size");
        if (size.isEmpty() || size.get().length() < 4 * root.size()) {
            throw bad(node, "no usable ibm,lmb-size: the kernel's walk fails (-ENODEV)");
        }
        long lmbSize = Cells.read(size.get().buffer(), root.size());
        Optional<FdtProperty> v1 = node.property("ibm,dynamic-memory");
        if (v1.isPresent()) {
            return new DrconfLmbs(lmbSize, bases(v1.get(), false, root, lmbSize));
        }
        Optional<FdtProperty> v2 = node.property("ibm,dynamic-memory-v2");
        if (v2.isPresent()) {
            return new DrconfLmbs(lmbSize, bases(v2.get(), true, root, lmbSize));
        }
        throw bad(node, "neither ibm,dynamic-memory nor ibm,dynamic-memory-v2: the kernel's walk fails (-ENODEV)");
    }

    /** Every LMB's base, v1 entries as listed and v2 sets expanded (DrconfFormat); a short list fails. */
    private static List<Long> bases(FdtProperty p, boolean v2, Cells root, long lmbSize) {
        String problem = DrconfFormat.problem(p, root.address());
        if (problem != null) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, p.path(), problem);
        }
        List<Long> out = new ArrayList<>();
        DrconfFormat.walk(p, v2, root.address(), (i, count, base, aa, flags) -> {
            if (out.size() + count > MAX_LMBS) {
                throw new CaptureException(CaptureException.Kind.LIMIT, p.path(),
                        "more than " + MAX_LMBS + " LMBs: refusing to build a usable-memory property that large");
            }
            for (long j = 0; j < count; j++) {
                out.add(base + j * lmbSize);
            }
        });
        return out;
    }

    private static CaptureException bad(FdtNode node, String message) {
        return new CaptureException(CaptureException.Kind.BAD_TREE, node.path(), message);
    }
}
