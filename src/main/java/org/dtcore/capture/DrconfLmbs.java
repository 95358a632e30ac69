package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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
        OptionalLong lmbSize = DrconfFormat.lmbSize(node, root);
        if (lmbSize.isEmpty()) {
            throw bad(node, "no usable ibm,lmb-size: the kernel's walk fails (-ENODEV)");
        }
        Optional<FdtProperty> list = DrconfFormat.list(node);
        if (list.isEmpty()) {
            throw bad(node, "neither ibm,dynamic-memory nor ibm,dynamic-memory-v2: the kernel's walk fails (-ENODEV)");
        }
        return new DrconfLmbs(lmbSize.getAsLong(), bases(list.get(), root, lmbSize.getAsLong()));
    }

    /** Every LMB's base, v1 entries as listed and v2 sets expanded (DrconfFormat); a short list fails. */
    private static List<Long> bases(FdtProperty p, Cells root, long lmbSize) {
        DrconfFormat.problem(p, root).ifPresent(problem -> {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, p.path(), problem);
        });
        List<Long> out = new ArrayList<>();
        DrconfFormat.walk(p, root, (i, count, base, aa, flags) -> {
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
