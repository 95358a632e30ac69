package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CrashContext;
import org.dtcore.context.SystemRoot;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.BackupRegion;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.KexecToolsOptions;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.MemorySourceKind;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code dtcore header}: the ELF core header a kernel (or kexec-tools) would build for this board
 * (SPEC §8, §9, §12): memory map → crash memory → program headers, written atomically.
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

    @Option(names = "--exclusion", paramLabel = "RULE", description = "crash_exclude_mem_range: current (>= 6.8, default) or legacy")
    String exclusion = "current";

    @Option(names = "--backup-region-offset", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "powerpc: where the loader copied the first 64 KiB (the backup PT_LOAD's p_offset)")
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
        Arch arch = scan.requireArch("header");
        // one set of sources, so the system root's files are read once for the map and the context
        ContextSources sources = Inputs.gather(() -> context.sources(scan.pageSize));
        SystemRoot root = sources.systemRoot();
        List<String> warnings = new ArrayList<>();
        DeviceTree tree = file == null ? null : Inputs.read(file, () ->
                MemorySourceKind.detect(file) == MemorySourceKind.IOMEM ? null : MemorySources.tree(file));
        MemoryMap map = memoryMap(arch, root, tree);
        warnings.addAll(map.warnings());
        List<MemoryRange> cuts = crashKernelRegions(root, map, warnings);
        if (!cuts.isEmpty()) {
            // the region was found elsewhere, so the tree's unplaced crashkernel= is no news
            warnings.removeIf(w -> w.contains(Chosen.UNPLACED_CRASH_KERNEL));
        }
        ExclusionRule rule = switch (exclusion) {
            case "current" -> ExclusionRule.CURRENT;
            case "legacy" -> ExclusionRule.LEGACY;
            default -> throw new CommandFailure("--exclusion '" + exclusion + "': give current or legacy");
        };
        CrashMemory crash = Inputs.gather(() -> CrashPolicy.build(map, arch, cuts,
                CrashOptions.DEFAULT.withRule(rule)));
        // the context counts CPUs and finds the lowest RAM in the tree given, else in the system root's
        CrashContext ctx = Inputs.gather(() -> sources.withDeviceTree(tree).collect(arch));
        warnings.addAll(ctx.warnings());
        EncodedCoreHeader header = Inputs.gather(() -> build(arch, crash, ctx, warnings));
        OutputFile.write(output, header.bytes(), file == null ? List.of() : List.of(file));
        PrintWriter err = spec.commandLine().getErr();
        for (String w : warnings) {
            err.println("dtcore: warning: " + w);
        }
        err.flush();
        if (!quiet) {
            PrintWriter out = spec.commandLine().getOut();
            long notes = header.header().programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_NOTE).count();
            out.printf("%s: %d program headers (%d PT_NOTE, %d PT_LOAD), %d bytes, %s mode%n", output,
                    header.header().phnum(), notes, header.header().phnum() - notes, header.size(),
                    mode == Mode.kernel ? "kernel" : "kexec-tools");
            out.flush();
        }
        return 0;
    }

    private MemoryMap memoryMap(Arch arch, SystemRoot root, DeviceTree tree) {
        ScanOptions options = scan.toScanOptions();
        if (tree != null) {
            return Inputs.read(file, () -> MemoryScan.scan(tree, options));
        }
        if (file != null) {
            return Inputs.read(file, () -> MemorySources.load(file, options));
        }
        if (root == null) {
            throw new CommandFailure("header: give a FILE, or --sysroot DIR / --live to read the system's");
        }
        // SPEC §8: x86_64's crash memory comes from /proc/iomem's System RAM
        if (arch == Arch.X86_64) {
            return Inputs.gather(() -> Iomem.toMemoryMap(root.iomem().orElseThrow(() ->
                    new CommandFailure(root.dir().resolve(SystemRoot.IOMEM) + ": missing"))));
        }
        Path treePath = root.deviceTreePath().orElseThrow(() -> new CommandFailure(root.dir()
                + ": no " + SystemRoot.FDT_BLOB + " or " + SystemRoot.DEVICE_TREE_FOLDER + "; give FILE"));
        ScanOptions withLoad = options;
        // SPEC §3.5: on riscv64 System RAM starts at the kernel's load address; /proc/iomem knows it
        if (arch == Arch.RISCV64 && options.kernelLoadAddress() == -1 && root.iomem().isPresent()) {
            long lowest = Iomem.toMemoryMap(root.iomem().get()).memory().stream().mapToLong(MemoryRange::start)
                    .min().orElse(-1);
            if (lowest != -1) {
                withLoad = options.withKernelLoadAddress(lowest);
            }
        }
        ScanOptions used = withLoad;
        return Inputs.read(treePath, () -> MemorySources.load(treePath, used));
    }

    /** --crashkernel, else the system root's (iomem "Crash kernel", powerpc properties), else the tree's. */
    private List<MemoryRange> crashKernelRegions(SystemRoot root, MemoryMap map, List<String> warnings) {
        List<MemoryRange> out = new ArrayList<>();
        for (String s : crashKernels) {
            out.add(Inputs.gather(() -> CrashKernelSpec.parse(s)));
        }
        if (out.isEmpty() && root != null) {
            out.addAll(Inputs.gather(root::crashKernels));
        }
        if (out.isEmpty()) {
            out.addAll(map.chosen().crashKernels());
        }
        if (out.isEmpty()) {
            warnings.add("no crash kernel region (give --crashkernel SIZE@OFFSET or START-END): the header covers all RAM");
        }
        return out;
    }

    private EncodedCoreHeader build(Arch arch, CrashMemory crash, CrashContext ctx, List<String> warnings) {
        if (mode == Mode.kernel) {
            if (!arch.is64Bit()) {
                throw new CommandFailure("header: the kernel builds 64-bit headers only; use --mode kexec-tools for " + arch);
            }
            boolean kernelMap = crash.kernelMap() && ctx.kernelText() != null;
            if (crash.kernelMap() && ctx.kernelText() == null) {
                warnings.add(arch + " writes a kernel-text PT_LOAD but the context has no kernel text"
                        + " (give --sysroot, --system-map or --kernel-text); left out");
            }
            if (arch == Arch.PPC64 && backupOffset == null) {
                warnings.add("ppc64: --backup-region-offset not given; the backup PT_LOAD keeps p_offset 0"
                        + " (the kernel writes where it copied the first 64 KiB)");
            }
            return CoreHeaderBuilder.kernel(arch, ctx, crash.ranges(), kernelMap,
                    backupOffset == null ? OptionalLong.empty() : OptionalLong.of(backupOffset));
        }
        KexecToolsOptions o = KexecToolsOptions.defaults(arch);
        if (elfClass != null) {
            o = o.withElfClass(elfClass);
        }
        if (byteOrder != null) {
            o = o.withByteOrder(switch (byteOrder) {
                case "little" -> ByteOrder.LITTLE_ENDIAN;
                case "big" -> ByteOrder.BIG_ENDIAN;
                default -> throw new CommandFailure("--byte-order '" + byteOrder + "': give little or big");
            });
        }
        if (lowmemLimit != null) {
            o = o.withLowmemLimit(lowmemLimit);
        }
        if (backupOffset != null) {
            o = o.withBackup(new BackupRegion(new MemoryRange(0, 0xffff), backupOffset));
        }
        o = o.withKernelText(crash.kernelMap() && ctx.kernelText() != null);
        return CoreHeaderBuilder.kexecTools(arch, ctx, crash.ranges(), o);
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
