package org.dtcore.fdt;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Cell counts and multi-cell numbers, what libfdt's fdt_addresses.c is to libfdt: the one reader of
 * {@code #address-cells} and {@code #size-cells} (SPEC §2), of an N-cell number at a cell index, and of the
 * (address, size) tuples of a {@code reg}-shaped property. Every layer reads cells here; none by hand.
 *
 * <p>Cell counts, with the two sets of defaults the readers of a tree use: libfdt's fdt_address_cells and
 * fdt_size_cells default to 2 and 1 (the devicetree spec's values); the kernel's of_n_addr_cells and
 * of_n_size_cells, and its early scan of the root, default to 1 and 1. A count is one u32 of at most
 * {@link #MAX} (libfdt's fdt_cells).
 *
 * <p>Numbers (docs/numbers.md "Numbers in a tree"): an N-cell number is its cells big-endian, folded into 64
 * bits as the kernel's of_read_number (include/linux/of.h) folds them: with more than two cells, the higher
 * cells shift out and the number is its <b>low 64 bits</b>. Every reader of a tree in the kernel (the memory
 * scan's dt_mem_next_cell, drmem.c, prom.c, drivers/of/kexec.c, arch/powerpc/kexec) goes through
 * of_read_number, so dtcore does too; {@link #fits} tells a caller that wants to warn about the lost bits.
 *
 * @param address cells of an address, 0 to {@link #MAX} when read from a tree
 * @param size    cells of a size, 0 to {@link #MAX} when read from a tree
 */
public record Cells(int address, int size) {
    /** libfdt's FDT_MAX_NCELLS: more cells than this is not a real tree. */
    public static final int MAX = 4;
    /** Cells a 64-bit number holds; of a wider number only these, the last ones, count. */
    public static final int NUMBER_CELLS = 2;

    /**
     * The width of one (address, size) tuple.
     *
     * @return {@code address + size} cells
     */
    public int tupleCells() {
        return address + size;
    }

    /**
     * A node's own {@code name} (#address-cells or #size-cells), or empty when it has none; one u32 of at
     * most {@link #MAX}, else an FdtException naming the property.
     *
     * @param node the node whose own property is read (not a parent's)
     * @param name {@code "#address-cells"} or {@code "#size-cells"}
     * @return the count; empty when the node has no such property
     * @throws FdtException of kind {@link FdtException.Kind#BAD_NCELLS} when the value is not one cell of at
     *                      most {@link #MAX}
     */
    public static OptionalInt own(FdtNode node, String name) {
        var p = node.property(name);
        return p.isEmpty() ? OptionalInt.empty() : OptionalInt.of(count(p.get().bytes(), p.get().path()));
    }

    /**
     * libfdt's fdt_cells: the value of a #address-cells or #size-cells property found at {@code path}, one
     * u32 of at most {@link #MAX}; anything else is {@link FdtException.Kind#BAD_NCELLS}.
     */
    static int count(byte[] value, String path) {
        if (value.length != 4) {
            throw FdtException.atPath(FdtException.Kind.BAD_NCELLS, path, value.length
                    + " bytes, not one cell");
        }
        long v = Integer.toUnsignedLong((value[0] & 0xff) << 24 | (value[1] & 0xff) << 16 | (value[2] & 0xff) << 8
                | value[3] & 0xff);
        if (v > MAX) {
            throw FdtException.atPath(FdtException.Kind.BAD_NCELLS, path, "value " + v
                    + " is not a usable cell count (at most " + MAX + ", libfdt's FDT_MAX_NCELLS)");
        }
        return (int) v;
    }

    /**
     * True when the node's own {@code name} is one cell equal to {@code expected}; a missing or malformed
     * one is not (Linux's __reserved_mem_check_root ignores the node then, never fails the tree).
     *
     * @param node     the node whose own property is read
     * @param name     {@code "#address-cells"} or {@code "#size-cells"}
     * @param expected the count asked for
     * @return false when the property is missing, not 4 bytes, or another count; never an exception
     */
    public static boolean ownIs(FdtNode node, String name, int expected) {
        var p = node.property(name);
        return p.isPresent() && p.get().length() == 4 && p.get().asU32() == expected;
    }

    /**
     * libfdt's view of a node's own #address-cells/#size-cells (fdt_address_cells, fdt_size_cells): what a
     * libfdt caller such as U-Boot or kexec-tools uses for the node's children.
     *
     * @param node the parent whose children's {@code reg} the counts describe
     * @return the node's own counts, an absent one 2 (address) or 1 (size)
     * @throws FdtException of kind {@link FdtException.Kind#BAD_NCELLS} for a malformed count
     */
    public static Cells libfdt(FdtNode node) {
        return new Cells(own(node, "#address-cells").orElse(2), own(node, "#size-cells").orElse(1));
    }

    /**
     * Linux's of_n_addr_cells/of_n_size_cells for a node's {@code reg}: the nearest of its ancestors
     * ({@code ancestors}, the parent first) that has the property, else 1.
     *
     * @param ancestors the node's ancestors, its parent first and the root last ({@link NodesByType.Found})
     * @return each count from the nearest ancestor that has it, else 1
     * @throws FdtException of kind {@link FdtException.Kind#BAD_NCELLS} for a malformed count on the way
     */
    public static Cells linux(List<FdtNode> ancestors) {
        return new Cells(nearest(ancestors, "#address-cells"), nearest(ancestors, "#size-cells"));
    }

    /**
     * Linux's view of the root's own cells (of_n_addr_cells(of_root) reads the root itself first), as its
     * early memory scan reads the root's children's {@code reg} (SPEC §2).
     *
     * @param root the root node
     * @return the root's own counts, an absent one 1
     * @throws FdtException of kind {@link FdtException.Kind#BAD_NCELLS} for a malformed count
     */
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
     * The number of {@code cells} cells from cell {@code index} of {@code p} (of_read_number): 0 cells are
     * 0, more than {@link #NUMBER_CELLS} keep their low 64 bits. Cells past the value are an FdtException.
     *
     * @param p     the property holding the number
     * @param index the first cell, from 0
     * @param cells how many cells the number has
     * @return the number, unsigned 64-bit
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the cells run past the value or a
     *                      count is negative
     */
    public static long number(FdtProperty p, int index, int cells) {
        checkInside(p, index, cells);
        long r = 0;
        for (int c = 0; c < cells; c++) {
            r = (r << 32) | p.cellInside(index + c);
        }
        return r;
    }

    /**
     * The whole value as one number, of_read_number(p, len / 4), as the kernel reads linux,initrd-start and
     * -end (drivers/of/fdt.c early_init_dt_check_for_initrd) and the kexec loader reads them again
     * (drivers/of/kexec.c): 4 or 8 bytes in practice, a trailing partial cell ignored, wider values their
     * low 64 bits.
     *
     * @param p the property
     * @return the number, unsigned 64-bit; 0 for a value shorter than a cell
     */
    public static long whole(FdtProperty p) {
        return number(p, 0, p.length() / 4);
    }

    /**
     * True when the number at {@code index} loses nothing to the 64-bit rule: every cell above its low
     * {@link #NUMBER_CELLS} is zero.
     *
     * @param p     the property holding the number
     * @param index the first cell, from 0
     * @param cells how many cells the number has
     * @return true when {@link #number} gives the number whole
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the cells run past the value
     */
    public static boolean fits(FdtProperty p, int index, int cells) {
        checkInside(p, index, cells);
        for (int c = 0; c < cells - NUMBER_CELLS; c++) {
            if (p.cellInside(index + c) != 0) {
                return false;
            }
        }
        return true;
    }

    private static void checkInside(FdtProperty p, int index, int cells) {
        if (index < 0 || cells < 0 || (long) index * 4 + (long) cells * 4 > p.length()) {
            throw FdtException.atPath(FdtException.Kind.BAD_VALUE, p.path(), "cells " + index + ".."
                    + (index + cells - 1) + " run past the " + p.length() + "-byte value");
        }
    }

    /**
     * The value as (address, size) tuples of these cells (SPEC §2), each number by {@link #number}. A
     * trailing partial tuple is left out, as Linux leaves it ({@link #remainder} says how much, so the
     * caller can warn). The list decodes a tuple when it is asked for: a {@code reg} of a million tuples
     * costs no million records up front.
     *
     * @param p a {@code reg}-shaped property
     * @return the whole tuples in order, unmodifiable
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when both counts are 0
     */
    public List<RegEntry> tuples(FdtProperty p) {
        return tuples(p, address, size);
    }

    /**
     * What {@link #tuples(FdtProperty)} leaves out, for a caller that warns about it.
     *
     * @param p a {@code reg}-shaped property
     * @return the bytes after the whole tuples of these cells; the whole length when both counts are 0
     */
    public int remainder(FdtProperty p) {
        return remainder(p, address, size);
    }

    /**
     * Whether {@link #tuples(FdtProperty)} gives every number whole.
     *
     * @param p a {@code reg}-shaped property
     * @return true when no number of any whole tuple loses bits to the 64-bit rule ({@link #fits})
     */
    public boolean fit(FdtProperty p) {
        if (address <= NUMBER_CELLS && size <= NUMBER_CELLS) {
            return true;
        }
        int count = tupleCount(p, address, size);
        for (int i = 0; i < count; i++) {
            int at = i * tupleCells();
            if (!fits(p, at, address) || !fits(p, at + address, size)) {
                return false;
            }
        }
        return true;
    }

    /** {@link #tuples(FdtProperty)} for counts not (yet) checked: negative or 0+0 counts are an FdtException. */
    static List<RegEntry> tuples(FdtProperty p, int addressCells, int sizeCells) {
        if (addressCells < 0 || sizeCells < 0 || addressCells + sizeCells == 0) {
            throw FdtException.atPath(FdtException.Kind.BAD_VALUE, p.path(), "cannot decode tuples of "
                    + addressCells + "+" + sizeCells + " cells");
        }
        int count = tupleCount(p, addressCells, sizeCells);
        int tuple = addressCells + sizeCells; // exact whenever count > 0: the tuple then fits in the value
        return new AbstractList<>() {
            @Override
            public RegEntry get(int i) {
                Objects.checkIndex(i, count);
                int at = i * tuple;
                return new RegEntry(number(p, at, addressCells), number(p, at + addressCells, sizeCells));
            }

            @Override
            public int size() {
                return count;
            }
        };
    }

    /** {@link #remainder(FdtProperty)} for any counts: bad counts leave the whole value over. */
    static int remainder(FdtProperty p, int addressCells, int sizeCells) {
        long tupleBytes = ((long) addressCells + sizeCells) * 4;
        return addressCells < 0 || sizeCells < 0 || tupleBytes == 0
                ? p.length() : (int) (p.length() % tupleBytes);
    }

    private static int tupleCount(FdtProperty p, int addressCells, int sizeCells) {
        // long math: hostile counts must not overflow into a bogus tuple size
        long tupleBytes = ((long) addressCells + sizeCells) * 4;
        return tupleBytes <= 0 ? 0 : (int) (p.length() / tupleBytes);
    }
}
