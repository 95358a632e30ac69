package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_SOURCE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.FdtException;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.DeviceTreeFolder;
import org.dtcore.fdt.FdtParser;

/**
 * Reads any memory source of SPEC §7 — a .dtb, a /proc/device-tree style folder, or /proc/iomem text,
 * told apart by content — into a {@link MemoryMap}.
 */
public final class MemorySources {
    private MemorySources() {
    }

    /**
     * The memory map of the blob, folder or /proc/iomem text at {@code path} (told apart by content), read by
     * {@code options}' rules. A failure's message names {@code path} ({@link DtcoreException#reading}).
     *
     * @param path    a .dtb, a device-tree folder, or a /proc/iomem text file
     * @param options the scan's rules (architecture, kernel release, page size ...); unused for /proc/iomem
     * @return the memory map, its warnings included
     * @throws DtcoreException (an FdtException, MemoryMapException or InputException) for a source that cannot
     *         be read or does not hold a memory map the rules accept
     * @throws IOException when the file system fails a read the input layer does not turn into a DtcoreException
     */
    public static MemoryMap load(Path path, ScanOptions options) throws IOException {
        try {
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
        } catch (DtcoreException e) {
            throw e.reading(path);
        }
    }

    /**
     * A source read whole into memory (standard input): a blob or /proc/iomem text, told apart by content
     * as {@link #load(Path, ScanOptions)} does.
     *
     * @param data    the whole source: a blob, or /proc/iomem text
     * @param options the scan's rules; unused for /proc/iomem
     * @return the memory map, its warnings included
     * @throws DtcoreException for a source that cannot be read or does not hold a memory map the rules accept
     */
    public static MemoryMap load(byte[] data, ScanOptions options) {
        if (MemorySourceKind.detect(data) == MemorySourceKind.DTB) {
            return MemoryScan.scan(FdtParser.parse(ByteBuffer.wrap(data)), options);
        }
        return Iomem.toMemoryMap(Iomem.parse(new String(data, StandardCharsets.UTF_8)));
    }

    /**
     * The device tree of a blob read whole into memory (standard input).
     *
     * @param data the whole blob
     * @return the tree
     * @throws MemoryMapException when {@code data} is /proc/iomem text
     * @throws org.dtcore.fdt.FdtException when the blob is not a valid flattened device tree
     */
    public static DeviceTree tree(byte[] data) {
        if (MemorySourceKind.detect(data) != MemorySourceKind.DTB) {
            throw new MemoryMapException("", "is /proc/iomem text, not a device tree");
        }
        return FdtParser.parse(ByteBuffer.wrap(data));
    }

    /**
     * As {@link #load(byte[], ScanOptions)}, on the tree as the boot loader leaves it ({@code view}'s overlays
     * and memory banks), as {@link #load(Path, ScanOptions, BootLoaderView)} does for a file.
     *
     * @param data    the whole source: a blob (or /proc/iomem text, with an empty view)
     * @param options the scan's rules
     * @param view    the boot loader's overlays and memory banks; empty for the tree as it is
     * @return the memory map, the view's warnings first
     * @throws MemoryMapException for /proc/iomem text with a non-empty view
     * @throws DtcoreException for a source, overlay or bank that cannot be read or applied
     */
    public static MemoryMap load(byte[] data, ScanOptions options, BootLoaderView view) {
        if (view.isEmpty()) {
            return load(data, options);
        }
        if (MemorySourceKind.detect(data) == MemorySourceKind.IOMEM) {
            throw new MemoryMapException("", "is /proc/iomem text: memory banks and overlays need a device tree");
        }
        BootLoaderView.Applied booted = view.apply(tree(data));
        return withWarningsFirst(scan(booted, options), booted.warnings());
    }

