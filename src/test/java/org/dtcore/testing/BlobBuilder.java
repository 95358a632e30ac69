package org.dtcore.testing;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes FDT blobs for tests, token by token, with nothing checked: the token-level shapes dtc does not
 * write (NOPs, old versions, a chosen boot CPU, any byte corrupted after building, boards too wide for dtc's
 * quadratic checks). Trees whose blob may be dtc's are {@link DtsBoard}'s. Layout is dtc's: 40-byte
 * header, reservation block at 0x28, structure block, strings block. Add reservations before the first
 * token so {@link #here()} is right. The numbers are the Devicetree Specification's (v0.4 §5.2 header,
 * §5.4.1 tokens), written here rather than taken from dtcore's reader, so that a wrong constant there
 * cannot agree with itself.
 */
public final class BlobBuilder {
    public static final int HEADER_SIZE = 0x28;
    public static final int MAGIC = 0xd00dfeed;
    /** §5.4.1 structure block tokens. */
    public static final int BEGIN_NODE = 0x1;
    public static final int END_NODE = 0x2;
    public static final int PROP = 0x3;
    public static final int NOP = 0x4;
    public static final int END = 0x9;
    /** §5.2 header fields: byte offsets. */
    public static final int TOTALSIZE = 0x04;
    public static final int OFF_DT_STRUCT = 0x08;
    public static final int OFF_DT_STRINGS = 0x0c;
    public static final int OFF_MEM_RSVMAP = 0x10;
    public static final int VERSION = 0x14;
    public static final int LAST_COMP_VERSION = 0x18;
    public static final int BOOT_CPUID_PHYS = 0x1c;
    public static final int SIZE_DT_STRINGS = 0x20;
    public static final int SIZE_DT_STRUCT = 0x24;

    private final ByteArrayOutputStream struct = new ByteArrayOutputStream();
    private final ByteArrayOutputStream strings = new ByteArrayOutputStream();
    private final Map<String, Integer> nameOffsets = new LinkedHashMap<>();
    private final List<long[]> reservations = new ArrayList<>();
    private boolean terminateReservations = true;
    private int version = 17;
    private int lastCompVersion = 16;
    private int bootCpuid;

    /** A valid blob: root with #address-cells, one child with a property, END. */
    public static byte[] minimal() {
        return new BlobBuilder()
                .beginNode("").propU32("#address-cells", 2)
                .beginNode("chosen").propString("bootargs", "console=ttyS0").endNode()
                .endNode().end().build();
    }

    public BlobBuilder version(int v, int lastComp) {
        this.version = v;
        this.lastCompVersion = lastComp;
        return this;
    }

    public BlobBuilder bootCpuid(int id) {
        this.bootCpuid = id;
        return this;
    }

    public BlobBuilder reserve(long address, long size) {
        reservations.add(new long[] {address, size});
        return this;
    }

    /** Leaves out the size-0 entry that ends the reservation block. */
    public BlobBuilder noReservationTerminator() {
        terminateReservations = false;
        return this;
    }

    /** Absolute offset of the structure block. */
    public int structOffset() {
        return HEADER_SIZE + 16 * (reservations.size() + (terminateReservations ? 1 : 0));
    }

    /** Absolute offset the next structure-block byte will have. */
    public int here() {
        return structOffset() + struct.size();
    }

    public BlobBuilder token(int token) {
        u32(struct, token);
        return this;
    }

    /** BEGIN_NODE, the name, its NUL, padding to 4. */
    public BlobBuilder beginNode(String name) {
        token(BEGIN_NODE);
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        struct.writeBytes(b);
        struct.write(0);
        pad(struct);
        return this;
    }

    public BlobBuilder endNode() {
        return token(END_NODE);
    }

    public BlobBuilder nop() {
        return token(NOP);
    }

    public BlobBuilder end() {
        return token(END);
    }

    public BlobBuilder prop(String name, byte[] value) {
        return rawProp(value.length, nameOffset(name), value);
    }

    public BlobBuilder propString(String name, String... values) {
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        for (String s : values) {
            v.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            v.write(0);
        }
        return prop(name, v.toByteArray());
    }

    public BlobBuilder propU32(String name, int... cells) {
        ByteBuffer v = ByteBuffer.allocate(cells.length * 4);
        for (int c : cells) {
            v.putInt(c);
        }
        return prop(name, v.array());
    }

    /** A PROP token with any length and name offset, followed by {@code value} and padding. */
    public BlobBuilder rawProp(int length, int nameOffset, byte[] value) {
        token(PROP);
        u32(struct, length);
        u32(struct, nameOffset);
        struct.writeBytes(value);
        pad(struct);
        return this;
    }

    /** Raw bytes into the structure block, unpadded. */
    public BlobBuilder raw(byte... bytes) {
        struct.writeBytes(bytes);
        return this;
    }

    /** Offset of {@code name} in the strings block, adding it if new. */
    public int nameOffset(String name) {
        return nameOffsets.computeIfAbsent(name, n -> {
            int at = strings.size();
            strings.writeBytes(n.getBytes(StandardCharsets.UTF_8));
            strings.write(0);
            return at;
        });
    }

    /** Appends raw bytes to the strings block and returns their offset in it. */
    public int rawString(byte[] bytes) {
        int at = strings.size();
        strings.writeBytes(bytes);
        return at;
    }

    public byte[] build() {
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
        putU32(blob, 0, MAGIC); // the magic is the first field
        putU32(blob, TOTALSIZE, blob.length);
        putU32(blob, OFF_DT_STRUCT, structOff);
        putU32(blob, OFF_DT_STRINGS, stringsOff);
        putU32(blob, OFF_MEM_RSVMAP, HEADER_SIZE);
        putU32(blob, VERSION, version);
        putU32(blob, LAST_COMP_VERSION, lastCompVersion);
        putU32(blob, BOOT_CPUID_PHYS, bootCpuid);
        putU32(blob, SIZE_DT_STRINGS, strings.size());
        putU32(blob, SIZE_DT_STRUCT, version >= 17 ? struct.size() : 0);
        return blob;
    }

    public static void putU32(byte[] blob, int offset, int value) {
        ByteBuffer.wrap(blob).putInt(offset, value);
    }

    public static int getU32(byte[] blob, int offset) {
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
