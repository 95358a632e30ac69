package org.dtcore.kdump;

import java.nio.ByteOrder;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * kexec-tools mode's own settings (SPEC §9 kexec-tools mode); each empty one is the architecture's.
 *
 * @param elfClass    32 or 64; empty for the architecture's word size
 * @param byteOrder   the header's byte order; empty for kexec-tools' host's: little-endian but on powerpc
 *                    (ppc big-endian; ppc64 as the system root's uname -m says, else little-endian)
 * @param lowmemLimit PT_LOADs above it get p_vaddr −1; empty for none. With a system root kexec-tools'
 *                    own limit applies and this one is not used
 */
public record KexecToolsSettings(OptionalInt elfClass, Optional<ByteOrder> byteOrder, OptionalLong lowmemLimit) {
    /** Every setting the architecture's, as {@code kexec -p} without options. */
    public static final KexecToolsSettings DEFAULT = new KexecToolsSettings(OptionalInt.empty(), Optional.empty(),
            OptionalLong.empty());

    /**
     * Checks the ELF class; a null Optional stands for empty.
     *
     * @param elfClass    32 or 64; empty for the architecture's word size
     * @param byteOrder   the header's byte order; empty for kexec-tools' host's: little-endian but on powerpc
     *                    (ppc big-endian; ppc64 as the system root's uname -m says, else little-endian)
     * @param lowmemLimit PT_LOADs above it get p_vaddr −1; empty for none. With a system root kexec-tools'
     *                    own limit applies and this one is not used
     * @throws KdumpException BAD_REQUEST for an ELF class other than 32 or 64
     */
    public KexecToolsSettings {
        elfClass = elfClass == null ? OptionalInt.empty() : elfClass;
        byteOrder = byteOrder == null ? Optional.empty() : byteOrder;
        lowmemLimit = lowmemLimit == null ? OptionalLong.empty() : lowmemLimit;
        if (elfClass.isPresent() && elfClass.getAsInt() != 32 && elfClass.getAsInt() != 64) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "ELF class", elfClass.getAsInt()
                    + ": give 32 or 64");
        }
    }

    /**
     * These settings with the header's ELF class given.
     *
     * @param bits 32 or 64
     * @return a copy with the class given
     * @throws KdumpException BAD_REQUEST for a class other than 32 or 64
     */
    public KexecToolsSettings withElfClass(int bits) {
        return new KexecToolsSettings(OptionalInt.of(bits), byteOrder, lowmemLimit);
    }

    /**
     * These settings with the header's byte order given.
     *
     * @param order the byte order kexec-tools' host writes
     * @return a copy with the byte order given
     */
    public KexecToolsSettings withByteOrder(ByteOrder order) {
        return new KexecToolsSettings(elfClass, Optional.of(order), lowmemLimit);
    }

    /**
     * These settings with the lowmem limit given.
     *
     * @param limit the address above which PT_LOADs get p_vaddr −1
     * @return a copy with the limit given
     */
    public KexecToolsSettings withLowmemLimit(long limit) {
        return new KexecToolsSettings(elfClass, byteOrder, OptionalLong.of(limit));
    }
}
