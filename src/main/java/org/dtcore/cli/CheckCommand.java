package org.dtcore.cli;

import org.dtcore.TerminalText;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.CrashMemorySource;
import org.dtcore.layout.Expectation;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.layout.Finding;
import org.dtcore.layout.LayoutCheck;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.Columns;
import org.dtcore.text.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dtcore check BOARD EXPECT}: exit 0 when the board's layout holds every expectation, 1 with the
 * side-by-side report when not, 2 on bad input (SPEC §12). With several boards (or a folder of .dtb
 * files) EXPECT is a folder holding {@code NAME.expect.json} per board, and the output is JSON Lines or
 * a summary; the exit status is 2 if any file could not be read, else 1 if any check failed.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a board's memory layout against an expectation file.")
final class CheckCommand implements Callable<Integer> {
    /** Suffix of expectation files in an EXPECT folder. */
    static final String SUFFIX = ".expect.json";

    @Parameters(paramLabel = "BOARD... EXPECT", arity = "2..*",
            description = "the board(s): .dtb, device-tree folder or /proc/iomem; then the expectation file "
                    + "(or, for several boards, a folder of NAME" + SUFFIX + " files)")
    List<Path> args;

    @Option(names = "--jsonl", description = "batch: one JSON object per board (JSON Lines)")
    boolean jsonl;

    @Option(names = "--summary", description = "batch: one line per board")
    boolean summary;

    @Option(names = "--failures-only", description = "leave passing sections out of the report")
    boolean failuresOnly;

    @Mixin
    ScanOptionsMixin scan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path expect = args.get(args.size() - 1);
        List<Path> boards = args.subList(0, args.size() - 1);
        PrintWriter out = spec.commandLine().getOut();
        if (jsonl || summary || BatchInputs.isMany(boards) || Files.isDirectory(expect)) {
            return batch(BatchInputs.expand(boards), expect, out);
        }
        CheckReport report = checkOne(boards.get(0), expect);
        out.print(report.text(failuresOnly));
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private CheckReport checkOne(Path board, Path expectFile) {
        Expectation expected = Inputs.read(expectFile, () -> ExpectationReader.read(expectFile));
        ScanOptions options = scan.given() || expected.scan() == null ? scan.toScanOptions() : expected.scan();
        var map = Inputs.read(board, () -> MemorySources.load(board, options, scan.bootLoaderView()));
        return LayoutCheck.check(expected, map, CrashMemorySource.LINUX);
    }

    private int batch(List<Path> boards, Path expect, PrintWriter out) {
        if (!Files.isDirectory(expect)) {
            throw new CommandFailure(expect + ": with several boards, EXPECT is a folder of NAME" + SUFFIX + " files");
        }
        List<BatchRunner.Outcome<CheckReport>> results = BatchRunner.run(boards,
                b -> checkOne(b, expect.resolve(baseName(b) + SUFFIX)), "check");
        ObjectMapper mapper = JsonText.MAPPER;
        int failed = 0;
        int errors = 0;
        for (BatchRunner.Outcome<CheckReport> r : results) {
            boolean passed = r.ok() && r.value().passed();
            errors += r.ok() ? 0 : 1;
            failed += r.ok() && !passed ? 1 : 0;
            if (jsonl) {
                ObjectNode o = mapper.createObjectNode();
                o.put("file", r.file().toString());
                o.put("ok", r.ok());
                if (r.ok()) {
                    o.put("passed", passed);
                    var names = o.putArray("failures");
                    r.value().failures().forEach(f -> names.add(f.name()));
                    o.put("report", r.value().text(true));
                } else {
                    o.put("error", r.error());
                }
                out.println(o.toString());
            } else {
                out.println(Columns.hang(Columns.pad(!r.ok() ? "ERROR" : passed ? "ok" : "FAIL", 6) + " "
                        + TerminalText.escape(r.file().toString()) + TerminalText.escape(!r.ok() ? ": " + r.error()
                        : passed ? "" : ": " + names(r.value())), 7));
            }
        }
        if (!jsonl) {
            out.printf(Locale.ROOT,"%d board%s: %d passed, %d failed, %d unreadable%n", results.size(),
                    results.size() == 1 ? "" : "s", results.size() - failed - errors, failed, errors);
        }
        out.flush();
        return errors > 0 ? 2 : failed > 0 ? 1 : 0;
    }

    private static String names(CheckReport r) {
        List<String> n = new ArrayList<>();
        for (Finding f : r.failures()) {
            n.add(f.name());
        }
        return String.join(", ", n);
    }

    /** {@code qemu-virt.dtb} → {@code qemu-virt}; a folder or iomem file keeps its whole name. */
    static String baseName(Path board) {
        String name = board.getFileName().toString();
        return name.endsWith(".dtb") ? name.substring(0, name.length() - 4) : name;
    }
}
