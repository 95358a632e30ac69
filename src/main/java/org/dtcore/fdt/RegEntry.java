package org.dtcore.fdt;

/**
 * One (address, size) tuple of a {@code reg}-shaped property (SPEC §2), decoded under given cell counts.
 * Both values are unsigned 64-bit; {@code size} is 0 when the tuple had no size cells.
 */
public record RegEntry(long address, long size) {
}
