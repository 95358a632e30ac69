package org.dtcore.cli;

import org.dtcore.TerminalText;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.Columns;
import org.dtcore.text.JsonText;

/**
 * {@code dtcore chunks --jsonl|--summary FILE...}: the memory map of many sources, spread over the cores.
 * JSON Lines gives one object per file, {@code {"file", "ok": true, "map": {...}}} (the map as §12's
 * JSON) or {@code {"file", "ok": false, "error"}}; the summary is one table row per file. Exit status 2
 * when any file failed (SPEC §12), else 0.
 */
final class ChunksBatch {
    enum Output { jsonl, summary }

    private ChunksBatch() {
    }

    static int run(List<Path> args, ScanOptions options, BootLoaderView view, Output output, PrintWriter out) {
        List<Path> files = BatchInputs.expand(args);
        List<BatchRunner.Outcome<MemoryMap>> results = BatchRunner.run(files,
                f -> Inputs.read(f, () -> MemorySources.load(f, options, view)), "chunks");
        ObjectMapper mapper = JsonText.MAPPER;
        if (output == Output.jsonl) {
            MemoryMapJson json = new MemoryMapJson(mapper);
            for (BatchRunner.Outcome<MemoryMap> r : results) {
                ObjectNode o = mapper.createObjectNode();
                o.put("file", r.file().toString());
                o.put("ok", r.ok());
                if (r.ok()) {
                    o.set("map", json.render(r.value()));
                } else {
                    o.put("error", r.error());
                }
                out.println(o.toString());
            }
        } else {
            // the file column takes what the other columns (46) leave of the 100; a longer path keeps its end
            int width = Math.min(Columns.WIDTH - 48,
                    Math.max(4, results.stream().mapToInt(r -> r.file().toString().length()).max().orElse(4)));
            out.println(summaryRow(width, "File", "Status", "Ranges", "RAM", "Reserved", "Warnings"));
            for (BatchRunner.Outcome<MemoryMap> r : results) {
                String file = shortened(TerminalText.escape(r.file().toString()), width);
                if (r.ok()) {
                    MemoryMap m = r.value();
                    out.println(summaryRow(width, file, "ok", Integer.toString(m.memory().size()), m.ramSize().human(),
                            Integer.toString(m.reserved().size()), Integer.toString(m.warnings().size())));
                } else {
                    out.println(summaryRow(width, file, "FAILED", "-", "-", "-", "-"));
                    out.println(Columns.wrap(TerminalText.escape(r.error()), 4));
                }
            }
            long failed = results.stream().filter(r -> !r.ok()).count();
            out.printf(Locale.ROOT,"%d file%s, %d failed%n", results.size(), results.size() == 1 ? "" : "s", failed);
        }
        out.flush();
        return results.stream().allMatch(BatchRunner.Outcome::ok) ? 0 : 2;
    }

    private static String summaryRow(int width, String file, String status, String ranges, String ram,
                                     String reserved, String warnings) {
        return (Columns.pad(file, width) + "  " + Columns.pad(status, 6) + " " + right(ranges, 6) + " "
                + right(ram, 12) + " " + right(reserved, 8) + " " + right(warnings, 8)).stripTrailing();
    }

    private static String right(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** {@code path} in {@code width} columns: its end (the file name) kept, the start cut to "...". */
    static String shortened(String path, int width) {
        return path.length() <= width ? path : "..." + path.substring(path.length() - (width - 3));
    }
}