    /**
     * As {@link #load(Path, ScanOptions)}, on the tree as the boot loader leaves it ({@code view}'s overlays
     * and memory banks); the view's warnings come first among the map's. /proc/iomem text has no tree to
     * edit: a non-empty view is refused for it.
     *
     * @param path    a .dtb or a device-tree folder (or a /proc/iomem text file, with an empty view)
     * @param options the scan's rules
     * @param view    the boot loader's overlays and memory banks; empty for the tree as it is
     * @return the memory map, the view's warnings first
     * @throws DtcoreException (an FdtException, MemoryMapException or InputException) for a source that cannot
     *         be read or does not hold a memory map the rules accept
     * @throws IOException when the file system fails a read the input layer does not turn into a DtcoreException
     */
    public static MemoryMap load(Path path, ScanOptions options, BootLoaderView view) throws IOException {
        if (view.isEmpty()) {
            return load(path, options);
        }
        try {
            BootLoaderView.Applied booted = booted(path, view);
            return withWarningsFirst(scan(booted, options), booted.warnings());
        } catch (DtcoreException e) {
            throw e.reading(path);
        }
    }

    /**
     * The memory map of a tree the boot loader edited; an error in a node or property an overlay put there
     * names that overlay (the board's file alone does not hold it).
     *
     * @param booted  the tree with the view applied, and what it put where
     * @param options the scan's rules
     * @return the memory map; the view's warnings are not added (see {@link #withWarningsFirst})
     * @throws DtcoreException as {@link MemoryScan#scan}, located in the overlay when one put the node there
     */
    public static MemoryMap scan(BootLoaderView.Applied booted, ScanOptions options) {
        try {
            return MemoryScan.scan(booted.tree(), options);
        } catch (FdtException e) {
            throw booted.overlayAt(e.path().orElse("")).map(e::inOverlay).orElse(e);
        } catch (MemoryMapException e) {
            Optional<String> overlay = booted.overlayAt(e.location());
            if (overlay.isEmpty()) {
                throw e;
            }
            MemoryMapException named = new MemoryMapException(e.kind(), "overlay " + overlay.get() + ", "
                    + e.location(), e.detail(), e);
            named.setStackTrace(e.getStackTrace());
            throw named;
        }
    }

    /**
     * The tree of a blob or folder source with {@code view} applied, and the view's warnings.
     *
     * @param path a .dtb or a device-tree folder
     * @param view the boot loader's overlays and memory banks; empty for the tree as it is
     * @return the edited tree and the view's warnings (none for an empty view)
     * @throws MemoryMapException when {@code path} is /proc/iomem text and the view is not empty
     * @throws DtcoreException (an FdtException, MemoryMapException or InputException) for a source that cannot
     *         be read or does not hold a memory map the rules accept
     * @throws IOException when the file system fails a read the input layer does not turn into a DtcoreException
     */
    public static BootLoaderView.Applied booted(Path path, BootLoaderView view) throws IOException {
        if (view.isEmpty()) {
            return new BootLoaderView.Applied(tree(path), List.of());
        }
        if (MemorySourceKind.detect(path) == MemorySourceKind.IOMEM) {
            throw new MemoryMapException("", "is /proc/iomem text: memory banks and overlays need a device tree");
        }
        return view.apply(tree(path));
    }

    /**
     * {@code map} with {@code first} put before its own warnings.
     *
     * @param map   a memory map
     * @param first warnings that belong before the map's own (a boot loader view's)
     * @return {@code map} with the warnings; {@code map} itself when {@code first} is empty
     */
    public static MemoryMap withWarningsFirst(MemoryMap map, List<String> first) {
        if (first.isEmpty()) {
            return map;
        }
        List<String> all = new ArrayList<>(first);
        all.addAll(map.warnings());
        return new MemoryMap(map.memory(), map.chunks(), map.reserved(), map.dynamicReserved(), map.chosen(), all);
    }

    /**
     * The device tree of a blob or folder source (not iomem).
     *
     * @param path a .dtb or a device-tree folder
     * @return the tree
     * @throws MemoryMapException when {@code path} is /proc/iomem text
     * @throws DtcoreException (an FdtException, MemoryMapException or InputException) for a source that cannot
     *         be read or does not hold a memory map the rules accept
     * @throws IOException when the file system fails a read the input layer does not turn into a DtcoreException
     */
    public static DeviceTree tree(Path path) throws IOException {
        try {
            MemorySourceKind kind = MemorySourceKind.detect(path);
            if (kind == MemorySourceKind.IOMEM) {
                throw new MemoryMapException(BAD_SOURCE, "", "is /proc/iomem text, not a device tree");
            }
            return kind == MemorySourceKind.DTB ? FdtParser.read(path) : DeviceTreeFolder.read(path);
        } catch (DtcoreException e) {
            throw e.reading(path);
        }
    }
}
