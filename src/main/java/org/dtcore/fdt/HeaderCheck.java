package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_ALIGNMENT;
import static org.dtcore.fdt.FdtException.Kind.BAD_LAYOUT;
import static org.dtcore.fdt.FdtException.Kind.BAD_MAGIC;
import static org.dtcore.fdt.FdtException.Kind.BAD_VERSION;
import static org.dtcore.fdt.FdtException.Kind.TRUNCATED;

import java.nio.ByteBuffer;
import org.dtcore.text.Numbers;

/**
 * The cheap first layer of validation (SPEC §1, as libfdt's fdt_check_header): magic, version, sizes and
 * block placement, from the header words alone. Errors point at the header field that is wrong.
 */
final class HeaderCheck {
    // Offsets of the header fields (SPEC §1: ten big-endian u32).
    static final int MAGIC = 0x00;
    static final int TOTALSIZE = 0x04;
    static final int OFF_DT_STRUCT = 0x08;
    static final int OFF_DT_STRINGS = 0x0c;
    static final int OFF_MEM_RSVMAP = 0x10;
    static final int VERSION = 0x14;
    static final int LAST_COMP_VERSION = 0x18;
    static final int BOOT_CPUID_PHYS = 0x1c;
    static final int SIZE_DT_STRINGS = 0x20;
    static final int SIZE_DT_STRUCT = 0x24;

    /** Oldest layout we read; v1–v3 put property values on 8-byte boundaries and paths in node names. */
    static final long FIRST_VERSION = 16;
    /** Newest layout we know; a later blob is readable when it declares itself compatible with this. */
    static final long LAST_VERSION = 17;

    private static final long U32_LIMIT = 0x1_0000_0000L;

    private HeaderCheck() {
    }

    /** Checks the header of {@code blob} (position 0, all available bytes) and returns the block layout. */
    static BlobLayout check(ByteBuffer blob) {
        int available = blob.limit();
        if (available < 4) {
            throw FdtException.at(TRUNCATED, available, "blob ends after " + Numbers.hex(available)
                    + " bytes, inside the FDT header");
        }
        long magic = u32(blob, MAGIC);
        if (magic != FdtHeader.MAGIC) {
            throw FdtException.at(BAD_MAGIC, MAGIC, "bad magic " + Numbers.hex8(magic) + " (an FDT starts with "
                    + Numbers.hex8(FdtHeader.MAGIC) + ")");
        }
        if (available < BOOT_CPUID_PHYS) {
            throw FdtException.at(TRUNCATED, available, "blob ends after " + Numbers.hex(available)
                    + " bytes, inside the FDT header");
        }
        long version = u32(blob, VERSION);
        long lastComp = u32(blob, LAST_COMP_VERSION);
        // SPEC §1: 16 and 17 are read; later versions only when they stay compatible with 17.
        if (version < FIRST_VERSION) {
            throw FdtException.at(BAD_VERSION, VERSION, "version " + version
                    + " is not supported (versions 16 and 17 are; v1-v3 use another structure layout)");
        }
        if (lastComp > LAST_VERSION) {
            throw FdtException.at(BAD_VERSION, LAST_COMP_VERSION, "last_comp_version " + lastComp
                    + " (version " + version + ") is newer than 17, the last version dtcore reads");
        }
        if (version < lastComp) {
            throw FdtException.at(BAD_VERSION, VERSION, "version " + version
                    + " is older than its own last_comp_version " + lastComp);
        }
        int headerSize = version >= 17 ? FdtHeader.V17_SIZE : FdtHeader.V16_SIZE;
        if (available < headerSize) {
            throw FdtException.at(TRUNCATED, available, "blob ends after " + Numbers.hex(available)
                    + " bytes, inside the " + Numbers.hex(headerSize) + "-byte version " + version
                    + " header");
        }
        FdtHeader header = new FdtHeader(magic, u32(blob, TOTALSIZE), u32(blob, OFF_DT_STRUCT),
                u32(blob, OFF_DT_STRINGS), u32(blob, OFF_MEM_RSVMAP), version, lastComp,
                u32(blob, BOOT_CPUID_PHYS), u32(blob, SIZE_DT_STRINGS),
                version >= 17 ? u32(blob, SIZE_DT_STRUCT) : 0);

        long total = header.totalSize();
        if (total < headerSize) {
            throw FdtException.at(BAD_LAYOUT, TOTALSIZE, hex("totalsize", total) + " is smaller than the "
                    + Numbers.hex(headerSize) + "-byte header");
        }
        if (total > available) {
            throw FdtException.at(TRUNCATED, TOTALSIZE, hex("totalsize", total) + " is larger than the "
                    + Numbers.hex(available) + " bytes available");
        }

        long rsvmap = header.offMemRsvmap();
        checkOffset("off_mem_rsvmap", OFF_MEM_RSVMAP, rsvmap, headerSize, total);
        // SPEC §1: the reservation block holds u64 pairs and starts 8-aligned.
        if (rsvmap % 8 != 0) {
            throw FdtException.at(BAD_ALIGNMENT, OFF_MEM_RSVMAP, hex("off_mem_rsvmap", rsvmap)
                    + " is not 8-byte aligned");
        }

        long structStart = header.offDtStruct();
        checkOffset("off_dt_struct", OFF_DT_STRUCT, structStart, headerSize, total);
        if (structStart % 4 != 0) {
            throw FdtException.at(BAD_ALIGNMENT, OFF_DT_STRUCT, hex("off_dt_struct", structStart)
                    + " is not 4-byte aligned");
        }
        long structEnd;
        if (version >= 17) {
            structEnd = checkBlock("structure", "off_dt_struct", "size_dt_struct", SIZE_DT_STRUCT, structStart,
                    header.sizeDtStruct(), total);
        } else {
            // SPEC §1: size_dt_struct exists only from v17; a v16 structure block may run to totalsize.
            structEnd = total;
        }

        long stringsStart = header.offDtStrings();
        checkOffset("off_dt_strings", OFF_DT_STRINGS, stringsStart, headerSize, total);
        long stringsEnd = checkBlock("strings", "off_dt_strings", "size_dt_strings", SIZE_DT_STRINGS,
                stringsStart, header.sizeDtStrings(), total);

        long rsvmapLimit = rsvmapLimit(rsvmap, total, structStart,
                header.sizeDtStrings() > 0 ? stringsStart : rsvmap);
        return new BlobLayout(header, (int) total, (int) rsvmap, (int) rsvmapLimit, (int) structStart,
                (int) structEnd, (int) stringsStart, (int) stringsEnd);
    }

