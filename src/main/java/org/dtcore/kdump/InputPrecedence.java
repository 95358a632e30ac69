package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.ContextSources;
import org.dtcore.context.SystemRoot;
import org.dtcore.context.VmcoreinfoNote;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.MemorySourceKind;
import org.dtcore.memory.MemorySources;
import org.dtcore.memory.ScanOptions;

/**
 * The one precedence {@code header}, {@code capture-dtb} and {@code context} share (docs/kdump-inputs.md).
 * What the user says wins; then what the running kernel did (the system root: it shows what really
 * happened, where a tree only shows what was asked for); then the tree; then defaults, with a warning.
 * <ul>
 * <li>kernel release: given &gt; root's proc/sys/kernel/osrelease &gt; the vmcoreinfo note's OSRELEASE &gt;
 *     the newest modelled (warning);</li>
 * <li>device tree: FILE &gt; root's sys/firmware/fdt &gt; root's proc/device-tree, then the boot loader's
 *     overlays and memory banks when given (docs/boot-loader.md);</li>
 * <li>memory: FILE (tree, folder or iomem) &gt; on x86_64 the root's /proc/iomem, elsewhere the root's tree;</li>
 * <li>crash kernel: given &gt; root ("Crash kernel" in /proc/iomem, powerpc's linux,crashkernel-base/-size in
 *     the live /chosen) &gt; the tree's /chosen;</li>
 * <li>riscv64 load address (6.1 rules only): given &gt; the root's lowest System RAM &gt; lowest RAM + 2 MiB;</li>
 * <li>context: options &gt; context file &gt; vmcoreinfo note &gt; root &gt; defaults, counting CPUs and finding
 *     the lowest RAM in the tree chosen above ({@link ContextSources}).</li>
 * </ul>
 */
final class InputPrecedence {
    private InputPrecedence() {
    }

    static ResolvedInputs resolve(KdumpInputs in) {
        List<String> warnings = new ArrayList<>();
        SystemRoot root = in.context().systemRoot();
        KernelVersion kernel = kernel(in, root, warnings);
        List<String> releaseWarnings = List.copyOf(warnings);
        Path file = in.file();
        boolean fileIsIomem = file != null && SourceFile.read(file, () -> MemorySourceKind.detect(file))
                == MemorySourceKind.IOMEM;
        DeviceTree fileTree = file == null || fileIsIomem ? null : SourceFile.read(file, () -> MemorySources.tree(file));
        Path treeSource = fileTree != null ? file : root == null ? null : root.deviceTreePath().orElse(null);
        DeviceTree chosen = fileTree != null ? fileTree : treeSource == null ? null : rootTree(root, treeSource);
        BootLoaderView view = in.bootLoader();
        if (!view.isEmpty()) {
            // docs/boot-loader.md: the boot loader's edits apply to the tree the memory comes from
            if (chosen == null || (fileTree == null && in.arch() == Arch.X86_64)) {
                throw new KdumpException(KdumpException.Kind.BAD_REQUEST, file == null ? "" : file.toString(),
                        "memory banks and overlays need a device tree to edit, and none is the memory source");
            }
            DeviceTree unedited = chosen;
            BootLoaderView.Applied booted = SourceFile.read(treeSource, () -> view.apply(unedited));
            warnings.addAll(booted.warnings());
            chosen = booted.tree();
            fileTree = fileTree == null ? null : chosen;
        }
        DeviceTree tree = chosen;
        ScanOptions scan = loadAddress(in.scan().withKernel(kernel), in.arch(), kernel, root);

        MemoryMap map;
        if (fileIsIomem) {
            map = SourceFile.read(file, () -> MemorySources.load(file, scan));
        } else if (fileTree != null || (tree != null && in.arch() != Arch.X86_64)) {
            map = SourceFile.read(treeSource, () -> MemoryScan.scan(tree, scan));
        } else if (root != null && in.arch() == Arch.X86_64 && root.iomem().isPresent()) {
            // SPEC §8: x86_64's crash memory comes from /proc/iomem's System RAM
            List<IomemEntry> entries = root.iomem().get();
            map = SourceFile.read(root.dir().resolve(SystemRoot.IOMEM), () -> Iomem.toMemoryMap(entries));
        } else {
            map = null;
        }
        if (map != null) {
            warnings.addAll(map.warnings());
        }
        List<MemoryRange> crashKernels = crashKernels(in, root, map);
        if (!crashKernels.isEmpty()) {
            // the region was found elsewhere, so the tree's unplaced crashkernel= is no news
            warnings.removeIf(w -> w.contains(Chosen.UNPLACED_CRASH_KERNEL));
        }
        // the context counts CPUs in the tree chosen; an edited root tree must be handed over as well
        ContextSources context = in.context().withDeviceTree(view.isEmpty() ? fileTree : tree).withKernel(kernel);
        return new ResolvedInputs(in.arch(), kernel, root, tree, treeSource, map, crashKernels, context, scan,
                warnings, releaseWarnings);
    }

