package org.dtcore.memory;

/**
 * A reserved region with a fixed place (SPEC §5).
 *
 * @param range    inclusive range
 * @param kind     where the reservation comes from
 * @param node     node path, or null for /memreserve/ entries
 * @param noMap    {@code no-map}: taken out of the kernel's memory, so left out of arm64/loongarch/powerpc dumps
 * @param reusable {@code reusable}: the kernel may use it (CMA); stays in dumps
 */
public record ReservedRegion(MemoryRange range, Kind kind, String node, boolean noMap, boolean reusable) {

    /** The source of a reservation; {@link #jsonName()} is the word §12's JSON uses. */
    public enum Kind {
        MEMRESERVE("memreserve"),
        RESERVED_MEMORY("reserved-memory"),
        RTAS("rtas"),
        OPAL("opal"),
        TCE("tce"),
        RESERVED_RANGES("reserved-ranges");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        public String jsonName() {
            return jsonName;
        }
    }
}
