package org.dtcore.elf;

import java.util.Arrays;

/**
 * A built core header: the model and the bytes of the whole segment, zero-filled to the builder's
 * alignment (SPEC §9), ready to be written where the capture kernel finds it.
 */
public record EncodedCoreHeader(CoreHeader header, byte[] bytes) {

    public EncodedCoreHeader {
        bytes = bytes.clone();
    }

    /** A copy of the segment's bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedCoreHeader e && header.equals(e.header) && Arrays.equals(bytes, e.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * header.hashCode() + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "EncodedCoreHeader[" + header.phnum() + " program headers, " + bytes.length + " bytes]";
    }
}