    private static DeviceTree rootTree(SystemRoot root, Path path) {
        // the root names the file in its own failures
        return root.deviceTree().orElseThrow(() -> new KdumpException(KdumpException.Kind.INPUT, path.toString(),
                "cannot read the device tree"));
    }

    /** Given, else the root's osrelease, else the vmcoreinfo note's OSRELEASE, else the newest modelled. */
    static KernelVersion kernel(KdumpInputs in, SystemRoot root, List<String> warnings) {
        KernelVersion v;
        if (in.kernelRelease() != null) {
            v = SourceFile.read(Path.of("--kernel-version"), () -> KernelVersion.parse(in.kernelRelease(), ""));
        } else if (root != null && root.osrelease().isPresent()) {
            Path where = root.dir().resolve(SystemRoot.OSRELEASE);
            v = SourceFile.read(where, () -> KernelVersion.parse(root.osrelease().get(), ""));
        } else {
            Path note = in.context().vmcoreinfoNote();
            Optional<String> release = note == null ? Optional.empty()
                    : SourceFile.read(note, () -> VmcoreinfoNote.read(note).osrelease());
            if (release.isPresent()) {
                v = SourceFile.read(note, () -> KernelVersion.parse(release.get(), "OSRELEASE"));
            } else {
                warnings.add("kernel release unknown (no --kernel-version, proc/sys/kernel/osrelease or vmcoreinfo"
                        + " OSRELEASE): the rules of " + KernelVersion.NEWEST + " apply");
                return KernelVersion.NEWEST;
            }
        }
        if (!v.isModelled()) {
            warnings.add(v + " is not modelled: the rules of " + v.modelled() + " apply (dtcore models "
                    + KernelVersion.LINUX_6_1 + ", " + KernelVersion.LINUX_6_12 + " and " + KernelVersion.LINUX_7_3
                    + "; docs/kernel-releases.md)");
        }
        return v;
    }

    /** SPEC §3.5: on riscv64 6.1, System RAM starts at the kernel's load address; /proc/iomem knows it. */
    private static ScanOptions loadAddress(ScanOptions scan, Arch arch, KernelVersion kernel, SystemRoot root) {
        if (arch != Arch.RISCV64 || !kernel.riscvDropsRamBelowKernel() || scan.kernelLoadAddress() != -1
                || root == null || root.iomem().isEmpty()) {
            return scan;
        }
        List<IomemEntry> entries = root.iomem().get();
        long lowest = SourceFile.read(root.dir().resolve(SystemRoot.IOMEM), () -> Iomem.toMemoryMap(entries))
                .memory().stream().mapToLong(MemoryRange::start).min().orElse(-1);
        return lowest == -1 ? scan : scan.withKernelLoadAddress(lowest);
    }

    /** Given, else the system root's, else the tree's /chosen (SPEC §6, §7). */
    private static List<MemoryRange> crashKernels(KdumpInputs in, SystemRoot root, MemoryMap map) {
        if (!in.crashKernels().isEmpty()) {
            return in.crashKernels();
        }
        if (root != null) {
            List<MemoryRange> fromRoot = root.crashKernels();
            if (!fromRoot.isEmpty()) {
                return fromRoot;
            }
        }
        return map == null ? List.of() : map.chosen().crashKernels();
    }
}
