package org.dtcore.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dtcore.layout.BoardLayout;
import org.dtcore.layout.ExpectationWriter;
import org.dtcore.memory.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code dtcore expect BOARD}: today's layout as an expectation file (docs/expectations.md), for review. */
@Command(name = "expect", mixinStandardHelpOptions = true,
        description = "Print the layout of a .dtb, device-tree folder or /proc/iomem as an expectation file.")
final class ExpectCommand implements Callable<Integer> {

    @Parameters(paramLabel = "BOARD", description = "a .dtb, a device-tree folder or /proc/iomem text")
    Path board;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here (atomically) instead of stdout")
    Path output;

    @Mixin
    ScanOptionsMixin scan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ScanOptions options = scan.toScanOptions();
        BoardLayout layout = Inputs.read(board, () -> BoardLayout.load(board, options, scan.bootLoaderView()));
        if (output != null) {
            String text = ExpectationWriter.write(layout.expectation());
            OutputFile.write(output, text.getBytes(StandardCharsets.UTF_8), List.of(board));
        } else {
            // streamed row by row: a board of a million chunks never has its whole text in memory
            try {
                ExpectationWriter.write(layout.expectation(), spec.commandLine().getOut());
            } catch (java.io.IOException e) {
                throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
            }
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
