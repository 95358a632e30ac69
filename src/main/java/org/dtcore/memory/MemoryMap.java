package org.dtcore.memory;

import org.dtcore.TerminalText;
import java.util.List;
import org.dtcore.text.ByteSize;

/**
 * The memory map of one board (SPEC §3–§7, §12): merged RAM, the per-source chunks it came from,
 * reserved regions with a place, dynamic reservations, what /chosen says, and the warnings met.
 *
 * @param memory          RAM sorted by start with touching chunks merged (the "memory view")
 * @param chunks          RAM as each source declared it, sorted by start, unmerged
 * @param reserved        reserved regions with a fixed place, sorted by start
 * @param dynamicReserved /reserved-memory children with only a size
 * @param chosen          /chosen's memory facts
 * @param warnings        each default relied on and each oddity skipped, in the order met
 */
public record MemoryMap(List<MemoryRange> memory, List<MemoryChunk> chunks, List<ReservedRegion> reserved,
                        List<DynamicReservation> dynamicReserved, Chosen chosen, List<String> warnings) {
    /**
     * Copies the lists (unmodifiable from here on) and makes the warnings safe to print on a terminal.
     *
     * @param memory          RAM sorted by start with touching chunks merged
     * @param chunks          RAM as each source declared it, sorted by start
     * @param reserved        reserved regions with a fixed place, sorted by start
     * @param dynamicReserved /reserved-memory children with only a size
     * @param chosen          /chosen's memory facts; {@link Chosen#NONE} when there is no /chosen
     * @param warnings        the warnings, in the order met; control characters are escaped
     */
    public MemoryMap {
        // the compact lists a scan makes are immutable already: copying them would make a record per range
        memory = memory instanceof RangeList ? memory : List.copyOf(memory);
        chunks = chunks instanceof ChunkList c && c.isFrozen() ? chunks : List.copyOf(chunks);
        reserved = List.copyOf(reserved);
        dynamicReserved = List.copyOf(dynamicReserved);
        // warnings quote node names and bootargs: terminal-safe wherever they are printed
        warnings = warnings.stream().map(TerminalText::escape).toList();
    }

    /**
     * A summary, not the lists (a map may hold a million ranges): "2 GiB of RAM in 2 ranges (3 chunks),
     * 2 reserved regions, 1 placed at boot, 1 warning".
     */
    @Override
    public String toString() {
        return ramSize().human() + " of RAM in " + count(memory.size(), "range") + " (" + count(chunks.size(), "chunk")
                + "), " + count(reserved.size(), "reserved region") + ", " + dynamicReserved.size()
                + " placed at boot" + (warnings.isEmpty() ? "" : ", " + count(warnings.size(), "warning"));
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /**
     * Total RAM: 0 for a map without RAM, 2^64 when RAM covers the whole space (SPEC §0).
     *
     * @return the bytes of RAM
     */
    public ByteSize ramSize() {
        return Ranges.totalBytes(memory);
    }

    /**
     * Total RAM in bytes (saturating at 2^64−1).
     *
     * @return the bytes of RAM, unsigned; -1L (2^64-1) when RAM covers the whole space
     */
    public long totalRam() {
        long total = 0;
        for (MemoryRange r : memory) {
            if (r.size() == 0) { // the whole 64-bit space: size() wraps to 0, the total saturates
                return -1L;
            }
            long next = total + r.size();
            if (Long.compareUnsigned(next, total) < 0) {
                return -1L;
            }
            total = next;
        }
        return total;
    }
}
