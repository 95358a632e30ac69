package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.List;
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
 * @param file          a .dtb, a device-tree folder or /proc/iomem text, or null (then the system root's)
 * @param context       where the crash context comes from, including the system root (SPEC §10)
 * @param crashKernels  crash kernel regions given explicitly (crashkernel, then crashkernel-low), or empty
 * @param scan          the memory rules (page size, legacy rule, riscv64 load address)
 * @param kernelRelease the running kernel's release as given ("6.12"), or null to find it
 * @param bootLoader    the boot loader's edits to the tree chosen (overlays, memory banks), or
 *                      {@link BootLoaderView#NONE} (docs/boot-loader.md)
 * @param crashKernelCma the ranges crashkernel=SIZE,cma reserved (Linux 7.3, at most 4), given explicitly:
 *                      no file of a running system says where they are ({@link CrashKernelCma})
 */
public record KdumpInputs(Arch arch, Path file, ContextSources context, List<MemoryRange> crashKernels,
                          ScanOptions scan, String kernelRelease, BootLoaderView bootLoader,
                          List<MemoryRange> crashKernelCma) {
    public KdumpInputs {
        if (arch == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the architecture is required");
        }
        context = context == null ? ContextSources.NONE : context;
        crashKernels = List.copyOf(crashKernels == null ? List.of() : crashKernels);
        scan = scan == null ? ScanOptions.forArch(arch) : scan;
        bootLoader = bootLoader == null ? BootLoaderView.NONE : bootLoader;
        crashKernelCma = List.copyOf(crashKernelCma == null ? List.of() : crashKernelCma);
    }

    /** Inputs without crashkernel CMA ranges. */
    public KdumpInputs(Arch arch, Path file, ContextSources context, List<MemoryRange> crashKernels,
                       ScanOptions scan, String kernelRelease, BootLoaderView bootLoader) {
        this(arch, file, context, crashKernels, scan, kernelRelease, bootLoader, List.of());
    }

    /** Inputs without boot-loader edits. */
    public KdumpInputs(Arch arch, Path file, ContextSources context, List<MemoryRange> crashKernels,
                       ScanOptions scan, String kernelRelease) {
        this(arch, file, context, crashKernels, scan, kernelRelease, BootLoaderView.NONE, List.of());
    }

    /** Inputs for {@code arch} from the running system's copy under {@code context}'s root, nothing else. */
    public static KdumpInputs of(Arch arch, ContextSources context) {
        return new KdumpInputs(arch, null, context, List.of(), ScanOptions.forArch(arch), null, BootLoaderView.NONE,
                List.of());
    }

    public KdumpInputs withFile(Path f) {
        return new KdumpInputs(arch, f, context, crashKernels, scan, kernelRelease, bootLoader, crashKernelCma);
    }

    public KdumpInputs withCrashKernels(List<MemoryRange> regions) {
        return new KdumpInputs(arch, file, context, regions, scan, kernelRelease, bootLoader, crashKernelCma);
    }

    public KdumpInputs withScan(ScanOptions options) {
        return new KdumpInputs(arch, file, context, crashKernels, options, kernelRelease, bootLoader, crashKernelCma);
    }

    public KdumpInputs withKernelRelease(String release) {
        return new KdumpInputs(arch, file, context, crashKernels, scan, release, bootLoader, crashKernelCma);
    }

    /** These inputs with the tree as the boot loader leaves it: {@code view}'s overlays and banks. */
    public KdumpInputs withBootLoader(BootLoaderView view) {
        return new KdumpInputs(arch, file, context, crashKernels, scan, kernelRelease, view, crashKernelCma);
    }

    /** These inputs with the crashkernel CMA ranges the running kernel reserved ({@link CrashKernelCma}). */
    public KdumpInputs withCrashKernelCma(List<MemoryRange> ranges) {
        return new KdumpInputs(arch, file, context, crashKernels, scan, kernelRelease, bootLoader, ranges);
    }
}
