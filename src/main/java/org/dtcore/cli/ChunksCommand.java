package org.dtcore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.ByteSize;
import org.dtcore.text.JsonText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dtcore chunks FILE}: the memory map of a .dtb, a device-tree folder or /proc/iomem (SPEC §12). */
@Command(name = "chunks", mixinStandardHelpOptions = true,
        description = "Print the memory map of a .dtb, a /proc/device-tree folder or /proc/iomem text.")
final class ChunksCommand implements Callable<Integer> {
    enum Format { table, json }

    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "a .dtb, a device-tree folder or /proc/iomem text; several (or a folder of .dtb files)"
                    + " with --jsonl or --summary")
    List<Path> files;

    @Option(names = "--jsonl", description = "batch: one JSON object per file (JSON Lines)")
    boolean jsonl;

    @Option(names = "--summary", description = "batch: one table row per file")
    boolean summary;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    Format format = Format.table;

    @Mixin
    ScanOptionsMixin scan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ScanOptions options = scan.toScanOptions();
        if (jsonl || summary || BatchInputs.isMany(files)) {
            // many files without a batch flag: the table format becomes the summary, json becomes JSON Lines
            boolean rows = summary || (!jsonl && format == Format.table);
            return ChunksBatch.run(files, options, scan.bootLoaderView(), rows ? ChunksBatch.Output.summary : ChunksBatch.Output.jsonl,
                    spec.commandLine().getOut());
        }
        Path file = files.get(0);
        MemoryMap map = Inputs.read(file, () -> MemorySources.load(file, options, scan.bootLoaderView()));
        PrintWriter out = spec.commandLine().getOut();
        if (format == Format.json) {
            ObjectMapper mapper = JsonText.MAPPER;
            out.println(new MemoryMapJson(mapper).render(map).toPrettyString());
        } else {
            String rules = (options.arch() == null ? "generic" : options.arch().cliName()) + " rules, "
                    + ByteSize.human(options.effectivePageSize()) + " pages";
            MemoryMapTable.print(map, "Memory map of " + file + " (" + rules + ")", out);
        }
        out.flush();
        return 0;
    }
}
