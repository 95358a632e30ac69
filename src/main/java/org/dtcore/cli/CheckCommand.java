package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.dtcore.TerminalText;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.CrashMemorySource;
import org.dtcore.layout.Expectation;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.layout.Finding;
import org.dtcore.layout.LayoutCheck;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.Columns;

/**
 * {@code dtcore check BOARD EXPECT}: exit 0 when the board's layout holds every expectation, 1 with the
 * report when not, 2 on bad input (SPEC §12). The report shows the rows that differ ({@code --all-rows}:
 * all), as text or, with {@code --format json}, as JSON; {@code --junit FILE} also writes JUnit XML. With
 * several boards (or a folder of .dtb files) EXPECT is a folder holding {@code NAME.expect.json} per board,
 * and the output is JSON Lines or a summary, printed as each board is done; the exit status is 2 if any
 * file could not be read, else 1 if any check failed. The boot loader's edits an expectation file records
 * (its {@code bootLoader} section) apply unless {@code --memory} or {@code --overlay} is given.
 */
final class CheckCommand implements Subcommand {
    /** Suffix of expectation files in an EXPECT folder. */
    static final String SUFFIX = ".expect.json";

    /** What each board's check prints; shared by the one-board and batch paths. */
    private record Output(boolean jsonl, boolean json, boolean failuresOnly, boolean allRows, Path junit) {
    }

    /** One board checked: the expectation file read and the report. */
    private record Checked(Path expectation, CheckReport report) {
    }

    @Override
    public String name() {
        return "check";
    }

    @Override
    public String synopsis() {
        return "BOARD... EXPECT";
    }

