package org.dtcore.fdt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A property: its name, its value as a read-only big-endian view into the blob (never a copy), and
 * where it came from. Typed accessors decode the value and fail with an {@link FdtException} that names
 * {@code node/property} when the value does not have the asked-for shape.
 *
 * @param nodePath path of the node that holds it, e.g. {@code /memory@40000000}
 * @param name     property name
 * @param offset   byte offset of the property's PROP token in the blob, or -1 when not read from a blob
 * @param value    the value bytes (position 0, limit = length)
 */
public record FdtProperty(String nodePath, String name, long offset, ByteBuffer value) {

    /**
     * Keeps a read-only big-endian view of the value's remaining bytes (the caller's buffer is not moved).
     *
     * @param nodePath path of the node that holds it
     * @param name     property name
     * @param offset   byte offset of the PROP token in the blob, or -1 when not read from a blob
     * @param value    the value, from its position to its limit
     */
    public FdtProperty {
        value = value.slice().order(ByteOrder.BIG_ENDIAN).asReadOnlyBuffer();
    }

    /**
     * The value bytes as a fresh read-only big-endian view. Each call returns its own buffer: reading it
     * (moving its position) cannot change what the typed accessors see.
     *
     * @return the value, position 0, limit its length
     */
    @Override
    public ByteBuffer value() {
        return value.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * A property built from bytes (folder input, edits, tests), not read from a blob.
     *
     * @param nodePath path of the node that holds it
     * @param name     property name
     * @param bytes    the value; copied, so later changes to the array do not show
     * @return the property, with offset -1
     */
    public static FdtProperty of(String nodePath, String name, byte[] bytes) {
        return new FdtProperty(nodePath, name, -1, ByteBuffer.wrap(bytes.clone()));
    }

    /**
     * Where the property is, the name every message about it uses.
     *
     * @return {@code /node/prop}, or {@code /prop} on the root
     */
    public String path() {
        return nodePath.equals("/") ? "/" + name : nodePath + "/" + name;
    }

    /**
     * The value's length, which is all an empty property (a flag such as {@code dma-coherent}) has.
     *
     * @return the number of value bytes, 0 or more
     */
    public int length() {
        return value.remaining();
    }

    /**
     * The value as an array the caller may change.
     *
     * @return a copy of the value bytes
     */
    public byte[] bytes() {
        byte[] out = new byte[value.remaining()];
        value.duplicate().get(out);
        return out;
    }

    /**
     * The value for reading in place, as {@link #value()} gives it.
     *
     * @return a fresh big-endian read-only view, position 0, limit its length
     */
    public ByteBuffer buffer() {
        return value.duplicate().order(ByteOrder.BIG_ENDIAN);
    }

    /**
     * The value as one NUL-terminated string (the NUL is required, as libfdt's fdt_stringlist).
     *
     * @return the string before the NUL, decoded as UTF-8
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the value is not one
     *                      NUL-terminated string (empty, unterminated, or a list)
     */
    public String asString() {
        List<String> all = asStringList();
        if (all.size() != 1) {
            throw bad("expected one string, found " + all.size());
        }
        return all.get(0);
    }

    /**
     * The value as a string list, such as {@code compatible}.
     *
     * @return each NUL-terminated string, decoded as UTF-8, in order; empty for an empty value
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the last byte is not a NUL
     */
    public List<String> asStringList() {
        int n = value.remaining();
        List<String> out = new ArrayList<>();
        if (n == 0) {
            return out;
        }
        if (value.get(n - 1) != 0) {
            throw bad("string value is not NUL-terminated");
        }
        int start = 0;
        for (int i = 0; i < n; i++) {
            if (value.get(i) == 0) {
                byte[] b = new byte[i - start];
                value.duplicate().position(start).get(b);
                out.add(new String(b, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return out;
    }

    /**
     * Whether the value is exactly one string, as libfdt compares it (the NUL is required).
     *
     * @param s the string, without its NUL
     * @return true when the value is {@code s} in UTF-8 and one NUL; false for any other value, never an
     *         exception
     */
    public boolean isString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return value.remaining() == b.length + 1 && value.get(b.length) == 0 && startsWith(b);
    }

    /** True when the value's first bytes are {@code b} (the caller has checked the value is long enough). */
    private boolean startsWith(byte[] b) {
        for (int i = 0; i < b.length; i++) {
            if (value.get(i) != b[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The length of the value's C string: the index of its first NUL, or the whole length when it has
     * none. The kernel reads string properties with strcmp (of_fdt_device_is_available, the memory scan's
     * device_type test, __of_node_is_type); a blob pads every value with zeros and the next token's first
     * byte is 0, so a value without a NUL ends, for C, where the value ends.
     *
     * @return the number of bytes before the first NUL, 0 to {@link #length()}
     */
    public int cStringLength() {
        int n = value.remaining();
        for (int i = 0; i < n; i++) {
            if (value.get(i) == 0) {
                return i;
            }
        }
        return n;
    }

    /**
     * The value as C's string functions read it (see {@link #cStringLength}); never fails.
     *
     * @return the bytes before the first NUL, decoded as UTF-8
     */
    public String asCString() {
        byte[] b = new byte[cStringLength()];
        value.duplicate().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Whether the kernel's strcmp would find the value equal to a string ({@link #cStringLength}).
     *
     * @param s the string, without a NUL
     * @return true when the value is {@code s} in UTF-8, followed by a NUL (and anything) or by its end
     */
    public boolean isCString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return cStringLength() == b.length && startsWith(b);
    }

    /**
     * The value as one cell, such as {@code phandle} or {@code #address-cells}.
     *
     * @return the big-endian u32, unsigned in a long
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the value is not 4 bytes
     */
    public long asU32() {
        if (value.remaining() != 4) {
            throw bad("expected 4 bytes (u32), found " + value.remaining());
        }
        return Integer.toUnsignedLong(value.getInt(0));
    }

    /**
     * The value as one 64-bit number ({@code /bits/ 64}).
     *
     * @return the big-endian u64 (unsigned: a negative long is above 2^63)
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the value is not 8 bytes
     */
    public long asU64() {
        if (value.remaining() != 8) {
            throw bad("expected 8 bytes (u64), found " + value.remaining());
        }
        return value.getLong(0);
    }

    /**
     * A u32 or u64 chosen by length (SPEC §6: linux,initrd-start/-end and powerpc native words).
     *
     * @return the number, unsigned
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the value is neither 4 nor 8 bytes
     */
    public long asU32OrU64() {
        return switch (value.remaining()) {
            case 4 -> Integer.toUnsignedLong(value.getInt(0));
            case 8 -> value.getLong(0);
            default -> throw bad("expected 4 or 8 bytes, found " + value.remaining());
        };
    }

    /** Cell {@code i} for a caller that has checked it lies inside the value ({@link Cells}). */
    long cellInside(int i) {
        return Integer.toUnsignedLong(value.getInt(i * 4));
    }

    /**
     * How many cells the value holds.
     *
     * @return the number of whole u32 cells; a trailing partial cell is not counted
     */
    public int cellCount() {
        return value.remaining() / 4;
    }

    /**
     * One cell of the value.
     *
     * @param i the cell's index, from 0
     * @return the big-endian u32, unsigned in a long
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the cell is not wholly inside the
     *                      value
     */
    public long cell(int i) {
        if (i < 0 || (long) i * 4 + 4 > value.remaining()) {
            throw bad("cell " + i + " is past the end of a " + value.remaining() + "-byte value");
        }
        return Integer.toUnsignedLong(value.getInt(i * 4));
    }

    /**
     * The number of {@code cells} cells from cell {@code index}: {@link Cells#number}, the one reader (a
     * number wider than 64 bits keeps its low 64 bits, as the kernel's of_read_number).
     *
     * @param index the first cell, from 0
     * @param cells how many cells the number has (0 cells read as 0)
     * @return the number, unsigned 64-bit
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when the cells run past the value
     */
    public long cells(int index, int cells) {
        return Cells.number(this, index, cells);
    }

    /**
     * The value as (address, size) tuples of {@code addressCells + sizeCells} cells: {@link Cells#tuples},
     * the one reader (a trailing partial tuple is left out; {@link #regRemainder} says how much).
     *
     * @param addressCells cells of each address (0 or more)
     * @param sizeCells    cells of each size (0 or more; with 0, every size is 0)
     * @return the tuples in order, each decoded when it is read
     * @throws FdtException of kind {@link FdtException.Kind#BAD_VALUE} when a count is negative or both are 0
     */
    public List<RegEntry> asReg(int addressCells, int sizeCells) {
        return Cells.tuples(this, addressCells, sizeCells);
    }

    /**
     * What {@link #asReg} leaves out, for a caller that warns about it.
     *
     * @param addressCells cells of each address
     * @param sizeCells    cells of each size
     * @return the bytes after the whole tuples; the whole length when the counts cannot make a tuple
     */
    public int regRemainder(int addressCells, int sizeCells) {
        return Cells.remainder(this, addressCells, sizeCells);
    }

    private FdtException bad(String what) {
        return FdtException.atPath(FdtException.Kind.BAD_VALUE, path(), what);
    }

    @Override
    public String toString() {
        return path() + " (" + value.remaining() + " bytes)";
    }
}
