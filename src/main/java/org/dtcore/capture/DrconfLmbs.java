package org.dtcore.capture;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

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
            return new DrconfLmbs(lmbSize, v1(v1.get(), root));
        }
        Optional<FdtProperty> v2 = node.property("ibm,dynamic-memory-v2");
        if (v2.isPresent()) {
            return new DrconfLmbs(lmbSize, v2(v2.get(), root, lmbSize));
        }
        throw bad(node, "neither ibm,dynamic-memory nor ibm,dynamic-memory-v2: the kernel's walk fails (-ENODEV)");
    }

    /** u32 count, then {base, drc_index, reserved, aa_index, flags}. */
    private static List<Long> v1(FdtProperty p, Cells root) {
        ByteBuffer b = p.buffer();
        long count = count(p, b);
        need(p, b, (root.address() + 4) * 4L, count);
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            out.add(Cells.read(b, root.address()));
            b.position(b.position() + 16);
        }
        return out;
    }

    /** u32 count of sets, then {seq_lmbs, base, drc_index, aa_index, flags}, each set seq_lmbs LMBs. */
    private static List<Long> v2(FdtProperty p, Cells root, long lmbSize) {
        ByteBuffer b = p.buffer();
        long sets = count(p, b);
        need(p, b, (root.address() + 4) * 4L, sets);
        List<Long> out = new ArrayList<>();
        for (long s = 0; s < sets; s++) {
            long seq = Integer.toUnsignedLong(b.getInt());
            long base = Cells.read(b, root.address());
            b.position(b.position() + 12);
            if (out.size() + seq > MAX_LMBS) {
                throw new CaptureException(CaptureException.Kind.LIMIT, p.path(),
                        "more than " + MAX_LMBS + " LMBs: refusing to build a usable-memory property that large");
            }
            for (long j = 0; j < seq; j++) {
                out.add(base + j * lmbSize);
            }
        }
        return out;
    }

    /** The leading u32 count. */
    private static long count(FdtProperty p, ByteBuffer b) {
        need(p, b, 4, 1);
        return Integer.toUnsignedLong(b.getInt());
    }

    /** Fails unless {@code entries} entries of {@code bytes} each remain (the count is checked before use). */
    private static void need(FdtProperty p, ByteBuffer b, long bytes, long entries) {
        if (bytes * entries > b.remaining()) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, p.path(), String.format(
                    "needs %d more bytes at offset %d, has %d", bytes * entries, b.position(), b.remaining()));
        }
    }

    private static CaptureException bad(FdtNode node, String message) {
        return new CaptureException(CaptureException.Kind.BAD_TREE, node.path(), message);
    }
}
