package org.dtcore.cli;

import org.dtcore.TerminalText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.dtcore.capture.Segment;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.kdump.CaptureDtbRequest;
import org.dtcore.kdump.CapturePipeline;
import org.dtcore.kdump.CaptureResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.text.Columns;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code dtcore capture-dtb [FILE] --arch A --elfcorehdr ADDR[,SIZE] ... -o OUT}: the device tree a kdump
 * loader hands the capture kernel (SPEC §11): the library's {@link CapturePipeline} builds it; this class
 * parses, writes atomically and prints.
 */
@Command(name = "capture-dtb", mixinStandardHelpOptions = true,
        description = "Write the device tree a kdump loader (kexec_file_load) hands the capture kernel.")
final class CaptureDtbCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "0..1",
            description = "the booted .dtb or device-tree folder (default: the system root's)")
    Path file;

    @Mixin
    ScanOptionsMixin scan;

    @Mixin
    ContextOptionsMixin context;

    @Option(names = "--crashkernel", paramLabel = "SPEC",
            description = "crash kernel region, SIZE@OFFSET or START-END; repeat for crashkernel-low"
                    + " (default: the system root's, else the tree's: docs/kdump-inputs.md)")
    List<String> crashKernels = new ArrayList<>();

    @Option(names = "--elfcorehdr", paramLabel = "ADDR[,SIZE]", required = true, converter = PlaceConverter.class,
            description = "where the core header segment is loaded, and its size (default: the size the"
                    + " header builder gives, from the context)")
    Place elfCoreHeader;

    @Option(names = "--initrd", paramLabel = "ADDR,SIZE", converter = PlaceConverter.class,
            description = "where the capture kernel's initrd is loaded, and its size")
    Place initrd;

    @Option(names = "--bootargs", paramLabel = "TEXT", description = "the capture kernel's command line")
    String bootargs;

    @Option(names = "--backup-region-offset", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "powerpc: where the copy of the first 64 KiB is loaded (required there)")
    Long backupStart;

    @Option(names = "--booted-fdt-address", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "the booted blob's physical address: its /memreserve/ entry is dropped")
    Long bootedFdtAddress;

    @Option(names = {"-o", "--output"}, paramLabel = "OUT", required = true, description = "the .dtb to write")
    Path output;

    @Option(names = "--quiet", description = "print nothing on success")
    boolean quiet;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        KdumpInputs inputs = context.inputs(file, scan, crashKernels, "capture-dtb");
        if (initrd != null && initrd.size().isEmpty()) {
            throw new CommandFailure("capture-dtb: --initrd needs ADDR,SIZE");
        }
        CaptureDtbRequest request = new CaptureDtbRequest(inputs, elfCoreHeader.address(), elfCoreHeader.size(),
                initrd == null ? Optional.empty() : Optional.of(new Segment(initrd.address(), initrd.size().getAsLong())),
                Optional.ofNullable(bootargs), backupStart == null ? OptionalLong.empty() : OptionalLong.of(backupStart),
                bootedFdtAddress == null ? OptionalLong.empty() : OptionalLong.of(bootedFdtAddress));
        CaptureResult result = Inputs.gather(() -> CapturePipeline.build(request));
        byte[] blob = Inputs.read(result.source(), () -> FdtWriter.write(result.tree()));
        OutputFile.write(output, blob, scan.inputsWith(result.source()));
        PrintWriter err = spec.commandLine().getErr();
        for (String w : result.warnings()) {
            err.println("dtcore: warning: " + TerminalText.escape(w));
        }
        err.flush();
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT,"%s: capture tree for %s, elfcorehdr 0x%x size 0x%x, %s, %d bytes%n",
                    output, inputs.arch(), elfCoreHeader.address(), result.headerSize(),
                    Columns.count(result.tree().reservations().size(), "reservation"), blob.length);
            out.flush();
        }
        return 0;
    }

    /** ADDR[,SIZE] as given: where a segment is loaded and, when said, its size. */
    record Place(long address, OptionalLong size) {
    }

    /** "ADDR[,SIZE]", each a {@link NumberConverter} number. */
    static final class PlaceConverter implements CommandLine.ITypeConverter<Place> {
        @Override
        public Place convert(String value) {
            long[] n = ContextOptionsMixin.numbers(value, 1, 2, "ADDR[,SIZE]");
            return new Place(n[0], n.length > 1 ? OptionalLong.of(n[1]) : OptionalLong.empty());
        }
    }
}
