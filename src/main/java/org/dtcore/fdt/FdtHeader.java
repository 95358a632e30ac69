package org.dtcore.fdt;

/**
 * The FDT header (SPEC §1): ten big-endian u32 words. Values are kept as unsigned ints in longs so a
 * hostile 0xffffffff stays visible in messages instead of turning negative. {@code sizeDtStruct} is 0 for
 * version 16, which has no such field (its structure block may run to totalsize).
 *
 * @param magic           0xd00dfeed ({@link #MAGIC}) in a blob that parsed
 * @param totalSize       the blob's length in bytes, all blocks and free space included
 * @param offDtStruct     byte offset of the structure block from the blob's start
 * @param offDtStrings    byte offset of the strings block
 * @param offMemRsvmap    byte offset of the memory reservation block
 * @param version         the format version the blob claims (16, 17, or later versions compatible with 16)
 * @param lastCompVersion the oldest version the blob stays compatible with
 * @param bootCpuidPhys   the physical id of the boot CPU, as the cpu node's {@code reg} holds it
 * @param sizeDtStrings   length of the strings block in bytes
 * @param sizeDtStruct    length of the structure block in bytes; 0 for version 16
 */
public record FdtHeader(
        long magic,
        long totalSize,
        long offDtStruct,
        long offDtStrings,
        long offMemRsvmap,
        long version,
        long lastCompVersion,
        long bootCpuidPhys,
        long sizeDtStrings,
        long sizeDtStruct) {

    /** The first word of every blob, 0xd00dfeed, big-endian (FDT_MAGIC). */
    public static final long MAGIC = 0xd00dfeedL;
    /** Header length for version 17 and later (size_dt_struct present). */
    public static final int V17_SIZE = 40;
    /** Header length for version 16. */
    public static final int V16_SIZE = 36;

    /**
     * How many bytes of the blob this header takes.
     *
     * @return {@link #V17_SIZE} for version 17 and later, else {@link #V16_SIZE}
     */
    public int size() {
        return version >= 17 ? V17_SIZE : V16_SIZE;
    }
}
