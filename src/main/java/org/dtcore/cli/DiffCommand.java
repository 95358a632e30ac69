package org.dtcore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.layout.CheckReport;
import org.dtcore.layout.HeaderDiff;
import org.dtcore.layout.LayoutDiff;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code dtcore diff A B}: what memory appeared, vanished or moved between two memory sources, or between
 * two ELF core headers (told by the ELF magic). Exit 0 when equal, 1 when different, 2 on bad input.
 */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"Compare two memory sources (.dtb, folder, /proc/iomem) or two ELF core headers.",
                "--memory and --overlay edit B only: 'diff board.dtb board.dtb --overlay x.dtbo' shows what x.dtbo changes."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A")
    Path a;

    @Parameters(index = "1", paramLabel = "B")
    Path b;

    @Option(names = "--all", description = "show the sections that are equal too")
    boolean all;

    @Mixin
    ScanOptionsMixin scan;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        boolean elfA = isElf(a);
        boolean elfB = isElf(b);
        CheckReport report;
        if (elfA != elfB) {
            throw new CommandFailure((elfA ? b : a) + ": is not an ELF core header, but " + (elfA ? a : b)
                    + " is; diff compares two of a kind");
        }
        if (elfA) {
            report = HeaderDiff.between(header(a), header(b), "A: " + a, "B: " + b);
        } else {
            ScanOptions options = scan.toScanOptions();
            MemoryMap ma = Inputs.read(a, () -> MemorySources.load(a, options));
            // --memory/--overlay give B as the boot loader leaves it: "diff X X --overlay O" shows what O changes
            MemoryMap mb = Inputs.read(b, () -> MemorySources.load(b, options, scan.bootLoaderView()));
            report = LayoutDiff.between(ma, mb, "A: " + a, "B: " + b);
        }
        var out = spec.commandLine().getOut();
        if (report.passed()) {
            out.println("no differences");
        }
        if (all || !report.passed()) {
            out.print(report.text(!all));
        }
        out.flush();
        return report.passed() ? 0 : 1;
    }

    private static CoreHeader header(Path p) {
        return Inputs.read(p, () -> CoreHeaderReader.read(p));
    }

    private static boolean isElf(Path p) {
        if (!Files.isRegularFile(p)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(p)) {
            byte[] m = in.readNBytes(4);
            return m.length == 4 && m[0] == 0x7f && m[1] == 'E' && m[2] == 'L' && m[3] == 'F';
        } catch (IOException e) {
            throw new CommandFailure(p + ": cannot read: " + e.getMessage(), e);
        }
    }
}
