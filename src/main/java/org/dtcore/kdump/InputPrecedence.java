package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.context.ContextSources;
import org.dtcore.context.MachineFacts;
import org.dtcore.context.VmcoreinfoNote;
import org.dtcore.crash.ReservedCrashKernel;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
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
 * The one precedence {@code header}, {@code capture-dtb} and {@code context} share (docs/kdump-inputs.md),
 * applied in one pass: each input is read once, the memory is scanned once, and every later stage takes
 * what this built ({@link ResolvedInputs}). What the user says wins; then what the running kernel did (the
 * system root: it shows what really happened, where a tree only shows what was asked for); then the tree;
 * then defaults, with a warning.
 * <ul>
 * <li>kernel release: given &gt; root's proc/sys/kernel/osrelease &gt; the vmcoreinfo note's OSRELEASE &gt;
 *     the newest modelled (warning);</li>
 * <li>device tree: FILE &gt; root's sys/firmware/fdt &gt; root's proc/device-tree, then the boot loader's
 *     overlays and memory banks when given (docs/boot-loader.md);</li>
 * <li>memory: FILE (tree, folder or iomem) &gt; on x86_64 the root's /proc/iomem, elsewhere the root's tree;</li>
 * <li>crash kernel: given &gt; root ("Crash kernel" in /proc/iomem, powerpc's linux,crashkernel-base/-size in
 *     the live /chosen) &gt; the tree's /chosen;</li>
 * <li>riscv64 load address (6.1 rules only): given &gt; the root's lowest System RAM &gt; lowest RAM + 2 MiB;</li>
 * <li>context: options &gt; context file &gt; vmcoreinfo note &gt; root &gt; defaults, the defaults taking the
 *     lowest RAM and the CPU count from the map and tree chosen above ({@link MachineFacts}).</li>
 * </ul>
 */
final class InputPrecedence {
    private InputPrecedence() {
    }

    static ResolvedInputs resolve(KdumpInputs in) {
        Arch arch = in.arch();
        SystemRoot root = in.context().systemRoot().orElse(null);
        List<Wording> warnings = new ArrayList<>();
        KernelVersion kernel = kernel(in, root, warnings);
        List<Wording> releaseWarnings = List.copyOf(warnings);
        List<IomemEntry> rootIomem = root == null ? null
                : SourceFile.read(root.where(RootFile.IOMEM), () -> Iomem.read(root)).orElse(null);

        // the tree: FILE's, else the root's booted one
        Path file = in.file().orElse(null);
        boolean fileIsIomem = file != null && SourceFile.read(file, () -> MemorySourceKind.detect(file))
                == MemorySourceKind.IOMEM;
        List<IomemEntry> fileIomem = fileIsIomem ? SourceFile.read(file, () -> Iomem.read(file)) : null;
        DeviceTree tree = file == null || fileIsIomem ? null : SourceFile.read(file, () -> MemorySources.tree(file));
        RootFile treeFile = tree != null || root == null ? null : SystemTree.booted(root).orElse(null);
        String treeWhere = tree != null ? file.toString() : treeFile == null ? null : root.where(treeFile);
        Path treeSource = tree != null ? file : treeFile == null ? null
                : root.isArchive() ? root.path() : Path.of(treeWhere);
        if (treeFile != null) {
            tree = SourceFile.read(treeWhere, () -> SystemTree.read(root, treeFile));
        }
        BootLoaderView view = in.bootLoader();
        if (!view.isEmpty()) {
            // docs/boot-loader.md: the boot loader's edits apply to the tree the memory comes from
            if (tree == null || (file == null && arch == Arch.X86_64)) {
                throw new KdumpException(KdumpException.Kind.BAD_REQUEST, file == null ? "" : file.toString(),
                        "memory banks and overlays need a device tree to edit, and none is the memory source");
            }
            DeviceTree unedited = tree;
            BootLoaderView.Applied booted = SourceFile.read(treeWhere, () -> view.apply(unedited));
            booted.warnings().forEach(w -> warnings.add(Wording.of(w)));
            tree = booted.tree();
        }

        // the memory map, scanned once with the rules the caller gave
        ScanOptions scan = loadAddress(in.scan().withKernel(kernel), arch, kernel, rootIomem);
        DeviceTree scanned = tree;
        MemoryMap map;
        List<IomemEntry> mapIomem = null;
        if (fileIsIomem) {
            map = SourceFile.read(file, () -> Iomem.toMemoryMap(fileIomem));
            mapIomem = fileIomem;
        } else if (tree != null && (file != null || arch != Arch.X86_64)) {
            map = SourceFile.read(treeWhere, () -> MemoryScan.scan(scanned, scan));
        } else if (rootIomem != null && arch == Arch.X86_64) {
            // SPEC §8: x86_64's crash memory comes from /proc/iomem's System RAM
            map = SourceFile.read(root.where(RootFile.IOMEM), () -> Iomem.toMemoryMap(rootIomem));
            mapIomem = rootIomem;
        } else {
            map = null;
        }
        if (map != null) {
            map.warnings().forEach(w -> warnings.add(Wording.of(w)));
        }

        List<MemoryRange> crashKernels = crashKernels(in, root, rootIomem, map);
        if (!crashKernels.isEmpty()) {
            // the region was found elsewhere, so the tree's unplaced crashkernel= is no news
            warnings.removeIf(w -> w.toString().contains(Chosen.UNPLACED_CRASH_KERNEL));
        }
        List<MemoryRange> cma = CrashKernelCma.of(in, root, kernel, crashKernels, warnings);
        // the context's defaults take the lowest RAM and the CPUs from what was just read, never a new scan
        MachineFacts facts = MachineFacts.of(rootIomem != null ? rootIomem : mapIomem, map, tree, arch, kernel);
        ContextSources context = in.context().withKernel(kernel).withMachine(facts);
        if (in.scan().pageSize() != 0 && context.options().pageSize() == null) {
            // one page size: the one the memory was scanned with is the kernel's, for the context too
            context = context.withOptions(context.options().withPageSize(in.scan().pageSize()));
        }
        return new ResolvedInputs(arch, kernel, root, fileIomem != null ? fileIomem : rootIomem, tree, treeFile,
                treeSource, treeWhere, map, crashKernels, cma, context, scan, warnings, releaseWarnings);
    }

