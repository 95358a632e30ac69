package org.dtcore.fdt;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalInt;

/**
 * Cell counts and multi-cell numbers, what libfdt's fdt_addresses.c is to libfdt: the one place that reads
 * {@code #address-cells} and {@code #size-cells} (SPEC §2), with the two sets of defaults the readers of a
 * tree use. libfdt's fdt_address_cells and fdt_size_cells default to 2 and 1 (the devicetree spec's
 * values); the kernel's of_n_addr_cells and of_n_size_cells, and its early scan of the root, default to
 * 1 and 1.
 *
 * @param address cells of an address
 * @param size    cells of a size
 */
public record Cells(int address, int size) {
    /** libfdt's FDT_MAX_NCELLS: more cells than this is not a real tree. */
    public static final int MAX = 4;

    /** Cells of one (address, size) tuple. */
    public int tupleCells() {
        return address + size;
    }

    /**
     * A node's own {@code name} (#address-cells or #size-cells), or empty when it has none; one u32 of at
     * most {@link #MAX}, else an FdtException naming the property.
     */
    public static OptionalInt own(FdtNode node, String name) {
        var p = node.property(name);
        if (p.isEmpty()) {
            return OptionalInt.empty();
        }
        long v = p.get().asU32();
        if (v > MAX) {
            throw FdtException.atPath(FdtException.Kind.BAD_VALUE, p.get().path(), "value " + v
                    + " is not a usable cell count (at most " + MAX + ", libfdt's FDT_MAX_NCELLS)");
        }
        return OptionalInt.of((int) v);
    }

    /**
     * True when the node's own {@code name} is one cell equal to {@code expected}; a missing or malformed
     * one is not (Linux's __reserved_mem_check_root ignores the node then, never fails the tree).
     */
    public static boolean ownIs(FdtNode node, String name, int expected) {
        var p = node.property(name);
        return p.isPresent() && p.get().length() == 4 && p.get().asU32() == expected;
    }

    /** libfdt's view of a node's own #address-cells/#size-cells, absent ones 2 and 1 (fdt_addresses.c). */
    public static Cells libfdt(FdtNode node) {
        return new Cells(own(node, "#address-cells").orElse(2), own(node, "#size-cells").orElse(1));
    }

    /**
     * Linux's of_n_addr_cells/of_n_size_cells for a node's {@code reg}: the nearest of its ancestors
     * ({@code ancestors}, the parent first) that has the property, else 1.
     */
    public static Cells linux(List<FdtNode> ancestors) {
        return new Cells(nearest(ancestors, "#address-cells"), nearest(ancestors, "#size-cells"));
    }

    /** Linux's view of the root's own cells (of_n_addr_cells(of_root) reads the root itself first). */
    public static Cells linuxRoot(FdtNode root) {
        return new Cells(own(root, "#address-cells").orElse(1), own(root, "#size-cells").orElse(1));
    }

    private static int nearest(List<FdtNode> ancestors, String name) {
        for (FdtNode n : ancestors) {
            OptionalInt v = own(n, name);
            if (v.isPresent()) {
                return v.getAsInt();
            }
        }
        return 1;
    }

    /**
     * The kernel's of_read_number: {@code cells} big-endian cells from {@code buf}'s position, folded
     * into 64 bits (higher cells shift out), advancing the position.
     */
    public static long read(ByteBuffer buf, int cells) {
        long r = 0;
        for (int i = 0; i < cells; i++) {
            r = (r << 32) | Integer.toUnsignedLong(buf.getInt());
        }
        return r;
    }
}
