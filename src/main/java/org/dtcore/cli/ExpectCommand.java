package org.dtcore.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.layout.BoardLayout;
import org.dtcore.layout.ExpectationWriter;
import org.dtcore.memory.ScanOptions;

/** {@code dtcore expect BOARD}: today's layout as an expectation file (docs/expectations.md), for review. */
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
        ScanOptionsMixin.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path board = a.paths(1, 1, "one BOARD").get(0);
        Path output = a.path("output");
        ScanOptionsMixin scan = ScanOptionsMixin.from(a);
        ScanOptions options = scan.toScanOptions();
        BoardLayout layout = BoardLayout.of(Inputs.map(board, options, scan.bootLoaderView(), io), options);
        if (output != null) {
            String text = ExpectationWriter.write(layout.expectation());
            OutputFile.write(output, text.getBytes(StandardCharsets.UTF_8), scan.inputsWith(board), io);
        } else {
            // streamed row by row: a board of a million chunks never has its whole text in memory
            try {
                ExpectationWriter.write(layout.expectation(), io.out());
            } catch (java.io.IOException e) {
                throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
