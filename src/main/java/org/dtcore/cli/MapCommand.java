package org.dtcore.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dtcore.layout.SvgMap;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code dtcore map FILE -o map.svg}: an SVG picture of the physical address space, written atomically. */
@Command(name = "map", mixinStandardHelpOptions = true,
        description = "Draw the memory map of a .dtb, device-tree folder or /proc/iomem as an SVG picture.")
final class MapCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "a .dtb, a device-tree folder or /proc/iomem text")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "SVG", required = true, description = "the SVG file to write")
    Path output;

    @Mixin
    ScanOptionsMixin scan;

    @Override
    public Integer call() {
        ScanOptions options = scan.toScanOptions();
        MemoryMap map = Inputs.read(file, () -> MemorySources.load(file, options, scan.bootLoaderView()));
        OutputFile.write(output, SvgMap.render(map, String.valueOf(file.getFileName())).getBytes(StandardCharsets.UTF_8),
                scan.inputsWith(file));
        return 0;
    }
}
