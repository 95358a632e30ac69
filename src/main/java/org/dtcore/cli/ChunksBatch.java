package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.TerminalText;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.Columns;

/**
 * {@code dtcore chunks --jsonl|--summary FILE...}: the memory map of many sources, spread over the cores
 * and printed as each is done, in input order. JSON Lines gives one object per file,
 * {@code {"file", "ok": true, "map": {...}}} (the map as {@code --format json} writes it, arch and
 * page size included) or {@code {"file", "ok": false,
 * "error"}}; the summary is one table row per file. Exit status 2 when any file failed (SPEC §12), else 0.
 */
final class ChunksBatch {
    enum Output { jsonl, summary }

    private ChunksBatch() {
    }

    static int run(Folders.Batch batch, ScanOptions options, BootLoaderView view, Output output, CommandIo io) {
        List<Path> files = batch.files();
        PrintWriter out = io.out();
        // the file column takes what the other columns (46) leave of the 100; a longer path keeps its end
        int width = 4;
        for (Path f : files) {
            width = Math.max(width, f.toString().length());
        }
        int nameWidth = Math.min(Columns.WIDTH - 48, width);
        if (output == Output.summary) {
            out.println(row(nameWidth, "File", "Status", "Ranges", "RAM", "Reserved", "Warnings", ""));
        }
        int failed = BatchRunner.run(files, f -> {
            Inputs.read(f, () -> {
                batch.requireReadable(f);
                return f;
            });
            return Inputs.map(f, options, view, io);
        }, r -> {
            if (output == Output.jsonl) {
                jsonl(r, options, out);
            } else if (r.ok()) {
                MemoryMap m = r.value();
                out.println(row(nameWidth, shortened(TerminalText.escape(r.file().toString()), nameWidth), "ok",
                        Integer.toString(m.memory().size()),
                        m.ramSize().human(), Integer.toString(m.reserved().size()),
                        Integer.toString(m.warnings().size()), ""));
            } else {
                out.println(row(nameWidth, shortened(TerminalText.escape(r.file().toString()), nameWidth), "FAILED",
                        "-", "-", "-", "-", ""));
                out.println(Columns.wrap(TerminalText.escape(r.error()), 4));
            }
            out.flush();
            return !out.checkError();
        }, io, "chunks");
        if (output == Output.summary) {
            out.println(files.size() + " file" + (files.size() == 1 ? "" : "s") + ", " + failed + " failed");
        }
        return failed == 0 ? 0 : 2;
    }

    private static void jsonl(BatchRunner.Outcome<MemoryMap> r, ScanOptions options, PrintWriter out) {
        try (JsonGenerator g = JsonOutput.on(out, false)) {
            g.writeStartObject();
            g.writeStringField("file", r.file().toString());
            g.writeBooleanField("ok", r.ok());
            if (r.ok()) {
                g.writeObjectFieldStart("map");
                MemoryMapJson.fields(g, r.value(), options);
                g.writeEndObject();
            } else {
                g.writeStringField("error", r.error());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
        }
        out.println();
    }

    /** {@code path} in {@code width} columns: its end (the file name) kept, the start cut to "...". */
    static String shortened(String path, int width) {
        return path.length() <= width ? path : "..." + path.substring(path.length() - (width - 3));
    }

    /** "%-Ns  %-6s %6s %12s %8s %8s  %s" without a Formatter (one row per file of a large batch). */
    private static String row(int width, String file, String status, String ranges, String ram, String reserved,
            String warnings, String error) {
        StringBuilder b = new StringBuilder(width + 60);
        left(b, file, width).append("  ");
        left(b, status, 6).append(' ');
        right(b, ranges, 6).append(' ');
        right(b, ram, 12).append(' ');
        right(b, reserved, 8).append(' ');
        right(b, warnings, 8).append("  ").append(error);
        return b.toString().stripTrailing();
    }

    static StringBuilder left(StringBuilder b, String s, int width) {
        b.append(s);
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b;
    }

    static StringBuilder right(StringBuilder b, String s, int width) {
        for (int i = s.length(); i < width; i++) {
            b.append(' ');
        }
        return b.append(s);
    }
}
