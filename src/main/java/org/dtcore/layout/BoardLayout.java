package org.dtcore.layout;

import java.io.IOException;
import java.nio.file.Path;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;

/**
 * A board's memory layout for tests: the memory map of a .dtb, a /proc/device-tree folder or /proc/iomem
 * text (SPEC §7, detected from content), with the rules it was read by. Assert on it with
 * {@link BoardLayoutAssert#assertThat(BoardLayout)}.
 *
 * @param source  the file or folder read, or null for a map built in memory
 * @param options the rules it was read with (SPEC §3.5); {@link ScanOptions#kernel()} chooses the rules that
 *                changed between releases (riscv64 RAM below the kernel, powerpc's memory-limit rounding),
 *                6.1's when null
 * @param map     the memory map
 */
public record BoardLayout(Path source, ScanOptions options, MemoryMap map) {

    /** Reads {@code source} with the generic rules (4 KiB pages, nothing clipped). */
    public static BoardLayout load(Path source) throws IOException {
        return load(source, ScanOptions.DEFAULT);
    }

    /**
     * Reads {@code source} with {@code options}; failures are the memory and fdt layers' exceptions. For a
     * release's rules give {@code ScanOptions.forArch(arch).withKernel(KernelVersion.parse("6.12", "..."))}.
     */
    public static BoardLayout load(Path source, ScanOptions options) throws IOException {
        return new BoardLayout(source, options, MemorySources.load(source, options));
    }

    /**
     * Reads {@code source} as the boot loader leaves it: {@code view}'s overlays applied and its memory
     * banks written before the memory rules run (for the many board trees whose RAM the boot loader
     * fills in). Overlay failures are {@link org.dtcore.fdt.FdtException}s naming the overlay.
     */
    public static BoardLayout load(Path source, ScanOptions options, BootLoaderView view) throws IOException {
        return new BoardLayout(source, options, MemorySources.load(source, options, view));
    }

    /** A layout of a map already in hand. */
    public static BoardLayout of(MemoryMap map, ScanOptions options) {
        return new BoardLayout(null, options, map);
    }

    /** Checks this layout against an expectation ({@code dtcore check}'s report). */
    public CheckReport check(Expectation expected, CrashMemorySource crash) {
        return LayoutCheck.check(expected, map, crash);
    }

    /** Today's layout as an expectation ({@code dtcore expect}). */
    public Expectation expectation() {
        return ExpectationDraft.of(map, options, source == null ? null : String.valueOf(source.getFileName()));
    }

    /** "board layout of board.dtb (arm64 rules, Linux 6.12): 2 GiB of RAM in 2 ranges (2 chunks), ...". */
    @Override
    public String toString() {
        return "board layout of " + (source == null ? "a memory map" : source) + " (" + options + "): " + map;
    }

    /** The name reports use: the file name, or "memory map". */
    public String name() {
        return source == null ? "memory map" : String.valueOf(source.getFileName());
    }
}
