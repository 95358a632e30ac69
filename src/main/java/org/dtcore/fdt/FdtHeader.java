package org.dtcore.fdt;

/**
 * The FDT header (SPEC §1): ten big-endian u32 words. Values are kept as unsigned ints in longs so a
 * hostile 0xffffffff stays visible in messages instead of turning negative. {@code sizeDtStruct} is 0 for
 * version 16, which has no such field (its structure block may run to totalsize).
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

    public static final long MAGIC = 0xd00dfeedL;
    /** Header length for version 17 and later (size_dt_struct present). */
    public static final int V17_SIZE = 40;
    /** Header length for version 16. */
    public static final int V16_SIZE = 36;

    /** The header length this version uses. */
    public int size() {
        return version >= 17 ? V17_SIZE : V16_SIZE;
    }
}
