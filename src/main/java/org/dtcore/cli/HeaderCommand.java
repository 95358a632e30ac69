package org.dtcore.cli;

import org.dtcore.TerminalText;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.kdump.HeaderPipeline;
import org.dtcore.kdump.HeaderRequest;
import org.dtcore.kdump.HeaderResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.kdump.KexecToolsSettings;
import org.dtcore.kdump.LoaderMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dtcore header}: the ELF core header a kernel (or kexec-tools) would build for this board
 * (SPEC §8, §9, §12): the library's {@link HeaderPipeline} builds it; this class parses, writes atomically
 * and prints.
 */
@Command(name = "header", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Build the kdump ELF core header (elfcorehdr) for a board, byte for byte as the kernel would.")
final class HeaderCommand implements Callable<Integer> {
    enum Mode { kernel, kexec_tools }

    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "a .dtb, a device-tree folder or /proc/iomem text (default: the system root's tree;"
                    + " for x86_64 its /proc/iomem)")
    Path file;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "the header file to write")
    Path output;

    @Option(names = "--crashkernel", paramLabel = "SPEC",
            description = "crash kernel region, SIZE@OFFSET or START-END; repeat for crashkernel-low"
                    + " (default: the system root's /proc/iomem or powerpc properties, or the tree's)")
    List<String> crashKernels = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", converter = ModeConverter.class,
            description = "kernel (kexec_file_load, default) or kexec-tools (kexec_load)")
    Mode mode = Mode.kernel;

    @Option(names = "--exclusion", paramLabel = "RULE",
            description = "crash_exclude_mem_range: current (>= 6.8) or legacy (default: the kernel release's)")
    String exclusion;

    @Option(names = "--backup-region-offset", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "powerpc: where the loader copied the first 64 KiB; kexec-tools mode on x86_64: where it"
                    + " copied the low RAM (the backup PT_LOAD's p_offset; kexec -d -p prints it)")
    Long backupOffset;

    @Option(names = "--elf-class", paramLabel = "BITS", description = "kexec-tools mode: 32 or 64 (default: the architecture's)")
    Integer elfClass;

    @Option(names = "--byte-order", paramLabel = "ORDER", description = "kexec-tools mode: little or big (default: the architecture's)")
    String byteOrder;

    @Option(names = "--lowmem-limit", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "kexec-tools mode: PT_LOADs above it get p_vaddr -1")
    Long lowmemLimit;

    @Option(names = "--quiet", description = "print nothing on success")
    boolean quiet;

    @Mixin
    ScanOptionsMixin scan;

    @Mixin
    ContextOptionsMixin context;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KdumpInputs inputs = context.inputs(file, scan, crashKernels, "header");
        HeaderRequest request = new HeaderRequest(inputs, mode == Mode.kernel ? LoaderMode.KERNEL : LoaderMode.KEXEC_TOOLS,
                exclusionRule(), backupOffset == null ? OptionalLong.empty() : OptionalLong.of(backupOffset),
                Inputs.gather(() -> new KexecToolsSettings(elfClass, order(), lowmemLimit)));
        HeaderResult result = Inputs.gather(() -> HeaderPipeline.build(request));
        EncodedCoreHeader header = result.header();
        OutputFile.write(output, header.bytes(), scan.inputsWith(file));
        PrintWriter err = spec.commandLine().getErr();
        for (String w : result.warnings()) {
            err.println("dtcore: warning: " + TerminalText.escape(w));
        }
        err.flush();
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            long notes = header.header().programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_NOTE).count();
            out.printf(Locale.ROOT,"%s: %d program headers (%d PT_NOTE, %d PT_LOAD), %d bytes, %s mode%n", output,
                    header.header().phnum(), notes, header.header().phnum() - notes, header.size(),
                    result.mode().label());
            out.flush();
        }
        return 0;
    }

    private ExclusionRule exclusionRule() {
        if (exclusion == null) {
            return null;
        }
        return switch (exclusion) {
            case "current" -> ExclusionRule.CURRENT;
            case "legacy" -> ExclusionRule.LEGACY;
            default -> throw new CommandFailure("--exclusion '" + exclusion + "': give current or legacy");
        };
    }

    private ByteOrder order() {
        if (byteOrder == null) {
            return null;
        }
        return switch (byteOrder) {
            case "little" -> ByteOrder.LITTLE_ENDIAN;
            case "big" -> ByteOrder.BIG_ENDIAN;
            default -> throw new CommandFailure("--byte-order '" + byteOrder + "': give little or big");
        };
    }

    /** "kexec-tools" on the command line, kexec_tools in Java. */
    static final class ModeConverter implements picocli.CommandLine.ITypeConverter<Mode> {
        @Override
        public Mode convert(String value) {
            return switch (value) {
                case "kernel" -> Mode.kernel;
                case "kexec-tools" -> Mode.kexec_tools;
                default -> throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "': give kernel or kexec-tools");
            };
        }
    }
}
