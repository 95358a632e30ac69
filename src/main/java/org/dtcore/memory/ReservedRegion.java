package org.dtcore.memory;

import java.util.Objects;
import java.util.Optional;

/**
 * A reserved region with a fixed place (SPEC §5).
 *
 * @param range    inclusive range
 * @param kind     where the reservation comes from
 * @param node     the node path; empty for a /memreserve/ entry, which has none
 * @param noMap    {@code no-map}: taken out of the kernel's memory, so left out of arm64/loongarch/powerpc dumps
 * @param reusable {@code reusable}: the kernel may use it (CMA); stays in dumps
 */
public record ReservedRegion(MemoryRange range, Kind kind, Optional<String> node, boolean noMap, boolean reusable) {

    /**
     * Checks that every part is given.
     *
     * @param range    inclusive range
     * @param kind     where the reservation comes from
     * @param node     the node path; empty for a /memreserve/ entry
     * @param noMap    the {@code no-map} flag
     * @param reusable the {@code reusable} flag
     * @throws NullPointerException if a part is null (an absent node is {@code Optional.empty()})
     */
    public ReservedRegion {
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(node, "node");
    }

    /** The source of a reservation; {@link #jsonName()} is the word §12's JSON uses. */
    public enum Kind {
        /** a /memreserve/ entry of the blob's reservation block (SPEC §5) */
        MEMRESERVE("memreserve"),
        /** a /reserved-memory child with a reg (SPEC §5) */
        RESERVED_MEMORY("reserved-memory"),
        /** powerpc's RTAS: /rtas linux,rtas-base and rtas-size ({@link PowerPcFirmware}) */
        RTAS("rtas"),
        /** powerpc's OPAL firmware: /ibm,opal opal-base-address and opal-runtime-size */
        OPAL("opal"),
        /** powerpc's TCE tables: linux,tce-base and linux,tce-size of a PCI node */
        TCE("tce"),
        /** powerpc's root reserved-ranges property */
        RESERVED_RANGES("reserved-ranges");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        /**
         * The word SPEC §12's JSON and the tables use for the kind.
         *
         * @return the word, lower case with dashes ("reserved-memory")
         */
        public String jsonName() {
            return jsonName;
        }
    }
}