    @Override
    public String purpose() {
        return "Check a board's memory layout against an expectation file.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {
            {"BOARD", "a .dtb, a device-tree folder, /proc/iomem text or -; several, or a folder of .dtb files,"
                    + " run as a batch"},
            {"EXPECT", "the expectation file (or -); for a batch, a folder of NAME" + SUFFIX + " files"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("format", "FORMAT", "table (default) or json: the report as one JSON document (one BOARD)");
        t.flag("jsonl", "batch: one JSON object per board (JSON Lines): file, ok, then passed, failures, sections"
                + " and report, or error");
        t.flag("summary", "batch: one line per board");
        t.value("junit", "FILE", "also write the result as JUnit XML (one test case per board, a failure per"
                + " failing section) for CI servers").files();
        t.exclusive("jsonl", "summary");
        t.flag("failures-only", "leave passing sections out of the report");
        t.flag("all-rows", "show every row of a failing section, the agreeing ones too (default: the rows that"
                + " differ)");
        MemoryRuleOptions.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> args = a.paths(2, -1, "BOARD... EXPECT (at least one board and the expectation)");
        boolean jsonl = a.flag("jsonl");
        boolean summary = a.flag("summary");
        boolean json = "json".equals(a.choice("format", "table", "table", "json"));
        if (jsonl && summary) {
            throw CommandFailure.usage("--jsonl and --summary exclude each other: choose one batch output");
        }
        if (json && (jsonl || summary)) {
            throw CommandFailure.usage("--format is for one BOARD; a batch prints --jsonl or --summary");
        }
        Output output = new Output(jsonl, json, a.flag("failures-only"), a.flag("all-rows"), a.path("junit"));
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        Path expect = args.get(args.size() - 1);
        List<Path> boards = args.subList(0, args.size() - 1);
        if (Inputs.isStdin(expect) && boards.contains(expect)) {
            throw CommandFailure.usage("check: only one input can be standard input (-)");
        }
        if (jsonl || summary || boards.size() > 1 || Files.isDirectory(expect) || Folders.expand(boards).size() > 1) {
            if (json) {
                throw CommandFailure.usage("--format json checks one BOARD; for several give --jsonl (one JSON"
                        + " object per line)");
            }
            return batch(Folders.expand(boards), expect, scan, output, io);
        }
        Path board = boards.get(0);
        Checked checked;
        try {
            checked = checkOne(board, expect, scan, io);
        } catch (CommandFailure e) {
            junit(output, List.of(new JunitXml.Case(board.toString(), null, e.getMessage())), scan, board, expect, io);
            throw e;
        }
        CheckReport report = checked.report();
        PrintWriter out = io.out();
        if (json) {
            try (JsonGenerator g = JsonOutput.on(out, true)) {
                g.writeStartObject();
                g.writeStringField("board", board.toString());
                g.writeStringField("expectation", expect.toString());
                ReportJson.fields(g, report, output.allRows());
                g.writeEndObject();
            } catch (IOException e) {
                throw JsonOutput.writeFailure(e);
            }
            out.println();
        } else {
            out.print(report.text(output.failuresOnly(), output.allRows()));
        }
        junit(output, List.of(new JunitXml.Case(board.toString(), report, null)), scan, board, expect, io);
        return report.passed() ? 0 : 1;
    }

    private static Checked checkOne(Path board, Path expectFile, MemoryRuleOptions scan, CommandIo io) {
        Expectation expected = Inputs.isStdin(expectFile)
                ? Inputs.read(expectFile, () -> ExpectationReader.parse(
                        StandardInput.read(io, StandardInput.Kind.EXPECTATION)))
                : Inputs.read(expectFile, () -> ExpectationReader.read(expectFile));
        ScanOptions options = scan.given() || expected.scan() == null ? scan.toScanOptions() : expected.scan();
        MemoryMap map = Inputs.map(board, options, bootLoaderView(scan, expected, expectFile), io);
        return new Checked(expectFile, LayoutCheck.check(expected, map, CrashMemorySource.LINUX));
    }

    /**
     * The boot loader's edits: --memory and --overlay when given, else those the expectation file records,
     * its overlays read from the file's folder (the working folder for standard input).
     */
    private static BootLoaderView bootLoaderView(MemoryRuleOptions scan, Expectation expected, Path expectFile) {
        BootLoaderView given = scan.bootLoaderView();
        if (!given.isEmpty() || expected.bootLoader().isEmpty()) {
            return given;
        }
        Path folder = Inputs.isStdin(expectFile) ? Path.of("") : expectFile.toAbsolutePath().getParent();
        return Inputs.read(expectFile, () -> expected.bootLoader().get().view(folder));
    }

    private static int batch(Folders.Batch batch, Path expect, MemoryRuleOptions scan, Output output,
                             CommandIo io) {
        List<Path> boards = batch.files();
        if (!Files.isDirectory(expect)) {
            throw new CommandFailure(expect + ": with several boards, EXPECT is a folder of NAME" + SUFFIX + " files");
        }
        PrintWriter out = io.out();
        int[] failed = new int[1];
        List<JunitXml.Case> cases = Collections.synchronizedList(new ArrayList<>());
        int errors = BatchRunner.run(boards, b -> {
            Inputs.read(b, () -> {
                batch.requireReadable(b);
                return b;
            });
            return checkOne(b, expect.resolve(baseName(b) + SUFFIX), scan, io);
        }, r -> {
            boolean passed = r.ok() && r.value().report().passed();
            failed[0] += r.ok() && !passed ? 1 : 0;
            if (output.junit() != null) {
                cases.add(new JunitXml.Case(r.file().toString(), r.ok() ? r.value().report() : null, r.error()));
            }
            if (output.jsonl()) {
                jsonl(r, output.allRows(), out);
            } else {
                out.println(Columns.hang((!r.ok() ? "ERROR  " : passed ? "ok     " : "FAIL   ")
                        + TerminalText.escape(r.file().toString())
                        + TerminalText.escape(!r.ok() ? ": " + r.error() : passed ? "" : ": " + names(r.value().report())),
                        7));
            }
            out.flush();
            return !out.checkError();
        }, io, "check");
        if (!output.jsonl()) {
            out.println(boards.size() + " board" + (boards.size() == 1 ? "" : "s") + ": "
                    + (boards.size() - failed[0] - errors) + " passed, " + failed[0] + " failed, " + errors
                    + " unreadable");
        }
        junit(output, cases, scan, null, expect, io);
        return errors > 0 ? 2 : failed[0] > 0 ? 1 : 0;
    }

    private static void jsonl(BatchRunner.Outcome<Checked> r, boolean allRows, PrintWriter out) {
        try (JsonGenerator g = JsonOutput.on(out, false)) {
            g.writeStartObject();
            g.writeStringField("file", r.file().toString());
            g.writeBooleanField("ok", r.ok());
            if (r.ok()) {
                g.writeStringField("expectation", r.value().expectation().toString());
                ReportJson.fields(g, r.value().report(), allRows);
            } else {
                g.writeStringField("error", r.error());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw JsonOutput.writeFailure(e);
        }
        out.println();
    }

    /** Writes --junit's file, when asked, atomically; it must not replace a board, expectation or overlay. */
    private static void junit(Output output, List<JunitXml.Case> cases, MemoryRuleOptions scan, Path board,
                              Path expect, CommandIo io) {
        if (output.junit() != null) {
            List<Path> inputs = new ArrayList<>(scan.inputsWith(board));
            inputs.add(expect);
            OutputFile.write(output.junit(), JunitXml.write(cases, output.allRows()), inputs, io);
        }
    }

    private static String names(CheckReport r) {
        StringBuilder b = new StringBuilder();
        for (Finding f : r.failures()) {
            b.append(b.length() == 0 ? "" : ", ").append(f.name());
        }
        return b.toString();
    }

    /** {@code qemu-virt.dtb} → {@code qemu-virt}; a folder or iomem file keeps its whole name. */
    static String baseName(Path board) {
        String name = board.getFileName().toString();
        return name.endsWith(".dtb") ? name.substring(0, name.length() - 4) : name;
    }
}
