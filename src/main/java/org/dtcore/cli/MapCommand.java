package org.dtcore.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.layout.SvgMap;
import org.dtcore.memory.MemoryMap;

/**
 * {@code dtcore map FILE -o map.svg}: an SVG picture of the physical address space, written atomically; the
 * map's warnings (a board without RAM among them) go to standard error.
 */
final class MapCommand implements Subcommand {
    @Override
    public String name() {
        return "map";
    }

    @Override
    public String synopsis() {
        return "FILE";
    }

    @Override
    public String purpose() {
        return "Draw the memory map of a .dtb, device-tree folder or /proc/iomem as an SVG picture.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"FILE", "a .dtb, a device-tree folder, /proc/iomem text, or - for standard input"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("o", "output", "SVG", "the SVG file to write (required); - for standard output").required().files();
        MemoryRuleOptions.declare(t, false);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path file = a.paths(1, 1, "one FILE").get(0);
        Path output = a.requiredPath("output", "SVG (the file to write, or -)");
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        MemoryMap map = Inputs.map(file, scan.toScanOptions(), scan.bootLoaderView(), io);
        scan.warnIfGeneric(map, io);
        // the defaults relied on, as chunks lists them: a map without RAM draws no bar, and says why
        for (String w : map.warnings()) {
            io.warn(w);
        }
        String name = Inputs.isStdin(file) ? "standard input" : String.valueOf(file.getFileName());
        OutputFile.write(output, SvgMap.render(map, name).getBytes(StandardCharsets.UTF_8), scan.inputsWith(file), io);
        return 0;
    }
}
