package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
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

/**
 * {@code dtcore capture-dtb [FILE] --arch A --elfcorehdr ADDR[,SIZE] ... -o OUT}: the device tree a kdump
 * loader hands the capture kernel (SPEC §11), written atomically.
 */
final class CaptureDtbCommand implements Subcommand {
    Path file;
    ScanOptionsMixin scan;
    ContextOptionsMixin context;
    List<String> crashKernels;
    Place elfCoreHeader;
    Place initrd;
    String bootargs;
    Long backupStart;
    Long bootedFdtAddress;
    Path output;
    boolean quiet;
    CommandIo io;

    @Override
    public String name() {
        return "capture-dtb";
    }

    @Override
    public String synopsis() {
        return "[FILE] --arch ARCH --elfcorehdr ADDR[,SIZE] -o OUT [--crashkernel SPEC]... [--initrd ADDR,SIZE]"
                + " [--bootargs STR] [--sysroot DIR | --live] [options]";
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
                + " (default: the tree's, else the system root's)");
        t.value("elfcorehdr", "ADDR[,SIZE]", "where the core header segment is loaded, and its size (required;"
                + " default size: the one the header builder gives, from the context)");
        t.value("initrd", "ADDR,SIZE", "where the capture kernel's initrd is loaded, and its size");
        t.value("bootargs", "TEXT", "the capture kernel's command line");
        t.value("backup-region-offset", "ADDR", "powerpc: where the copy of the first 64 KiB is loaded (required"
                + " there)");
        t.value("booted-fdt-address", "ADDR", "the booted blob's physical address: its /memreserve/ entry is"
                + " dropped");
        t.value("o", "output", "OUT", "the .dtb to write (required); - for standard output");
        t.flag("quiet", "print nothing but errors on success");
        ScanOptionsMixin.declare(t, true);
        ContextOptionsMixin.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        this.io = io;
        List<Path> files = a.paths(0, 1, "at most one FILE");
        file = files.isEmpty() ? null : files.get(0);
        scan = ScanOptionsMixin.from(a);
        context = ContextOptionsMixin.from(a);
        crashKernels = a.texts("crashkernel");
        elfCoreHeader = place("--elfcorehdr", a.required("elfcorehdr", "ADDR[,SIZE]"));
        String i = a.text("initrd");
        initrd = i == null ? null : place("--initrd", i);
        bootargs = a.text("bootargs");
        backupStart = a.number("backup-region-offset");
        bootedFdtAddress = a.number("booted-fdt-address");
        output = Path.of(a.required("output", "OUT (the .dtb to write, or -)"));
        quiet = a.flag("quiet");
        return call();
    }

    int call() {
        Arch arch = scan.requireArch("capture-dtb");
        Path source = file != null ? file : systemRoot().flatMap(SystemRoot::deviceTreePath).orElseThrow(
                () -> new CommandFailure("capture-dtb: give the booted FILE, or --sysroot/--live to read it from"));
        DeviceTree booted = Inputs.tree(source, io);
        List<MemoryRange> crash = crashKernels(booted, source);
        long pageSize = scan.pageSize() != null ? scan.pageSize() : arch.defaultPageSize();
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
        OutputFile.write(output, blob, List.of(source), io);
        if (!quiet) {
            // with -o - the blob itself is standard output: the summary goes to stderr
            PrintWriter out = Inputs.isStdin(output) ? io.err() : io.out();
            out.println(output + ": capture tree for " + arch + ", elfcorehdr " + AddressFormat.hex(elfCoreHeader.address())
                    + " size " + AddressFormat.hex(headerSize) + ", " + capture.reservations().size() + " reservations, "
                    + blob.length + " bytes");
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
        ContextSources sources = Inputs.gather(() -> context.sources(scan.pageSize())).withDeviceTree(booted);
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
        return context.systemRoot();
    }

    /** ADDR[,SIZE] as given: where a segment is loaded and, when said, its size. */
    record Place(long address, OptionalLong size) {
    }

    /** "ADDR[,SIZE]", each a number. */
    static Place place(String option, String value) {
        long[] n = ContextOptionsMixin.numbers(option, value, 1, 2, "ADDR[,SIZE]");
        return new Place(n[0], n.length > 1 ? OptionalLong.of(n[1]) : OptionalLong.empty());
    }
}
