package org.dtcore.fdt;

/**
 * Room {@link FdtWriter} leaves in a blob, as dtc's options leave it. The default adds none, like plain
 * {@code dtc -O dtb}; room matters when a blob is edited in place later (libfdt's fdt_setprop and
 * fdt_add_mem_rsv need free space, which a boot loader or kexec gets this way).
 *
 * @param reservationSlots extra empty (0, 0) entries before the reservation block's terminator
 *                         ({@code dtc -R}); readers stop at the first of them (SPEC §1)
 * @param padding          zero bytes appended after the strings block ({@code dtc -p})
 * @param minimumSize      pad the blob up to this totalsize; a larger blob is left as it is ({@code dtc -S})
 * @param alignment        round totalsize, padding included, up to a multiple of this power of two, or 0
 *                         for none ({@code dtc -a})
 */
record FdtWriteOptions(int reservationSlots, int padding, int minimumSize, int alignment) {

    /** No room: the layout of {@code dtc -I dtb -O dtb}. */
    public static final FdtWriteOptions DEFAULT = new FdtWriteOptions(0, 0, 0, 0);

    public FdtWriteOptions {
        if (reservationSlots < 0 || padding < 0 || minimumSize < 0 || alignment < 0) {
            throw new IllegalArgumentException("FDT write options must not be negative: " + reservationSlots
                    + ", " + padding + ", " + minimumSize + ", " + alignment);
        }
        if (padding > 0 && minimumSize > 0) {
            // dtc refuses -p with -S as well: each decides the padding on its own.
            throw new IllegalArgumentException("give padding or a minimum size, not both");
        }
        if (alignment != 0 && Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment " + alignment + " is not a power of two");
        }
    }

    /** The zero bytes to append to a blob of {@code size} bytes (dtc's order: -S or -p, then -a). */
    long padFor(long size) {
        long pad = minimumSize > 0 ? Math.max(0, minimumSize - size) : padding;
        if (alignment > 0) {
            long end = size + pad;
            pad += (alignment - end % alignment) % alignment;
        }
        return pad;
    }
}
