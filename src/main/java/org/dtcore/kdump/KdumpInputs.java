package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.ContextSources;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;

/**
 * What {@code header}, {@code capture-dtb} and {@code context} share: the board and where its facts come
 * from. Which source wins for what is {@link InputPrecedence}'s one rule (docs/kdump-inputs.md).
 *
 * @param arch          the architecture whose rules apply
 * @param file          a .dtb, a device-tree folder or /proc/iomem text; empty when not given (then the
 *                      system root's)
 * @param context       where the crash context comes from, including the system root (SPEC §10)
 * @param crashKernels  crash kernel regions given explicitly (crashkernel, then crashkernel-low), or empty
 * @param scan          the memory rules (page size, legacy rule, riscv64 load address)
 * @param kernelRelease the running kernel's release as given ("6.12"); empty when not given (then found
 *                      from the system root)
 * @param bootLoader    the boot loader's edits to the tree chosen (overlays, memory banks), or
 *                      {@link BootLoaderView#NONE} (docs/boot-loader.md)
 * @param crashKernelCma the ranges crashkernel=SIZE,cma reserved (Linux 7.3, at most 4), given explicitly:
 *                      no file of a running system says where they are ({@link CrashKernelCma})
 */
public record KdumpInputs(Arch arch, Optional<Path> file, ContextSources context, List<MemoryRange> crashKernels,
                          ScanOptions scan, Optional<String> kernelRelease, BootLoaderView bootLoader,
                          List<MemoryRange> crashKernelCma) {
    /**
     * Checks the architecture is given; a null Optional stands for empty, a null context, crash kernel list,
     * scan, boot loader view or CMA list for "none" ({@link ContextSources#NONE}, empty lists,
     * {@link ScanOptions#forArch}, {@link BootLoaderView#NONE}).
     *
     * @param arch          the architecture whose rules apply
     * @param file          a .dtb, a device-tree folder or /proc/iomem text; empty when not given (then the
     *                      system root's)
     * @param context       where the crash context comes from, including the system root (SPEC §10)
     * @param crashKernels  crash kernel regions given explicitly (crashkernel, then crashkernel-low), or empty
     * @param scan          the memory rules (page size, legacy rule, riscv64 load address)
     * @param kernelRelease the running kernel's release as given ("6.12"); empty when not given (then found
     *                      from the system root)
     * @param bootLoader    the boot loader's edits to the tree chosen (overlays, memory banks), or
     *                      {@link BootLoaderView#NONE} (docs/boot-loader.md)
     * @param crashKernelCma the ranges crashkernel=SIZE,cma reserved (Linux 7.3, at most 4), given explicitly:
     *                      no file of a running system says where they are ({@link CrashKernelCma})
     * @throws KdumpException BAD_REQUEST when {@code arch} is null
     */
    public KdumpInputs {
        if (arch == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the architecture is required");
        }
        file = file == null ? Optional.empty() : file;
        kernelRelease = kernelRelease == null ? Optional.empty() : kernelRelease;
        context = context == null ? ContextSources.NONE : context;
        crashKernels = List.copyOf(crashKernels == null ? List.of() : crashKernels);
        scan = scan == null ? ScanOptions.forArch(arch) : scan;
        bootLoader = bootLoader == null ? BootLoaderView.NONE : bootLoader;
        crashKernelCma = List.copyOf(crashKernelCma == null ? List.of() : crashKernelCma);
    }

    /**
     * Inputs without crashkernel CMA ranges, the file and release given as on a command line: null when not
     * given.
     *
     * @param arch          the architecture whose rules apply (required)
     * @param file          a .dtb, a device-tree folder or /proc/iomem text; null for the system root's
     * @param context       where the crash context comes from; null for {@link ContextSources#NONE}
     * @param crashKernels  crash kernel regions given explicitly; null or empty for those the sources give
     * @param scan          the memory rules; null for the architecture's defaults
     * @param kernelRelease the running kernel's release ("6.12"); null to find it
     * @param bootLoader    the boot loader's edits; null for {@link BootLoaderView#NONE}
     */
    public KdumpInputs(Arch arch, Path file, ContextSources context, List<MemoryRange> crashKernels,
                       ScanOptions scan, String kernelRelease, BootLoaderView bootLoader) {
        this(arch, Optional.ofNullable(file), context, crashKernels, scan, Optional.ofNullable(kernelRelease),
                bootLoader, List.of());
    }

    /**
     * Inputs without boot-loader edits or crashkernel CMA ranges, the file and release given as on a command
     * line: null when not given.
     *
     * @param arch          the architecture whose rules apply (required)
     * @param file          a .dtb, a device-tree folder or /proc/iomem text; null for the system root's
     * @param context       where the crash context comes from; null for {@link ContextSources#NONE}
     * @param crashKernels  crash kernel regions given explicitly; null or empty for those the sources give
     * @param scan          the memory rules; null for the architecture's defaults
     * @param kernelRelease the running kernel's release ("6.12"); null to find it
     */
    public KdumpInputs(Arch arch, Path file, ContextSources context, List<MemoryRange> crashKernels,
                       ScanOptions scan, String kernelRelease) {
        this(arch, file, context, crashKernels, scan, kernelRelease, BootLoaderView.NONE);
    }

    /**
     * Inputs for {@code arch} from the running system's copy under {@code context}'s root, nothing else.
     *
     * @param arch    the architecture whose rules apply
     * @param context the system root and any context files given
     * @return inputs that read every fact from {@code context}, with the architecture's memory rules
     */
    public static KdumpInputs of(Arch arch, ContextSources context) {
        return new KdumpInputs(arch, Optional.empty(), context, List.of(), ScanOptions.forArch(arch), Optional.empty(),
                BootLoaderView.NONE, List.of());
    }

    /**
     * These inputs reading memory from {@code f} instead of the system root's tree or /proc/iomem.
     *
     * @param f a .dtb, a device-tree folder or /proc/iomem text (told apart by content); null for the root's
     * @return a copy with the file replaced
     */
    public KdumpInputs withFile(Path f) {
        return new KdumpInputs(arch, Optional.ofNullable(f), context, crashKernels, scan, kernelRelease, bootLoader,
                crashKernelCma);
    }

    /**
     * These inputs with the crash kernel regions given explicitly (SPEC §6), which win over /chosen's and
     * /proc/iomem's.
     *
     * @param regions crashkernel, then crashkernel-low; empty (or null) to take them from the sources
     * @return a copy with the regions replaced
     */
    public KdumpInputs withCrashKernels(List<MemoryRange> regions) {
        return new KdumpInputs(arch, file, context, regions, scan, kernelRelease, bootLoader, crashKernelCma);
    }

    /**
     * These inputs read with other memory rules (SPEC §3.5).
     *
     * @param options page size, legacy rule, riscv64 load address; null for the architecture's defaults
     * @return a copy with the rules replaced
     */
    public KdumpInputs withScan(ScanOptions options) {
        return new KdumpInputs(arch, file, context, crashKernels, options, kernelRelease, bootLoader, crashKernelCma);
    }

    /**
     * These inputs for a given kernel release, whose rules apply ({@link org.dtcore.memory.KernelVersion}).
     *
     * @param release the release as {@code uname -r} prints it or shorter ("6.12"); null to find it from the
     *                system root
     * @return a copy with the release replaced
     */
    public KdumpInputs withKernelRelease(String release) {
        return new KdumpInputs(arch, file, context, crashKernels, scan, Optional.ofNullable(release), bootLoader,
                crashKernelCma);
    }

    /**
     * These inputs with the tree as the boot loader leaves it: {@code view}'s overlays and banks.
     *
     * @param view the boot loader's edits; {@link BootLoaderView#NONE} (or null) for the tree as read
     * @return a copy with the view replaced
     */
    public KdumpInputs withBootLoader(BootLoaderView view) {
        return new KdumpInputs(arch, file, context, crashKernels, scan, kernelRelease, view, crashKernelCma);
    }

    /**
     * These inputs with the crashkernel CMA ranges the running kernel reserved ({@link CrashKernelCma}).
     *
     * @param ranges the ranges crashkernel=SIZE,cma reserved (Linux 7.3, at most 4); empty (or null) for none
     * @return a copy with the ranges replaced
     */
    public KdumpInputs withCrashKernelCma(List<MemoryRange> ranges) {
        return new KdumpInputs(arch, file, context, crashKernels, scan, kernelRelease, bootLoader, ranges);
    }
}
