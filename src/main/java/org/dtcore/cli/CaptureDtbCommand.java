package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.kdump.CaptureDtbRequest;
import org.dtcore.kdump.CapturePipeline;
import org.dtcore.kdump.CaptureResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.text.Numbers;
import org.dtcore.text.Columns;

/**
 * {@code dtcore capture-dtb [FILE] --arch A --elfcorehdr ADDR[,SIZE] ... -o OUT}: the device tree a kdump
 * loader hands the capture kernel (SPEC §11): the library's {@link CapturePipeline} builds it; this class
 * reads the options, writes atomically and prints.
 */
final class CaptureDtbCommand implements Subcommand {
    @Override
    public String name() {
        return "capture-dtb";
    }

    @Override
    public String synopsis() {
        return "[FILE]";
    }

    @Override
    public String purpose() {
        return "Write the device tree a kdump loader (kexec_file_load) hands the capture kernel.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"FILE", "the booted .dtb, device-tree folder or - (default: the system root's)"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("crashkernel", "SPEC", "crash kernel region, SIZE@OFFSET or START-END; repeat for crashkernel-low"
                + " (default: the system root's, else the tree's: docs/kdump-inputs.md)").repeatable();
        t.value("elfcorehdr", "ADDR[,SIZE]", "where the core header segment is loaded, and its size (required;"
                + " default size: the one the header builder gives, from the context)").required();
        t.value("initrd", "ADDR,SIZE", "where the capture kernel's initrd is loaded, and its size");
        t.value("bootargs", "TEXT", "the capture kernel's command line");
        t.value("backup-region-offset", "ADDR", "powerpc: where the copy of the first 64 KiB is loaded (required"
                + " there)");
        t.value("booted-fdt-address", "ADDR", "the booted blob's physical address: its /memreserve/ entry is"
                + " dropped");
        t.value("o", "output", "OUT", "the .dtb to write (required); - for standard output").required().files();
        t.flag("quiet", "print nothing but errors on success");
        MemoryRuleOptions.declare(t, true);
        ContextOptions.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> files = a.paths(0, 1, "at most one FILE");
        Path file = files.isEmpty() ? null : files.get(0);
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        ContextOptions context = ContextOptions.from(a);
        List<String> crashKernels = a.texts("crashkernel");
        Placement elfCoreHeader = Placement.parse("--elfcorehdr", a.required("elfcorehdr", "ADDR[,SIZE]"));
        String i = a.text("initrd");
        Placement initrd = i == null ? null : Placement.parse("--initrd", i);
        if (initrd != null && initrd.size().isEmpty()) {
            throw CommandFailure.usage("capture-dtb: --initrd needs ADDR,SIZE");
        }
        Optional<String> bootargs = Optional.ofNullable(a.text("bootargs"));
        Long backupStart = a.number("backup-region-offset");
        Long bootedFdtAddress = a.number("booted-fdt-address");
        Path output = a.requiredPath("output", "OUT (the .dtb to write, or -)");
        boolean quiet = a.flag("quiet");
        Folders.requireSingleSourceOrStdin(file);
        StdinFile stdin = StdinFile.of(file, io, StandardInput.Kind.BOARD);
        try {
            KdumpInputs inputs = context.inputs(stdin == null ? file : stdin.path(), scan, crashKernels,
                    "capture-dtb");
            CaptureDtbRequest request = new CaptureDtbRequest(inputs, elfCoreHeader.address(), elfCoreHeader.size(),
                    initrd == null ? Optional.empty() : initrd.range(),
                    bootargs, backupStart == null ? OptionalLong.empty() : OptionalLong.of(backupStart),
                    bootedFdtAddress == null ? OptionalLong.empty() : OptionalLong.of(bootedFdtAddress));
            CaptureResult result = Inputs.gather(() -> CapturePipeline.build(request));
            Path source = stdin == null ? result.source() : file;
            byte[] blob = Inputs.read(source, () -> FdtWriter.write(result.tree()));
            OutputFile.write(output, blob, scan.inputsWith(stdin == null ? result.source() : null), io);
            // --quiet: nothing but errors on success, so the warnings go too
            for (int w = 0; w < result.notices().size() && !quiet; w++) {
                io.warn(result.notices().get(w));
            }
            if (!quiet) {
                // with -o - the blob itself is standard output: the summary goes to stderr
                PrintWriter out = Inputs.isStdin(output) ? io.err() : io.out();
                out.println(output + ": capture tree for " + inputs.arch() + ", elfcorehdr "
                        + Numbers.hex(elfCoreHeader.address()) + " size " + Numbers.hex(result.headerSize())
                        + ", " + Columns.count(result.tree().reservations().size(), "reservation") + ", " + blob.length
                        + " bytes");
            }
            return 0;
        } catch (CommandFailure e) {
            throw stdin == null ? e : stdin.unmasked(e);
        } finally {
            if (stdin != null) {
                stdin.close();
            }
        }
    }

}
