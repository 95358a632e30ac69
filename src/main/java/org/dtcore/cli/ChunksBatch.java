package org.dtcore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
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

    static int run(List<Path> args, ScanOptions options, Output output, PrintWriter out) {
        List<Path> files = BatchInputs.expand(args);
        List<BatchRunner.Outcome<MemoryMap>> results = BatchRunner.run(files,
                f -> Inputs.read(f, () -> MemorySources.load(f, options)), "chunks");
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
            int width = results.stream().mapToInt(r -> r.file().toString().length()).max().orElse(4);
            String format = "%-" + Math.max(4, width) + "s  %-6s %6s %12s %8s %8s  %s%n";
            out.printf(format, "File", "Status", "Ranges", "RAM", "Reserved", "Warnings", "");
            for (BatchRunner.Outcome<MemoryMap> r : results) {
                if (r.ok()) {
                    MemoryMap m = r.value();
                    out.printf(format, r.file(), "ok", m.memory().size(), m.ramSize().human(),
                            m.reserved().size(), m.warnings().size(), "");
                } else {
                    out.printf(format, r.file(), "FAILED", "-", "-", "-", "-", r.error());
                }
            }
            long failed = results.stream().filter(r -> !r.ok()).count();
            out.printf("%d file%s, %d failed%n", results.size(), results.size() == 1 ? "" : "s", failed);
        }
        out.flush();
        return results.stream().allMatch(BatchRunner.Outcome::ok) ? 0 : 2;
    }
}
