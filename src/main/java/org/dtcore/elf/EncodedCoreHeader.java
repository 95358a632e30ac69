package org.dtcore.elf;

import java.util.Arrays;

/**
 * A built core header: the model and the bytes of the whole segment, zero-filled to the builder's
 * alignment (SPEC §9), ready to be written where the capture kernel finds it.
 *
 * @param header the header the bytes encode
 * @param bytes  the whole segment, padding included (held as a copy: the record stays immutable)
 */
public record EncodedCoreHeader(CoreHeader header, byte[] bytes) {

    /**
     * A built header; the bytes are copied.
     *
     * @param header the header the bytes encode
     * @param bytes  the whole segment, padding included
     */
    public EncodedCoreHeader {
        bytes = bytes.clone();
    }

    /**
     * The segment's bytes.
     *
     * @return a copy, padding included, so a caller may change it freely
     */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /**
     * The segment's size, without copying the bytes.
     *
     * @return its length in bytes, padding included
     */
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
