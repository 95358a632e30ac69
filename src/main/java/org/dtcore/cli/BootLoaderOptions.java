package org.dtcore.cli;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.LibfdtVersion;

/**
 * What the boot loader does to a tree before Linux reads it: DRAM banks (U-Boot's
 * fdt_fixup_memory_banks) and overlays (libfdt's fdt_overlay_apply). Shared by every command that
 * reads a tree, through {@link MemoryRuleOptions}: declared once here, read back with {@link #from}; the
 * work is {@link BootLoaderView}'s.
 */
final class BootLoaderOptions {
    private final List<String> memory;
    private final List<Path> overlays;
    private final String libfdt;
    private final CommandIo io;
    private BootLoaderView view;

    private BootLoaderOptions(List<String> memory, List<Path> overlays, String libfdt, CommandIo io) {
        this.memory = memory;
        this.overlays = overlays;
        this.libfdt = libfdt;
        this.io = io;
    }

    static void declare(OptionTable t) {
        t.value("memory", "START+SIZE", "a RAM bank the boot loader writes into /memory (repeat for more, in"
                + " order), e.g. 0x40000000+2G; replaces the tree's placeholder as U-Boot does").repeatable();
        t.value("overlay", "FILE.dtbo", "a device-tree overlay (dtc -@) applied to the tree first, as fdtoverlay"
                + " does (repeat: in order)").repeatable().files();
        t.value("libfdt", "VERSION", "whose overlay rules: 1.7 (default; U-Boot, Linux's build) or 1.6 (Debian"
                + " 12's fdtoverlay)").words("1.7", "1.6");
    }

    static BootLoaderOptions from(Arguments a) {
        List<Path> files = new ArrayList<>();
        for (String o : a.texts("overlay")) {
            if (o.isEmpty()) {
                throw CommandFailure.usage("--overlay is empty; give a .dtbo file");
            }
            files.add(Arguments.toPath(o));
        }
        String libfdt = a.text("libfdt");
        return new BootLoaderOptions(a.texts("memory"), files, libfdt == null ? "1.7" : libfdt, a.io());
    }

    /**
     * The view the options give, read once (overlay files are read here; their errors name them).
     * Synchronized: batch commands ask from several threads.
     */
    synchronized BootLoaderView view() {
        if (view == null) {
            LibfdtVersion version = LibfdtVersion.of(libfdt)
                    .orElseThrow(() -> CommandFailure.usage("--libfdt '" + libfdt + "': give 1.7 or 1.6"));
            BootLoaderView v = BootLoaderView.NONE.withBankOrigin("the command line (--memory)").withLibfdt(version);
            for (String bank : memory) {
                long[] b = bank(bank);
                v = v.withMemoryBank(b[0], b[1]);
            }
            for (Path file : overlays) {
                v = v.withOverlay(overlay(file, io));
            }
            view = v;
        }
        return view;
    }

    /**
     * An overlay blob, named in messages by its file name; {@code -} is standard input, like every other
     * input.
     */
    static BootLoaderView.Overlay overlay(Path file, CommandIo io) {
        if (Inputs.isStdin(file)) {
            return new BootLoaderView.Overlay("-", Inputs.read(file, () -> FdtParser.parse(
                    ByteBuffer.wrap(StandardInput.read(io, StandardInput.Kind.BOARD)))));
        }
        return new BootLoaderView.Overlay(String.valueOf(file.getFileName()), Inputs.read(file, () -> FdtParser.read(file)));
    }

    /** The overlay files, for commands that must not write over an input. */
    List<Path> overlayFiles() {
        return overlays;
    }

    /** START+SIZE, each a number; size 0 and a bank past 2^64 refused. */
    static long[] bank(String text) {
        int plus = text.indexOf('+');
        if (plus <= 0 || plus == text.length() - 1) {
            throw CommandFailure.usage("--memory '" + text + "': give START+SIZE, e.g. 0x40000000+2G");
        }
        long start = NumberConverter.parse("--memory '" + text + "':", text.substring(0, plus));
        long size = NumberConverter.parse("--memory '" + text + "':", text.substring(plus + 1));
        if (size == 0) {
            throw CommandFailure.usage("--memory '" + text + "': a bank of size 0 holds no RAM");
        }
        if (Long.compareUnsigned(start + size - 1, start) < 0) {
            throw CommandFailure.usage("--memory '" + text + "': the bank runs past the end of the 64-bit address"
                    + " space");
        }
        return new long[] {start, size};
    }
}