    /**
     * The reservation block has no size field: it may use the room up to the next block that starts after
     * it, or the end of the blob. An empty strings block occupies nothing and is passed as {@code rsvmap}.
     */
    private static long rsvmapLimit(long rsvmap, long total, long structStart, long stringsStart) {
        long limit = total;
        if (structStart > rsvmap) {
            limit = Math.min(limit, structStart);
        }
        if (stringsStart > rsvmap) {
            limit = Math.min(limit, stringsStart);
        }
        return limit;
    }

    /** A block start must lie past the header and inside totalsize (libfdt check_off_). */
    private static void checkOffset(String field, int fieldOffset, long value, int headerSize, long total) {
        if (value < headerSize) {
            throw FdtException.at(BAD_LAYOUT, fieldOffset, hex(field, value) + " overlaps the "
                    + Numbers.hex(headerSize) + "-byte header");
        }
        if (value > total) {
            throw FdtException.at(BAD_LAYOUT, fieldOffset, hex(field, value) + " is past totalsize "
                    + Numbers.hex(total));
        }
    }

    /** A block's end must not overflow 32 bits (libfdt computes it in u32) and must lie inside totalsize. */
    private static long checkBlock(String block, String offField, String sizeField, int sizeOffset, long start,
            long size, long total) {
        long end = start + size; // both are u32 in longs: no overflow here
        if (end >= U32_LIMIT) {
            throw FdtException.at(BAD_LAYOUT, sizeOffset, offField + " " + Numbers.hex(start) + " + "
                    + hex(sizeField, size) + " overflows 32 bits");
        }
        if (end > total) {
            throw FdtException.at(BAD_LAYOUT, sizeOffset, "the " + block + " block (" + Numbers.hex(start)
                    + " + " + hex(sizeField, size) + ") runs past totalsize " + Numbers.hex(total));
        }
        return end;
    }

    private static String hex(String field, long value) {
        return field + " " + Numbers.hex(value);
    }

    static long u32(ByteBuffer blob, int offset) {
        return Integer.toUnsignedLong(blob.getInt(offset));
    }
}
