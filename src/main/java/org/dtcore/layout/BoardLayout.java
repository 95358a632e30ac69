package org.dtcore.layout;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;

/**
 * A board's memory layout for tests: the memory map of a .dtb, a /proc/device-tree folder or /proc/iomem
 * text (SPEC §7, detected from content), with the rules it was read by. Assert on it with
 * {@link BoardLayoutAssert#assertThat(BoardLayout)}.
 *
 * @param source  the file or folder read; empty for a map built in memory
 * @param options the rules it was read with (SPEC §3.5); {@link ScanOptions#kernel()} chooses the rules that
 *                changed between releases (riscv64 RAM below the kernel, powerpc's memory-limit rounding),
 *                6.1's when null
 * @param map     the memory map
 */
public record BoardLayout(Optional<Path> source, ScanOptions options, MemoryMap map) {

    /**
     * A null source stands for empty.
     *
     * @param source  the file or folder read; empty for a map built in memory
     * @param options the rules it was read with
     * @param map     the memory map
     */
    public BoardLayout {
        source = source == null ? Optional.empty() : source;
    }

    /**
     * Reads {@code source} with the generic rules (4 KiB pages, nothing clipped).
     *
     * @param source a .dtb, a /proc/device-tree folder or /proc/iomem text (told apart by content)
     * @return the layout, its map's warnings included
     * @throws IOException when {@code source} cannot be read
     */
    public static BoardLayout load(Path source) throws IOException {
        return load(source, ScanOptions.DEFAULT);
    }

    /**
     * Reads {@code source} with {@code options}; failures are the memory and fdt layers' exceptions. For a
     * release's rules give {@code ScanOptions.forArch(arch).withKernel(KernelVersion.parse("6.12", "..."))}.
     *
     * @param source  a .dtb, a /proc/device-tree folder or /proc/iomem text (told apart by content)
     * @param options the memory rules: architecture, page size, kernel release
     * @return the layout, its map's warnings included
     * @throws IOException when {@code source} cannot be read
     */
    public static BoardLayout load(Path source, ScanOptions options) throws IOException {
        return new BoardLayout(Optional.of(source), options, MemorySources.load(source, options));
    }

    /**
     * Reads {@code source} as the boot loader leaves it: {@code view}'s overlays applied and its memory
     * banks written before the memory rules run (for the many board trees whose RAM the boot loader
     * fills in). Overlay failures are {@link org.dtcore.fdt.FdtException}s naming the overlay.
     *
     * @param source  a .dtb or a /proc/device-tree folder (/proc/iomem text has no tree to edit)
     * @param options the memory rules: architecture, page size, kernel release
     * @param view    the boot loader's overlays and memory banks; {@link BootLoaderView#NONE} for the tree as
     *                read
     * @return the layout of the edited tree
     * @throws IOException when {@code source} or an overlay cannot be read
     */
    public static BoardLayout load(Path source, ScanOptions options, BootLoaderView view) throws IOException {
        return new BoardLayout(Optional.of(source), options, MemorySources.load(source, options, view));
    }

    /**
     * A layout of a map already in hand.
     *
     * @param map     the memory map
     * @param options the rules it was read with
     * @return a layout without a source, which reports call "memory map"
     */
    public static BoardLayout of(MemoryMap map, ScanOptions options) {
        return new BoardLayout(Optional.empty(), options, map);
    }

    /**
     * Checks this layout against an expectation ({@code dtcore check}'s report).
     *
     * @param expected the expectation; its absent sections are not checked
     * @param crash    the crash memory policy for the expectation's crash section ({@link
     *                 CrashMemorySource#LINUX}); null reports that section as not evaluated
     * @return one finding per checked item, passed or failed
     */
    public CheckReport check(Expectation expected, CrashMemorySource crash) {
        return LayoutCheck.check(expected, map, crash);
    }

    /**
     * Today's layout as an expectation ({@code dtcore expect}).
     *
     * @return an expectation that every section of this layout matches exactly, labelled with the file name
     */
    public Expectation expectation() {
        return ExpectationDraft.of(map, options, source.map(s -> String.valueOf(s.getFileName())).orElse(null));
    }

    /** "board layout of board.dtb (arm64 rules, Linux 6.12): 2 GiB of RAM in 2 ranges (2 chunks), ...". */
    @Override
    public String toString() {
        return "board layout of " + (source.isEmpty() ? "a memory map" : source.get()) + " (" + options + "): "
                + map;
    }

    /**
     * The name reports use.
     *
     * @return the source's file name, or "memory map" when there is no source
     */
    public String name() {
        return source.map(s -> String.valueOf(s.getFileName())).orElse("memory map");
    }
}
