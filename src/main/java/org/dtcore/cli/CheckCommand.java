package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.TerminalText;
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
 * side-by-side report when not, 2 on bad input (SPEC §12). With several boards (or a folder of .dtb
 * files) EXPECT is a folder holding {@code NAME.expect.json} per board, and the output is JSON Lines or
 * a summary, printed as each board is done; the exit status is 2 if any file could not be read, else 1 if
 * any check failed.
 */
final class CheckCommand implements Subcommand {
    /** Suffix of expectation files in an EXPECT folder. */
    static final String SUFFIX = ".expect.json";

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
        t.flag("jsonl", "batch: one JSON object per board (JSON Lines): file, ok, then passed, failures and"
                + " report, or error");
        t.flag("summary", "batch: one line per board");
        t.exclusive("jsonl", "summary");
        t.flag("failures-only", "leave passing sections out of the report");
        ScanOptionsMixin.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> args = a.paths(2, -1, "BOARD... EXPECT (at least one board and the expectation)");
        boolean jsonl = a.flag("jsonl");
        boolean summary = a.flag("summary");
        if (jsonl && summary) {
            throw CommandFailure.usage("--jsonl and --summary exclude each other: choose one batch output");
        }
        boolean failuresOnly = a.flag("failures-only");
        ScanOptionsMixin scan = ScanOptionsMixin.from(a);
        Path expect = args.get(args.size() - 1);
        List<Path> boards = args.subList(0, args.size() - 1);
        if (Inputs.isStdin(expect) && boards.contains(expect)) {
            throw CommandFailure.usage("check: only one input can be standard input (-)");
        }
        PrintWriter out = io.out();
        if (jsonl || summary || boards.size() > 1 || Files.isDirectory(expect) || Folders.expand(boards).size() > 1) {
            return batch(Folders.expand(boards), expect, scan, jsonl, io);
        }
        CheckReport report = checkOne(boards.get(0), expect, scan, io);
        out.print(report.text(failuresOnly));
        return report.passed() ? 0 : 1;
    }

    private static CheckReport checkOne(Path board, Path expectFile, ScanOptionsMixin scan, CommandIo io) {
        Expectation expected = Inputs.isStdin(expectFile)
                ? Inputs.read(expectFile, () -> ExpectationReader.parse(Inputs.stdin(io)))
                : Inputs.read(expectFile, () -> ExpectationReader.read(expectFile));
        ScanOptions options = scan.given() || expected.scan() == null ? scan.toScanOptions() : expected.scan();
        MemoryMap map = Inputs.map(board, options, scan.bootLoaderView(), io);
        return LayoutCheck.check(expected, map, CrashMemorySource.LINUX);
    }

    private static int batch(List<Path> boards, Path expect, ScanOptionsMixin scan, boolean jsonl, CommandIo io) {
        if (!Files.isDirectory(expect)) {
            throw new CommandFailure(expect + ": with several boards, EXPECT is a folder of NAME" + SUFFIX + " files");
        }
        PrintWriter out = io.out();
        int[] failed = new int[1];
        int errors = BatchRunner.run(boards, b -> checkOne(b, expect.resolve(baseName(b) + SUFFIX), scan, io), r -> {
            boolean passed = r.ok() && r.value().passed();
            failed[0] += r.ok() && !passed ? 1 : 0;
            if (jsonl) {
                jsonl(r, passed, out);
            } else {
                out.println(Columns.hang((!r.ok() ? "ERROR  " : passed ? "ok     " : "FAIL   ")
                        + TerminalText.escape(r.file().toString())
                        + TerminalText.escape(!r.ok() ? ": " + r.error() : passed ? "" : ": " + names(r.value())), 7));
            }
            out.flush();
            return !out.checkError();
        }, io, "check");
        if (!jsonl) {
            out.println(boards.size() + " board" + (boards.size() == 1 ? "" : "s") + ": "
                    + (boards.size() - failed[0] - errors) + " passed, " + failed[0] + " failed, " + errors
                    + " unreadable");
        }
        return errors > 0 ? 2 : failed[0] > 0 ? 1 : 0;
    }

    private static void jsonl(BatchRunner.Outcome<CheckReport> r, boolean passed, PrintWriter out) {
        try (JsonGenerator g = JsonOutput.on(out, false)) {
            g.writeStartObject();
            g.writeStringField("file", r.file().toString());
            g.writeBooleanField("ok", r.ok());
            if (r.ok()) {
                g.writeBooleanField("passed", passed);
                g.writeArrayFieldStart("failures");
                for (Finding f : r.value().failures()) {
                    g.writeString(f.name());
                }
                g.writeEndArray();
                g.writeStringField("report", r.value().text(true));
            } else {
                g.writeStringField("error", r.error());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
        }
        out.println();
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
