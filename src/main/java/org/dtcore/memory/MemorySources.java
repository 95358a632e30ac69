package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_SOURCE;

import java.io.IOException;
import java.nio.file.Path;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;

/**
 * Reads any memory source of SPEC §7 — a .dtb, a /proc/device-tree style folder, or /proc/iomem text,
 * told apart by content — into a {@link MemoryMap}.
 */
public final class MemorySources {
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
                // Iomem.read caps the size and decodes leniently: a stray non-UTF-8 byte in a resource
                // name must not fail the whole file as Files.readString did ("Input length = 1")
                return Iomem.toMemoryMap(Iomem.read(path));
        }
    }

    /** The device tree of a blob or folder source (not iomem). */
    public static DeviceTree tree(Path path) throws IOException {
        MemorySourceKind kind = MemorySourceKind.detect(path);
        if (kind == MemorySourceKind.IOMEM) {
            throw new MemoryMapException(BAD_SOURCE, "", "is /proc/iomem text, not a device tree");
        }
        return kind == MemorySourceKind.DTB ? FdtParser.read(path) : DeviceTreeFolder.read(path);
    }
}
