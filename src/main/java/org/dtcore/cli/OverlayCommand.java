package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtWriter;

/**
 * {@code dtcore overlay BASE.dtb OVERLAY.dtbo... -o OUT.dtb}: the merged blob, as fdtoverlay writes it
 * (libfdt's fdt_overlay_apply, 1.7's unless --libfdt 1.6, then laid out as dtc lays out a blob); with
 * --memory, the banks written too. Written atomically; an OUT that is an input is refused.
 */
final class OverlayCommand implements Subcommand {
    @Override
    public String name() {
        return "overlay";
    }

    @Override
    public String synopsis() {
        return "BASE.dtb OVERLAY.dtbo...";
    }

    @Override
    public String purpose() {
        return "Apply device-tree overlays to a base blob as fdtoverlay does and write the merged blob.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {
            {"BASE.dtb", "the base blob (built with dtc -@ when overlays use its labels)"},
            {"OVERLAY.dtbo", "overlays, applied in order"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("o", "output", "OUT.dtb", "the blob to write (required); - for standard output").required().files();
        t.flag("quiet", "print nothing but errors on success");
        BootLoaderOptions.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> args = a.paths(1, -1, "BASE.dtb and its OVERLAY.dtbo files");
        Path base = args.get(0);
        List<Path> overlays = args.subList(1, args.size());
        Path output = a.requiredPath("output", "OUT.dtb (the blob to write, or -)");
        boolean quiet = a.flag("quiet");
        BootLoaderOptions bootLoader = BootLoaderOptions.from(a);
        BootLoaderView options = bootLoader.view();
        BootLoaderView view = BootLoaderView.NONE.withBankOrigin("the command line (--memory)")
                .withLibfdt(options.libfdt());
        List<Path> inputs = new ArrayList<>(List.of(base));
        for (Path o : overlays) {
            view = view.withOverlay(BootLoaderOptions.overlay(o, io));
            inputs.add(o);
        }
        for (BootLoaderView.Overlay o : options.overlays()) {
            view = view.withOverlay(o);
        }
        inputs.addAll(bootLoader.overlayFiles());
        for (var bank : options.memoryBanks()) {
            view = view.withMemoryBank(bank.address(), bank.size());
        }
        if (view.isEmpty()) {
            throw CommandFailure.usage("overlay: give at least one OVERLAY.dtbo (or --memory)");
        }
        BootLoaderView used = view;
        DeviceTree baseTree = Inputs.isStdin(base) ? Inputs.read(base, () -> FdtParser.parse(
                java.nio.ByteBuffer.wrap(Inputs.stdin(io)))) : Inputs.read(base, () -> FdtParser.read(base));
        BootLoaderView.Applied merged = Inputs.read(base, () -> used.apply(baseTree));
        byte[] blob = Inputs.read(base, () -> FdtWriter.write(merged.tree()));
        OutputFile.write(output, blob, inputs, io);
        PrintWriter err = io.err();
        // the overlays are what was asked for; only the banks' warnings are news
        for (String w : merged.warnings()) {
            if (!quiet && !w.startsWith(BootLoaderView.OVERLAYS_APPLIED)) {
                io.warn(w);
            }
        }
        if (!quiet) {
            // with -o - the blob itself is standard output: the summary goes to stderr
            PrintWriter out = Inputs.isStdin(output) ? io.err() : io.out();
            out.println(output + ": " + base + " with " + used.overlays().size() + " overlay(s)"
                    + (used.memoryBanks().isEmpty() ? "" : " and " + used.memoryBanks().size() + " memory bank(s)")
                    + ", " + blob.length + " bytes");
        }
        return 0;
    }
}
