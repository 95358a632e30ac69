package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

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
        t.exclusive("jsonl", "summary");
        ScanOptionsMixin.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> files = a.paths(1, -1, "FILE (a .dtb, folder, /proc/iomem text or -)");
        String format = a.choice("format", null, "table", "json");
        boolean jsonl = a.flag("jsonl");
        boolean summary = a.flag("summary");
        if (jsonl && summary) {
            throw CommandFailure.usage("--jsonl and --summary exclude each other: choose one batch output");
        }
        if (format != null && (jsonl || summary)) {
            throw CommandFailure.usage("--format is for one FILE; a batch prints --jsonl or --summary");
        }
        ScanOptionsMixin scan = ScanOptionsMixin.from(a);
        ScanOptions options = scan.toScanOptions();
        List<Path> sources = jsonl || summary ? Folders.expand(files) : null;
        if (sources == null && (files.size() > 1 || Folders.expand(files).size() > 1)) {
            if ("json".equals(format)) {
                throw CommandFailure.usage("--format json reads one FILE; for several give --jsonl (one JSON object"
                        + " per line)");
            }
            summary = true;
            sources = Folders.expand(files);
        }
        if (sources != null) {
            return ChunksBatch.run(sources, options, scan.bootLoaderView(),
                    summary ? ChunksBatch.Output.summary : ChunksBatch.Output.jsonl, io);
        }
        Path file = files.get(0);
        MemoryMap map = Inputs.map(file, options, scan.bootLoaderView(), io);
        PrintWriter out = io.out();
        String arch = options.arch() == null ? "generic" : options.arch().cliName();
        if ("json".equals(format)) {
            try (JsonGenerator g = JsonOutput.on(out, true)) {
                g.writeStartObject();
                g.writeStringField("file", file.toString());
                g.writeStringField("arch", arch);
                g.writeStringField("pageSize", Numbers.hex(options.effectivePageSize()));
                MemoryMapJson.fields(g, map);
                g.writeEndObject();
            } catch (IOException e) {
                throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
            }
            out.println();
        } else {
            String rules = arch + " rules, " + ByteSize.human(options.effectivePageSize()) + " pages";
            MemoryMapTable.print(map, "Memory map of " + file + " (" + rules + ")", out);
        }
        return 0;
    }
}
