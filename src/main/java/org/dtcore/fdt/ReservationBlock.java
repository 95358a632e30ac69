package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_RESERVATION;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.text.Numbers;

/** Reads the memory reservation block (SPEC §1, libfdt fdt_num_mem_rsv / fdt_get_mem_rsv). */
final class ReservationBlock {
    private static final int ENTRY_SIZE = 16;

    private ReservationBlock() {
    }

    /**
     * The entries before the terminator. SPEC §1: the block ends at the first entry whose size is 0; its
     * address is ignored, as libfdt and Linux ignore it. Entries must fit in the room the layout leaves
     * the block (up to the next block or the end of the blob).
     */
    static List<RegEntry> read(ByteBuffer blob, BlobLayout layout) {
        List<RegEntry> entries = new ArrayList<>();
        int limit = layout.rsvmapLimit();
        int at = layout.rsvmapStart();
        while (true) {
            int room = limit - at; // both ints within the blob: no overflow
            if (room == 0) {
                throw FdtException.at(BAD_RESERVATION, at, "memory reservation block at "
                        + Numbers.hex(layout.rsvmapStart()) + " is unterminated: no entry of size 0 before "
                        + what(layout, limit));
            }
            if (room < ENTRY_SIZE) {
                throw FdtException.at(BAD_RESERVATION, at, "memory reservation entry at " + Numbers.hex(at)
                        + " is truncated: " + Numbers.hex(room) + " of its " + Numbers.hex(ENTRY_SIZE)
                        + " bytes lie before " + what(layout, limit));
            }
            long address = blob.getLong(at);
            long size = blob.getLong(at + 8);
            if (size == 0) {
                return entries;
            }
            entries.add(new RegEntry(address, size));
            at += ENTRY_SIZE;
        }
    }

    private static String what(BlobLayout layout, int limit) {
        if (limit == layout.totalSize()) {
            return "the end of the blob (totalsize " + Numbers.hex(limit) + ")";
        }
        String block = limit == layout.structStart() ? "structure" : "strings";
        return "the " + block + " block at " + Numbers.hex(limit);
    }
}
