package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.elf.CoreHeader;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.HeaderDiff;
import org.dtcore.layout.LayoutDiff;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;

/**
 * {@code dtcore diff A B}: what memory appeared, vanished or moved between two memory sources, or between
 * two ELF core headers (told by the ELF magic). Exit 0 when equal, 1 when different, 2 on bad input.
 */
final class DiffCommand implements Subcommand {
    @Override
    public String name() {
        return "diff";
    }

    @Override
    public String synopsis() {
        return "A B";
    }

    @Override
    public String purpose() {
        return "Compare two memory sources (.dtb, folder, /proc/iomem) or two ELF core headers.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {
            {"A", "the old side: a .dtb, a device-tree folder, /proc/iomem text, or an ELF core header"},
            {"B", "the new side, of the same kind as A; either one may be - for standard input. --memory and"
                    + " --overlay edit B only: 'diff board.dtb board.dtb --overlay x.dtbo' shows what x.dtbo changes"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.flag("all", "show the sections that are equal too");
        t.flag("all-rows", "show every row of a section that differs, the equal ones too (default: the rows that"
                + " differ)");
        t.value("format", "FORMAT", "table (default) or json: the comparison as one JSON document");
        MemoryRuleOptions.declare(t, false);
    }

    @Override
    public int run(Arguments args, CommandIo io) {
        List<Path> ab = args.paths(2, 2, "two inputs, A and B");
        Path a = ab.get(0);
        Path b = ab.get(1);
        if (Inputs.isStdin(a) && Inputs.isStdin(b)) {
            throw CommandFailure.usage("diff: only one of A and B can be standard input (-)");
        }
        boolean all = args.flag("all");
        boolean allRows = args.flag("all-rows");
        boolean json = "json".equals(args.choice("format", "table", "table", "json"));
        MemoryRuleOptions scan = MemoryRuleOptions.from(args);
        byte[] stdin = Inputs.isStdin(a) || Inputs.isStdin(b) ? Inputs.stdin(io) : null;
        boolean elfA = Inputs.isStdin(a) ? isElf(stdin) : Inputs.isElf(a);
        boolean elfB = Inputs.isStdin(b) ? isElf(stdin) : Inputs.isElf(b);
        CheckReport report;
        if (elfA != elfB) {
            throw new CommandFailure((elfA ? b : a) + ": is not an ELF core header, but " + (elfA ? a : b)
                    + " is; diff compares two of a kind");
        }
        if (elfA) {
            report = HeaderDiff.between(header(a, stdin), header(b, stdin), "A: " + a, "B: " + b);
        } else {
            ScanOptions options = scan.toScanOptions();
            MemoryMap ma = map(a, stdin, options, BootLoaderView.NONE);
            // --memory/--overlay give B as the boot loader leaves it: "diff X X --overlay O" shows what O changes
            MemoryMap mb = map(b, stdin, options, scan.bootLoaderView());
            scan.warnIfGeneric(ma.chunks().isEmpty() ? mb : ma, io);
            report = LayoutDiff.between(ma, mb, "A: " + a, "B: " + b);
        }
        PrintWriter out = io.out();
        if (json) {
            try (JsonGenerator g = JsonOutput.on(out, true)) {
                g.writeStartObject();
                g.writeStringField("a", a.toString());
                g.writeStringField("b", b.toString());
                g.writeStringField("compared", elfA ? "core headers" : "memory maps");
                ReportJson.fields(g, report, allRows);
                g.writeEndObject();
            } catch (IOException e) {
                throw JsonOutput.writeFailure(e);
            }
            out.println();
        } else {
            out.print(report.text(!all, allRows));
        }
        return report.passed() ? 0 : 1;
    }

    private static CoreHeader header(Path p, byte[] stdin) {
        return Inputs.isStdin(p) ? Inputs.read(p, () -> CoreHeaderReader.read(stdin))
                : Inputs.read(p, () -> CoreHeaderReader.read(p));
    }

    private static MemoryMap map(Path p, byte[] stdin, ScanOptions options, BootLoaderView view) {
        if (Inputs.isStdin(p)) {
            return Inputs.read(p, () -> MemorySources.load(stdin, options, view));
        }
        Folders.requireSingleSource(p);
        return Inputs.read(p, () -> MemorySources.load(p, options, view));
    }

    private static boolean isElf(byte[] m) {
        return m.length >= 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
    }
}