    /** Given, else the root's osrelease, else the vmcoreinfo note's OSRELEASE, else the newest modelled. */
    static KernelVersion kernel(KdumpInputs in, SystemRoot root, List<Wording> warnings) {
        KernelVersion v;
        if (in.kernelRelease().isPresent()) {
            v = SourceFile.read(Given.KERNEL_RELEASE.words(), () -> KernelVersion.parse(in.kernelRelease().get(), ""));
            return modelled(v, warnings);
        }
        Optional<String> osrelease = root == null ? Optional.empty()
                : root.text(RootFile.OSRELEASE).map(String::strip).filter(s -> !s.isEmpty());
        VmcoreinfoNote note = in.context().vmcoreinfoNote().orElse(null);
        if (osrelease.isPresent()) {
            v = SourceFile.read(root.where(RootFile.OSRELEASE), () -> KernelVersion.parse(osrelease.get(), ""));
        } else if (note != null && note.osrelease().isPresent()) {
            v = SourceFile.read(note.source(), () -> KernelVersion.parse(note.osrelease().get(), "OSRELEASE"));
        } else {
            warnings.add(Wording.of("kernel release unknown (no ", Given.KERNEL_RELEASE, ", proc/sys/kernel/osrelease"
                    + " or vmcoreinfo OSRELEASE): the rules of " + KernelVersion.NEWEST + " apply"));
            return KernelVersion.NEWEST;
        }
        return modelled(v, warnings);
    }

    private static KernelVersion modelled(KernelVersion v, List<Wording> warnings) {
        if (!v.isModelled()) {
            warnings.add(Wording.of(v + " is not modelled: the rules of " + v.modelled() + " apply (dtcore models "
                    + KernelVersion.LINUX_6_1 + ", " + KernelVersion.LINUX_6_12 + " and " + KernelVersion.LINUX_7_3
                    + "; docs/kernel-releases.md)"));
        }
        return v;
    }

    /** SPEC §3.5: on riscv64 6.1, System RAM starts at the kernel's load address; /proc/iomem knows it. */
    private static ScanOptions loadAddress(ScanOptions scan, Arch arch, KernelVersion kernel,
                                           List<IomemEntry> rootIomem) {
        if (arch != Arch.RISCV64 || !kernel.riscvDropsRamBelowKernel() || scan.kernelLoadAddress() != -1
                || rootIomem == null) {
            return scan;
        }
        long lowest = Iomem.toMemoryMap(rootIomem).memory().stream().mapToLong(MemoryRange::start).min().orElse(-1);
        return lowest == -1 ? scan : scan.withKernelLoadAddress(lowest);
    }

    /** Given, else the system root's, else the tree's /chosen (SPEC §6, §7). */
    private static List<MemoryRange> crashKernels(KdumpInputs in, SystemRoot root, List<IomemEntry> rootIomem,
                                                  MemoryMap map) {
        if (!in.crashKernels().isEmpty()) {
            return in.crashKernels();
        }
        if (root != null) {
            List<MemoryRange> fromRoot = ReservedCrashKernel.of(rootIomem, root);
            if (!fromRoot.isEmpty()) {
                return fromRoot;
            }
        }
        return map == null ? List.of() : map.chosen().crashKernels();
    }
}
