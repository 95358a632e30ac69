package org.dtcore.fdt;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes FDT blobs for tests, token by token, with nothing checked: tests build the shape they need and
 * then corrupt any byte. Layout is dtc's: 40-byte header, reservation block at 0x28, structure block,
 * strings block. Add reservations before the first token so {@link #here()} is right.
 */
final class BlobBuilder {
    static final int HEADER_SIZE = 0x28;

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> nameOffsets = new LinkedHashMap<>();
    private final List<long[]> reservations = new ArrayList<>();
    private boolean terminateReservations = true;
    private int version = 17;
    private int lastCompVersion = 16;
    private int bootCpuid;

    /** A valid blob: root with #address-cells, one child with a property, END. */
    static byte[] minimal() {
        return new BlobBuilder()
                .beginNode("").propU32("#address-cells", 2)
                .beginNode("chosen").propString("bootargs", "console=ttyS0").endNode()
                .endNode().end().build();
    }

    BlobBuilder version(int v, int lastComp) {
        this.version = v;
        this.lastCompVersion = lastComp;
        return this;
    }

    BlobBuilder bootCpuid(int id) {
        this.bootCpuid = id;
        return this;
    }

    BlobBuilder reserve(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    /** Leaves out the size-0 entry that ends the reservation block. */
    BlobBuilder noReservationTerminator() {
        terminateReservations = false;
        return this;
    }

    /** Absolute offset of the structure block. */
    int structOffset() {
        return HEADER_SIZE + 16 * (reservations.size() + (terminateReservations ? 1 : 0));
    }

    /** Absolute offset the next structure-block byte will have. */
    int here() {
        return structOffset() + struct.size();
    }

    BlobBuilder token(int token) {
        u32(struct, token);
        return this;
    }

    /** BEGIN_NODE, the name, its NUL, padding to 4. */
    BlobBuilder beginNode(String name) {
        token(StructureWalk.BEGIN_NODE);
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        struct.writeBytes(b);
        struct.write(0);
        pad(struct);
        return this;
    }

    BlobBuilder endNode() {
        return token(StructureWalk.END_NODE);
    }

    BlobBuilder nop() {
        return token(StructureWalk.NOP);
    }

    BlobBuilder end() {
        return token(StructureWalk.END);
    }

    BlobBuilder prop(String name, byte[] value) {
        return rawProp(value.length, nameOffset(name), value);
    }

    BlobBuilder propString(String name, String... values) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (String s : values) {
            v.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            v.write(0);
        }
        return prop(name, v.toByteArray());
    }

    BlobBuilder propU32(String name, int... cells) {
        ByteBuffer v = ByteBuffer.allocate(cells.length * 4);
        for (int c : cells) {
            v.putInt(c);
        }
        return prop(name, v.array());
    }

    /** A PROP token with any length and name offset, followed by {@code value} and padding. */
    BlobBuilder rawProp(int length, int nameOffset, byte[] value) {
        token(StructureWalk.PROP);
        u32(struct, length);
        u32(struct, nameOffset);
        struct.writeBytes(value);
        pad(struct);
        return this;
    }

    /** Raw bytes into the structure block, unpadded. */
    BlobBuilder raw(byte... bytes) {
        struct.writeBytes(bytes);
        return this;
    }

    /** Offset of {@code name} in the strings block, adding it if new. */
    int nameOffset(String name) {
        return nameOffsets.computeIfAbsent(name, n -> {
            int at = strings.size();
            strings.writeBytes(n.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return at;
        });
    }

    /** Appends raw bytes to the strings block and returns their offset in it. */
    int rawString(byte[] bytes) {
        int at = strings.size();
        strings.writeBytes(bytes);
        return at;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[HEADER_SIZE]);
        for (long[] r : reservations) {
            u64(out, r[0]);
            u64(out, r[1]);
        }
        if (terminateReservations) {
            u64(out, 0);
            u64(out, 0);
        }
        int structOff = out.size();
        out.writeBytes(struct.toByteArray());
        int stringsOff = out.size();
        out.writeBytes(strings.toByteArray());
        byte[] blob = out.toByteArray();
        putU32(blob, HeaderCheck.MAGIC, (int) FdtHeader.MAGIC);
        putU32(blob, HeaderCheck.TOTALSIZE, blob.length);
        putU32(blob, HeaderCheck.OFF_DT_STRUCT, structOff);
        putU32(blob, HeaderCheck.OFF_DT_STRINGS, stringsOff);
        putU32(blob, HeaderCheck.OFF_MEM_RSVMAP, HEADER_SIZE);
        putU32(blob, HeaderCheck.VERSION, version);
        putU32(blob, HeaderCheck.LAST_COMP_VERSION, lastCompVersion);
        putU32(blob, HeaderCheck.BOOT_CPUID_PHYS, bootCpuid);
        putU32(blob, HeaderCheck.SIZE_DT_STRINGS, strings.size());
        putU32(blob, HeaderCheck.SIZE_DT_STRUCT, version >= 17 ? struct.size() : 0);
        return blob;
    }

    static void putU32(byte[] blob, int offset, int value) {
        ByteBuffer.wrap(blob).putInt(offset, value);
    }

    static int getU32(byte[] blob, int offset) {
        return ByteBuffer.wrap(blob).getInt(offset);
    }

    private static void u32(ByteArrayOutputStream out, int v) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }

    private static void u64(ByteArrayOutputStream out, long v) {
        out.writeBytes(ByteBuffer.allocate(8).putLong(v).array());
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 4 != 0) {
            out.write(0);
        }
    }
}
