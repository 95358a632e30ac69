package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_VALUE;
import static org.dtcore.fdt.FdtException.Kind.TOO_LARGE;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dtcore.text.Numbers;

/**
 * Property values as bytes, the encoding side of {@link FdtProperty}'s accessors: big-endian u32 cells
 * and u64s, NUL-terminated strings, and (address, size) tuples in given cell counts (SPEC §2). A value
 * that does not fit its cells is an {@link FdtException} of kind {@link FdtException.Kind#BAD_VALUE},
 * never a silent truncation.
 */
public final class PropertyValues {
    private static final long MAX_VALUE_BYTES = FdtWriter.MAX_TOTAL_SIZE;

    private PropertyValues() {
    }

    /**
     * Cells, as {@code <1 2 3>} in a source file.
     *
     * @param cells the values, each 0 to 0xffffffff
     * @return 4 big-endian bytes per value; empty for none
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when a value does not fit 32 bits
     */
    public static byte[] u32(long... cells) {
        ByteBuffer out = allocate((long) cells.length * 4);
        for (long c : cells) {
            putCells(out, c, 1);
        }
        return out.array();
    }

    /**
     * 64-bit numbers, as {@code /bits/ 64 <...>} in a source file.
     *
     * @param values the values, unsigned
     * @return 8 big-endian bytes per value; empty for none
     */
    public static byte[] u64(long... values) {
        ByteBuffer out = allocate((long) values.length * 8);
        for (long v : values) {
            out.putLong(v);
        }
        return out.array();
    }

    /**
     * One string, as {@code bootargs} holds it.
     *
     * @param s the text, without a NUL
     * @return its UTF-8 bytes and a NUL
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when {@code s} holds a NUL
     */
    public static byte[] string(String s) {
        return strings(s);
    }

    /**
     * A string list, as {@code compatible} holds it.
     *
     * @param list the strings, none holding a NUL
     * @return each string's UTF-8 bytes and a NUL, back to back; empty for none
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when a string holds a NUL
     */
    public static byte[] strings(String... list) {
        long size = 0;
        byte[][] encoded = new byte[list.length][];
        for (int i = 0; i < list.length; i++) {
            if (list[i].indexOf('\0') >= 0) {
                throw FdtException.of(BAD_VALUE, "string " + i + " contains a NUL character: it would end there");
            }
            encoded[i] = list[i].getBytes(StandardCharsets.UTF_8);
            size += encoded[i].length + 1L;
        }
        ByteBuffer out = allocate(size);
        for (byte[] e : encoded) {
            out.put(e).put((byte) 0);
        }
        return out.array();
    }

    /**
     * One number in a given number of cells (SPEC §2: cells above the low two are 0).
     *
     * @param cells how many cells, 0 or more
     * @param value the number, unsigned
     * @return {@code 4 * cells} big-endian bytes
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the number does not fit the cells
     *                      or {@code cells} is negative
     */
    public static byte[] cells(int cells, long value) {
        checkCells(cells);
        ByteBuffer out = allocate(cells * 4L);
        putCells(out, value, cells);
        return out.array();
    }

    /**
     * (address, size) tuples of {@code addressCells} + {@code sizeCells} cells each, as {@code reg},
     * {@code linux,usable-memory-range} and {@code linux,elfcorehdr} hold them (SPEC §2, §6).
     *
     * @param addressCells cells of each address, 0 or more
     * @param sizeCells    cells of each size, 0 or more (not both 0)
     * @param tuples       the (address, size) pairs, in order
     * @return the tuples back to back; empty for none
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when a number does not fit its cells
     *                      or the counts cannot make a tuple
     */
    public static byte[] reg(int addressCells, int sizeCells, List<RegEntry> tuples) {
        checkCells(addressCells);
        checkCells(sizeCells);
        if (addressCells + sizeCells == 0) {
            throw FdtException.of(BAD_VALUE, "cannot encode tuples of 0+0 cells");
        }
        ByteBuffer out = allocate(((long) addressCells + sizeCells) * 4 * tuples.size());
        for (RegEntry t : tuples) {
            putCells(out, t.address(), addressCells);
            putCells(out, t.size(), sizeCells);
        }
        return out.array();
    }

    /**
     * {@link #reg(int, int, List)} for tuples given in place.
     *
     * @param addressCells cells of each address, 0 or more
     * @param sizeCells    cells of each size, 0 or more (not both 0)
     * @param tuples       the (address, size) pairs, in order
     * @return the tuples back to back
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when a number does not fit its cells
     *                      or the counts cannot make a tuple
     */
    public static byte[] reg(int addressCells, int sizeCells, RegEntry... tuples) {
        return reg(addressCells, sizeCells, List.of(tuples));
    }

    private static void putCells(ByteBuffer out, long value, int cells) {
        boolean fits = cells >= 2 || (cells == 1 ? (value >>> 32) == 0 : value == 0);
        if (!fits) {
            throw FdtException.of(BAD_VALUE, Numbers.hex(value) + " does not fit in " + cells + " cell"
                    + (cells == 1 ? "" : "s"));
        }
        for (int c = cells; c > 2; c--) {
            out.putInt(0);
        }
        if (cells >= 2) {
            out.putLong(value);
        } else if (cells == 1) {
            out.putInt((int) value);
        }
    }

    private static void checkCells(int cells) {
        if (cells < 0) {
            throw FdtException.of(BAD_VALUE, "negative cell count " + cells);
        }
    }

    private static ByteBuffer allocate(long size) {
        if (size > MAX_VALUE_BYTES) {
            throw FdtException.of(TOO_LARGE, "a " + Numbers.hex(size)
                    + "-byte value cannot be written: an FDT blob is at most " + Numbers.hex(MAX_VALUE_BYTES)
                    + " bytes");
        }
        return ByteBuffer.allocate((int) size); // big-endian, as every FDT value (SPEC §1)
    }
}
