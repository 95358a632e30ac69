package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.dtcore.capture.CaptureRequest;
import org.dtcore.capture.CaptureTree;
import org.dtcore.capture.HeaderSegment;
import org.dtcore.capture.Segment;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CrashContext;
import org.dtcore.context.SystemRoot;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtWriter;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.MemorySources;
import org.dtcore.text.Columns;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dtcore capture-dtb [FILE] --arch A --elfcorehdr ADDR[,SIZE] ... -o OUT}: the device tree a kdump
 * loader hands the capture kernel (SPEC §11), written atomically.
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
                    + " (default: the tree's, else the system root's)")
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
        Arch arch = scan.requireArch("capture-dtb");
        Path source = file != null ? file : systemRoot().flatMap(SystemRoot::deviceTreePath).orElseThrow(
                () -> new CommandFailure("capture-dtb: give the booted FILE, or --sysroot/--live to read it from"));
        DeviceTree booted = Inputs.read(source, () -> MemorySources.tree(source));
        List<MemoryRange> crash = crashKernels(booted, source);
        long pageSize = scan.pageSize != null ? scan.pageSize : arch.defaultPageSize();
        OptionalLong backup = backupStart == null ? OptionalLong.empty() : OptionalLong.of(backupStart);
        long headerSize = elfCoreHeader.size().isPresent() ? elfCoreHeader.size().getAsLong()
                : headerSize(booted, source, arch, crash, backup);
        if (initrd != null && initrd.size().isEmpty()) {
            throw new CommandFailure("capture-dtb: --initrd needs ADDR,SIZE");
        }

        DeviceTree capture = Inputs.read(source, () -> {
            CaptureRequest r = new CaptureRequest(arch, crash, new Segment(elfCoreHeader.address(), headerSize),
                    initrd == null ? Optional.empty() : Optional.of(new Segment(initrd.address(), initrd.size().getAsLong())),
                    Optional.ofNullable(bootargs), backup,
                    bootedFdtAddress == null ? OptionalLong.empty() : OptionalLong.of(bootedFdtAddress), pageSize);
            return CaptureTree.build(booted, r);
        });
        byte[] blob = Inputs.read(source, () -> FdtWriter.write(capture));
        OutputFile.write(output, blob, List.of(source));
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%s: capture tree for %s, elfcorehdr 0x%x size 0x%x, %s, %d bytes%n",
                    output, arch, elfCoreHeader.address(), headerSize,
                    Columns.count(capture.reservations().size(), "reservation"), blob.length);
            out.flush();
        }
        return 0;
    }

    /** --crashkernel, else the tree's /chosen (SPEC §6), else the system root's iomem or live /chosen. */
    private List<MemoryRange> crashKernels(DeviceTree booted, Path source) {
        if (!crashKernels.isEmpty()) {
            return Inputs.gather(() -> crashKernels.stream().map(CrashKernelSpec::parse).toList());
        }
        List<MemoryRange> fromTree = Inputs.read(source,
                () -> MemoryScan.scan(booted, scan.toScanOptions()).chosen().crashKernels());
        if (!fromTree.isEmpty()) {
            return fromTree;
        }
        List<MemoryRange> fromRoot = Inputs.gather(
                () -> systemRoot().map(SystemRoot::crashKernels).orElse(List.of()));
        if (fromRoot.isEmpty()) {
            throw new CommandFailure("capture-dtb: no crash kernel region: give --crashkernel START-END"
                    + " (or SIZE@OFFSET), or a system root whose /proc/iomem has \"Crash kernel\"");
        }
        return fromRoot;
    }

    /** SPEC §9: the segment is the buffer the kernel's header builder sizes, which needs the context. */
    private long headerSize(DeviceTree booted, Path source, Arch arch, List<MemoryRange> crash, OptionalLong backup) {
        ContextSources sources = Inputs.gather(() -> context.sources(scan.pageSize)).withDeviceTree(booted);
        CrashContext ctx;
        try {
            ctx = Inputs.gather(() -> sources.collect(arch));
        } catch (CommandFailure e) {
            throw new CommandFailure("capture-dtb: the header size comes from the crash context (" + e.getMessage()
                    + "); give --elfcorehdr ADDR,SIZE or a context (--sysroot, --context, --cpu-note ...)", e);
        }
        return Inputs.read(source, () -> HeaderSegment.size(booted, scan.toScanOptions(), arch, crash, ctx, backup));
    }

    private Optional<SystemRoot> systemRoot() {
        if (context.root == null) {
            return Optional.empty();
        }
        return Optional.of(context.root.live ? SystemRoot.live() : SystemRoot.of(context.root.sysroot));
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
