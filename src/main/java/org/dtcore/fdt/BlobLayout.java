package org.dtcore.fdt;

/**
 * Where the blocks of a header-checked blob lie, as absolute byte offsets; every {@code end} is
 * exclusive and at most {@code totalSize}, so the later stages index the blob without further bounds
 * arithmetic on header values.
 */
record BlobLayout(
        FdtHeader header,
        int totalSize,
        int rsvmapStart,
        int rsvmapLimit,
        int structStart,
        int structEnd,
        int stringsStart,
        int stringsEnd) {
}
