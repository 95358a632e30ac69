package org.dtcore.capture;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * Cell counts as the two readers the loader uses see them (SPEC §2). libfdt's fdt_address_cells and
 * fdt_size_cells default to 2 and 1 (the devicetree spec's values) and write /chosen's ranges; the
 * kernel's of_n_addr_cells and of_n_size_cells default to 1 and 1 and read the live tree's memory nodes.
 */
record Cells(int address, int size) {
    /** libfdt's view of a node's own #address-cells/#size-cells, absent ones 2 and 1 (fdt_addresses.c). */
    static Cells libfdt(FdtNode node) {
        return new Cells(own(node, "#address-cells").orElse(2), own(node, "#size-cells").orElse(1));
    }

    /**
     * Linux's of_n_addr_cells/of_n_size_cells for a node's {@code reg}: the nearest of its ancestors
     * ({@code ancestors}, the parent first) that has the property, else 1.
     */
    static Cells linux(List<FdtNode> ancestors) {
        return new Cells(nearest(ancestors, "#address-cells"), nearest(ancestors, "#size-cells"));
    }

    /** Linux's view of the root's own cells (of_n_addr_cells(of_root) reads the root itself first). */
    static Cells linuxRoot(FdtNode root) {
        return new Cells(own(root, "#address-cells").orElse(1), own(root, "#size-cells").orElse(1));
    }

    private static int nearest(List<FdtNode> ancestors, String name) {
        for (FdtNode n : ancestors) {
            Optional<Integer> v = own(n, name);
            if (v.isPresent()) {
                return v.get();
            }
        }
        return 1;
    }

    private static Optional<Integer> own(FdtNode node, String name) {
        Optional<FdtProperty> p = node.property(name);
        if (p.isEmpty()) {
            return Optional.empty();
        }
        long v = p.get().length() == 4 ? p.get().asU32() : -1;
        if (v < 0 || v > 4) { // libfdt's FDT_MAX_NCELLS
            throw new CaptureException(CaptureException.Kind.BAD_TREE, p.get().path(),
                    "expected one cell of at most 4, found " + p.get().length() + " bytes");
        }
        return Optional.of((int) v);
    }

    /**
     * The kernel's of_read_number: {@code cells} big-endian cells from {@code buf}'s position, folded
     * into 64 bits (higher cells shift out), advancing the position.
     */
    static long read(ByteBuffer buf, int cells) {
        long r = 0;
        for (int i = 0; i < cells; i++) {
            r = (r << 32) | Integer.toUnsignedLong(buf.getInt());
        }
        return r;
    }
}
