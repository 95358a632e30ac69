package org.dtcore.testing;

import java.nio.ByteBuffer;

/**
 * Expected property bytes written out in the test: a device tree stores every number big-endian (Devicetree
 * Specification v0.4 §2.2.4), a u32 cell as 4 bytes, a u64 as 8. Kept apart from dtcore's own encoder so that
 * an expected value never comes from the code under test.
 */
public final class BigEndianCells {
    private BigEndianCells() {
    }

    /** Each value as one 32-bit cell (its low 32 bits). */
    public static byte[] u32(long... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length);
        for (long v : values) {
            b.putInt((int) v);
        }
        return b.array();
    }

    /** Each value as a 64-bit number, two cells. */
    public static byte[] u64(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
