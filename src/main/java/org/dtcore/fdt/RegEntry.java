package org.dtcore.fdt;

/**
 * One (address, size) pair as a blob stores it: a tuple of a {@code reg}-shaped property (SPEC §2), decoded
 * under given cell counts, or a /memreserve/ entry (SPEC §1). Both values are unsigned 64-bit and unchecked
 * (a pair may wrap; {@code MemoryRange} is where the wrap check lives); {@code size} is 0 when a tuple had
 * no size cells.
 *
 * @param address the first byte, unsigned
 * @param size    the length in bytes, unsigned; 0 when the tuple had no size cells
 */
public record RegEntry(long address, long size) {
}
