package org.dtcore.fdt;

/** One /memreserve/ entry (SPEC §1): unsigned 64-bit address and size, as stored in the blob. */
public record ReservationEntry(long address, long size) {
}
