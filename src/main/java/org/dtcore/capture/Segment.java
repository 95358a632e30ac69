package org.dtcore.capture;

import java.util.Locale;
import org.dtcore.memory.MemoryRange;

/**
 * A segment a kdump loader placed in the crash kernel region (SPEC §11): the core header, the initrd.
 * Unsigned 64-bit; the size is exactly what was loaded (the kernel reserves it unrounded).
 *
 * @param address physical address
 * @param size    bytes, never 0
 */
public record Segment(long address, long size) {
    public Segment {
        if (size == 0) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, String.format(Locale.ROOT,"segment 0x%x", address),
                    "a loaded segment has a size");
        }
        if (MemoryRange.wraps(address, size)) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, String.format(Locale.ROOT,"segment 0x%x", address),
                    String.format(Locale.ROOT,"size 0x%x wraps past 2^64", size));
        }
    }

    /** The exclusive end, as linux,initrd-end holds it. */
    public long end() {
        return address + size;
    }
}
