package org.dtcore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.LibfdtVersion;
import picocli.CommandLine.Option;

/**
 * What the boot loader does to a tree before Linux reads it: DRAM banks (U-Boot's
 * fdt_fixup_memory_banks) and overlays (libfdt's fdt_overlay_apply). Shared by every command that
 * reads a tree, through {@link ScanOptionsMixin}; the work is {@link BootLoaderView}'s.
 */
final class BootLoaderOptionsMixin {
    @Option(names = "--memory", paramLabel = "START+SIZE",
            description = "a RAM bank the boot loader writes into /memory (repeat for more, in order),"
                    + " e.g. 0x40000000+2G; replaces the tree's placeholder as U-Boot does")
    List<String> memory = new ArrayList<>();

    @Option(names = "--overlay", paramLabel = "FILE.dtbo",
            description = "a device-tree overlay (dtc -@) applied to the tree first, as fdtoverlay does (repeat: in order)")
    List<Path> overlays = new ArrayList<>();

    @Option(names = "--libfdt", paramLabel = "VERSION",
            description = "whose overlay rules: 1.7 (default; U-Boot, Linux's build) or 1.6 (Debian 12's fdtoverlay)")
    String libfdt = "1.7";

    private BootLoaderView view;

    /**
     * The view the options give, read once (overlay files are read here; their errors name them).
     * Synchronized: batch commands ask from several threads.
     */
    synchronized BootLoaderView view() {
        if (view == null) {
            LibfdtVersion version = LibfdtVersion.of(libfdt);
            if (version == null) {
                throw new CommandFailure("--libfdt '" + libfdt + "': give 1.7 or 1.6");
            }
            BootLoaderView v = BootLoaderView.NONE.withBankOrigin("the command line (--memory)").withLibfdt(version);
            for (String bank : memory) {
                long[] b = bank(bank);
                v = v.withMemoryBank(b[0], b[1]);
            }
            for (Path file : overlays) {
                v = v.withOverlay(new BootLoaderView.Overlay(String.valueOf(file.getFileName()),
                        Inputs.read(file, () -> FdtParser.read(file))));
            }
            view = v;
        }
        return view;
    }

    /** The overlay files, for commands that must not write over an input. */
    List<Path> overlayFiles() {
        return overlays;
    }

    /** START+SIZE, each a number as {@link NumberConverter} reads it; size 0 and a bank past 2^64 refused. */
    static long[] bank(String text) {
        int plus = text.indexOf('+');
        if (plus <= 0 || plus == text.length() - 1) {
            throw new CommandFailure("--memory '" + text + "': give START+SIZE, e.g. 0x40000000+2G");
        }
        NumberConverter numbers = new NumberConverter();
        long start;
        long size;
        try {
            start = numbers.convert(text.substring(0, plus));
            size = numbers.convert(text.substring(plus + 1));
        } catch (picocli.CommandLine.TypeConversionException e) {
            throw new CommandFailure("--memory '" + text + "': " + e.getMessage(), e);
        }
        if (size == 0) {
            throw new CommandFailure("--memory '" + text + "': a bank of size 0 holds no RAM");
        }
        if (Long.compareUnsigned(start + size - 1, start) < 0) {
            throw new CommandFailure("--memory '" + text + "': the bank runs past the end of the 64-bit address space");
        }
        return new long[] {start, size};
    }
}
