package org.dtcore.memory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;

/**
 * Reads any memory source of SPEC §7 — a .dtb, a /proc/device-tree style folder, or /proc/iomem text,
 * told apart by content — into a {@link MemoryMap}.
 */
public final class MemorySources {
    /** /proc/iomem of a real machine is a few KiB; this bounds what a hostile file can make us hold. */
    static final long MAX_IOMEM_BYTES = 16L << 20;

    private MemorySources() {
    }

    public static MemoryMap load(Path path, ScanOptions options) throws IOException {
        switch (MemorySourceKind.detect(path)) {
            case DTB:
                return MemoryScan.scan(FdtParser.read(path), options);
            case FOLDER:
                return MemoryScan.scan(DeviceTreeFolder.read(path), options);
            case IOMEM:
            default:
                if (Files.size(path) > MAX_IOMEM_BYTES) {
                    throw new MemoryMapException("", "file is larger than " + MAX_IOMEM_BYTES
                            + " bytes; not /proc/iomem");
                }
                return Iomem.toMemoryMap(Iomem.parse(Files.readString(path, StandardCharsets.UTF_8)));
        }
    }

    /** The device tree of a blob or folder source (not iomem). */
    public static DeviceTree tree(Path path) throws IOException {
        MemorySourceKind kind = MemorySourceKind.detect(path);
        if (kind == MemorySourceKind.IOMEM) {
            throw new MemoryMapException("", "is /proc/iomem text, not a device tree");
        }
        return kind == MemorySourceKind.DTB ? FdtParser.read(path) : DeviceTreeFolder.read(path);
    }
}
