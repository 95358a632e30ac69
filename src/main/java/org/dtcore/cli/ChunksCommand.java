package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.context.ContextSources;
import org.dtcore.input.SystemRoot;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.kdump.MemoryMapPipeline;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.ByteSize;

/** {@code dtcore chunks FILE...}: the memory map of a .dtb, a device-tree folder or /proc/iomem (SPEC §12). */
final class ChunksCommand implements Subcommand {
    @Override
    public String name() {
        return "chunks";
    }

    @Override
    public String synopsis() {
        return "FILE...";
    }

    @Override
    public String purpose() {
        return "Print the memory map of a .dtb, a /proc/device-tree folder or /proc/iomem text.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"FILE", "a .dtb, a device-tree folder, /proc/iomem text, or - for standard input;"
                + " several (or a folder of .dtb files) run as a batch: a summary table, or --jsonl"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("format", "FORMAT", "table (default) or json; json reads one FILE").words("table", "json");
        t.flag("jsonl", "batch: one JSON object per file (JSON Lines): file, ok, then map or error");
        t.flag("summary", "batch: one table row per file");
        t.value("sysroot", "DIR|ARCHIVE", "instead of FILE: the memory a dump covers, from a copy of a system's /sys and"
                + " /proc (a folder or a .tar.gz, as dtcore snapshot writes it): on x86_64 its /proc/iomem, elsewhere"
                + " its booted tree; --arch defaults to its proc/sys/kernel/arch").files();
        t.exclusive("jsonl", "summary");
        MemoryRuleOptions.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path sysroot = a.path("sysroot");
        if (sysroot != null) {
            return sysroot(sysroot, a, io);
        }
        List<Path> files = a.paths(1, -1, "FILE (a .dtb, folder, /proc/iomem text or -), or --sysroot DIR");
        String format = a.choice("format", null, "table", "json");
        boolean jsonl = a.flag("jsonl");
        boolean summary = a.flag("summary");
        if (jsonl && summary) {
            throw CommandFailure.usage("--jsonl and --summary exclude each other: choose one batch output");
        }
        if (format != null && (jsonl || summary)) {
            throw CommandFailure.usage("--format is for one FILE; a batch prints --jsonl or --summary");
        }
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        ScanOptions options = scan.toScanOptions();
        Folders.Batch sources = jsonl || summary ? Folders.expand(files) : null;
        if (sources == null && (files.size() > 1 || Folders.expand(files).size() > 1)) {
            if ("json".equals(format)) {
                throw CommandFailure.usage("--format json reads one FILE; for several give --jsonl (one JSON object"
                        + " per line)");
            }
            summary = true;
            sources = Folders.expand(files);
        }
        if (sources != null) {
            scan.warnIfGeneric(null, io);
            return ChunksBatch.run(sources, options, scan.bootLoaderView(),
                    summary ? ChunksBatch.Output.summary : ChunksBatch.Output.jsonl, io);
        }
        Path file = files.get(0);
        MemoryMap map = Inputs.map(file, options, scan.bootLoaderView(), io);
        scan.warnIfGeneric(map, io);
        print(file.toString(), map, options, format, io);
        return 0;
    }

    /**
     * The memory of a system root, from the source and with the rules the kdump commands use
     * ({@link MemoryMapPipeline}): its /proc/iomem on x86_64, else its booted tree; its release's rules.
     */
    private static int sysroot(Path dir, Arguments a, CommandIo io) {
        a.paths(0, 0, "no FILE with --sysroot");
        String format = a.choice("format", null, "table", "json");
        if (a.flag("jsonl") || a.flag("summary")) {
            throw CommandFailure.usage("--sysroot reads one system root; --jsonl and --summary are for a batch");
        }
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        SystemRoot root = Inputs.gather(() -> SystemRoot.of(dir));
        Arch arch = scan.arch() != null ? scan.arch() : MemoryMapPipeline.machine(root).orElseThrow(() ->
                CommandFailure.usage("chunks --sysroot needs --arch (" + dir + " has no proc/sys/kernel/arch that"
                        + " names one)"));
        ScanOptions given = scan.toScanOptions();
        ScanOptions rules = new ScanOptions(arch, given.pageSize(), given.legacyMemoryRule(),
                given.kernelLoadAddress(), given.applyUsableMemoryRange(), given.kernel());
        KdumpInputs inputs = new KdumpInputs(arch, null, ContextSources.NONE.withSystemRoot(root), List.of(),
                rules, scan.kernelVersion(), scan.bootLoaderView());
        MemoryMapPipeline.Result r = Inputs.gather(() -> MemoryMapPipeline.map(inputs));
        for (var w : r.notices()) {
            io.warn(w);
        }
        print(r.source(), r.map(), r.scan(), format, io);
        return 0;
    }

    private static void print(String file, MemoryMap map, ScanOptions options, String format, CommandIo io) {
        PrintWriter out = io.out();
        String arch = options.arch() == null ? "generic" : options.arch().cliName();
        if ("json".equals(format)) {
            try (JsonGenerator g = JsonOutput.on(out, true)) {
                g.writeStartObject();
                g.writeStringField("file", file);
                MemoryMapJson.fields(g, map, options);
                g.writeEndObject();
            } catch (IOException e) {
                throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
            }
            out.println();
        } else {
            String rules = arch + " rules, " + ByteSize.human(options.effectivePageSize()) + " pages";
            MemoryMapTable.print(map, "Memory map of " + file + " (" + rules + ")", out);
        }
    }
}
