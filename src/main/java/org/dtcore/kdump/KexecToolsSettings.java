package org.dtcore.kdump;

import java.nio.ByteOrder;

/**
 * kexec-tools mode's own settings (SPEC §9 kexec-tools mode); each null means "the architecture's".
 *
 * @param elfClass    32 or 64
 * @param byteOrder   the header's byte order
 * @param lowmemLimit PT_LOADs above it get p_vaddr −1
 */
public record KexecToolsSettings(Integer elfClass, ByteOrder byteOrder, Long lowmemLimit) {
    /** Every setting the architecture's, as {@code kexec -p} without options. */
    public static final KexecToolsSettings DEFAULT = new KexecToolsSettings(null, null, null);

    /**
     * Checks the ELF class.
     *
     * @param elfClass    32 or 64
     * @param byteOrder   the header's byte order
     * @param lowmemLimit PT_LOADs above it get p_vaddr −1
     * @throws KdumpException BAD_REQUEST for an ELF class other than 32 or 64
     */
    public KexecToolsSettings {
        if (elfClass != null && elfClass != 32 && elfClass != 64) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "ELF class", elfClass + ": give 32 or 64");
        }
    }
}
