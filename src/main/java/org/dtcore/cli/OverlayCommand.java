package org.dtcore.cli;

import org.dtcore.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dtcore overlay BASE.dtb OVERLAY.dtbo... -o OUT.dtb}: the merged blob, as fdtoverlay writes it
 * (libfdt's fdt_overlay_apply, 1.7's unless --libfdt 1.6, then laid out as dtc lays out a blob); with
 * --memory, the banks written too. Written atomically; an OUT that is an input is refused.
 */
@Command(name = "overlay", mixinStandardHelpOptions = true,
        description = "Apply device-tree overlays to a base blob as fdtoverlay does and write the merged blob.")
final class OverlayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASE.dtb", description = "the base blob (built with dtc -@ when overlays use its labels)")
    Path base;

    @Parameters(index = "1..*", paramLabel = "OVERLAY.dtbo", arity = "0..*", description = "overlays, applied in order")
    List<Path> overlays = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "OUT.dtb", required = true, description = "the blob to write")
    Path output;

    @Option(names = "--quiet", description = "print nothing on success")
    boolean quiet;

    @Mixin
    BootLoaderOptionsMixin bootLoader;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        BootLoaderView options = bootLoader.view();
        BootLoaderView view = BootLoaderView.NONE.withBankOrigin("the command line (--memory)")
                .withLibfdt(options.libfdt());
        List<Path> inputs = new ArrayList<>(List.of(base));
        for (Path o : overlays) {
            view = view.withOverlay(new BootLoaderView.Overlay(String.valueOf(o.getFileName()),
                    Inputs.read(o, () -> FdtParser.read(o))));
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
            throw new CommandFailure("overlay: give at least one OVERLAY.dtbo (or --memory)");
        }
        BootLoaderView used = view;
        DeviceTree baseTree = Inputs.read(base, () -> FdtParser.read(base));
        BootLoaderView.Applied merged = Inputs.read(base, () -> used.apply(baseTree));
        byte[] blob = Inputs.read(base, () -> FdtWriter.write(merged.tree()));
        OutputFile.write(output, blob, inputs);
        PrintWriter err = spec.commandLine().getErr();
        // the overlays are what was asked for; only the banks' warnings are news
        merged.warnings().stream().filter(w -> !w.startsWith(BootLoaderView.OVERLAYS_APPLIED))
                .forEach(w -> err.println("dtcore: warning: " + TerminalText.escape(w)));
        err.flush();
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT,"%s: %s with %d overlay(s)%s, %d bytes%n", output, base, used.overlays().size(),
                    used.memoryBanks().isEmpty() ? "" : " and " + used.memoryBanks().size() + " memory bank(s)",
                    blob.length);
            out.flush();
        }
        return 0;
    }
}
