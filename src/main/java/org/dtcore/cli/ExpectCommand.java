package org.dtcore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.RegEntry;
import org.dtcore.layout.BoardLayout;
import org.dtcore.layout.BootLoaderSection;
import org.dtcore.layout.Expectation;
import org.dtcore.layout.ExpectationWriter;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;

/**
 * {@code dtcore expect BOARD}: today's layout as an expectation file (docs/expectations.md), for review. The
 * map's warnings go to standard error, as {@code chunks} shows them; a board without RAM is refused unless
 * {@code --allow-no-ram} (an expectation of no RAM holds only while the board stays unusable). The boot
 * loader's edits given (--memory, --overlay) are recorded in the file's {@code bootLoader} section, overlay
 * paths relative to the file's folder, so that a plain {@code check} reads the board the same way.
 */
final class ExpectCommand implements Subcommand {
    @Override
    public String name() {
        return "expect";
    }

    @Override
    public String synopsis() {
        return "BOARD";
    }

    @Override
    public String purpose() {
        return "Print the layout of a .dtb, device-tree folder or /proc/iomem as an expectation file.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"BOARD", "a .dtb, a device-tree folder, /proc/iomem text, or - for standard input"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("o", "output", "FILE", "write here (atomically) instead of standard output").files();
        t.flag("allow-no-ram", "write the expectation even when the board has no RAM (by default refused: its"
                + " RAM is the boot loader's to give, see --memory)");
        MemoryRuleOptions.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path board = a.paths(1, 1, "one BOARD").get(0);
        Path output = a.path("output");
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        ScanOptions options = scan.toScanOptions();
        MemoryMap map = Inputs.map(board, options, scan.bootLoaderView(), io);
        scan.warnIfGeneric(map, io);
        for (String w : map.warnings()) {
            io.warn(w);
        }
        if (map.memory().isEmpty() && !a.flag("allow-no-ram")) {
            throw new CommandFailure((Inputs.isStdin(board) ? "-" : board.toString()) + ": no RAM, so the"
                    + " expectation would hold only while the board has none; give the banks the boot loader writes"
                    + " (--memory START+SIZE), or --allow-no-ram to write it anyway");
        }
        Expectation e = BoardLayout.of(map, options).expectation();
        BootLoaderView view = scan.bootLoaderView();
        if (!view.isEmpty()) {
            e = e.withBootLoader(recorded(view, scan.bootLoader().overlayFiles(), output));
        }
        if (output != null && !Inputs.isStdin(output)) {
            String text = ExpectationWriter.write(e);
            OutputFile.write(output, text.getBytes(StandardCharsets.UTF_8), scan.inputsWith(board), io);
        } else {
            // streamed: a board of a million chunks never has its whole text in memory
            try {
                ExpectationWriter.write(e, io.out());
            } catch (IOException x) {
                throw JsonOutput.writeFailure(x);
            }
        }
        return 0;
    }

    /**
     * The boot loader's edits as the file records them: the banks, and each overlay's path relative to the
     * folder of {@code output} (the working folder when printed), where {@code check} looks for it.
     */
    private static BootLoaderSection recorded(BootLoaderView view, List<Path> overlayFiles, Path output) {
        List<MemoryRange> banks = new ArrayList<>();
        for (RegEntry bank : view.memoryBanks()) {
            banks.add(MemoryRange.ofSize(bank.address(), bank.size(), "--memory"));
        }
        boolean printed = output == null || Inputs.isStdin(output);
        Path folder = (printed ? Path.of("") : output.toAbsolutePath().getParent()).toAbsolutePath().normalize();
        List<String> overlays = new ArrayList<>();
        for (Path o : overlayFiles) {
            if (Inputs.isStdin(o)) {
                throw CommandFailure.usage("--overlay -: an overlay read from standard input cannot be recorded in"
                        + " the expectation file; give it as a file");
            }
            overlays.add(folder.relativize(o.toAbsolutePath().normalize()).toString());
        }
        return new BootLoaderSection(banks, overlays, view.libfdt());
    }
}
