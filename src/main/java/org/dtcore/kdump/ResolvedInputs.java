package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.context.ContextSources;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;

/**
 * {@link KdumpInputs} after {@link InputPrecedence} chose a source for each fact and read each once: what
 * every later stage takes, so none reads or scans an input again.
 *
 * @param arch         the architecture whose rules apply
 * @param kernel       the release whose rules apply
 * @param root         the system root, or null
 * @param iomem        /proc/iomem's lines: FILE's when FILE is iomem text, else the root's; null when neither
 * @param tree         the booted device tree (FILE's, else the root's, with the boot loader's edits), or null
 * @param treeFile     the root's file {@code tree} came from, or null when it is FILE's (or there is none)
 * @param treeSource   the file on disk {@code tree} came from (FILE, the root's file, or the root's archive)
 * @param treeWhere    how messages name where {@code tree} came from
 * @param map          the memory map the dump covers, scanned once; null when there is no memory source
 * @param crashKernels the crash kernel regions, possibly empty
 * @param crashKernelCma the crashkernel CMA ranges that apply to the release ({@link CrashKernelCma}), possibly empty
 * @param context      the context sources, with the release and the machine facts of {@code map} filled in
 * @param scan         the memory rules used, with the release and riscv64's load address filled in
 * @param warnings     what the choice relied on, the release's first
 * @param releaseWarnings the warnings about the kernel release alone (unknown, not modelled)
 */
record ResolvedInputs(Arch arch, KernelVersion kernel, SystemRoot root, List<IomemEntry> iomem, DeviceTree tree,
                      RootFile treeFile, Path treeSource, String treeWhere, MemoryMap map,
                      List<MemoryRange> crashKernels, List<MemoryRange> crashKernelCma, ContextSources context, ScanOptions scan,
                      List<Wording> warnings, List<Wording> releaseWarnings) {
    ResolvedInputs {
        crashKernels = List.copyOf(crashKernels);
        crashKernelCma = List.copyOf(crashKernelCma);
        warnings = List.copyOf(warnings);
        releaseWarnings = List.copyOf(releaseWarnings);
    }

    /** The memory map, which must hold RAM: a dump of nothing is refused. */
    MemoryMap requireRam() {
        MemoryMap map = map();
        if (map == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "", Wording.of("header: give ",
                    Given.MEMORY_FILE, ", or ", Given.SYSTEM_ROOT, " / ", Given.LIVE_SYSTEM, " to read the system's"
                    + (root() == null ? "" : " (" + root() + " has no sys/firmware/fdt, proc/device-tree or,"
                    + " for x86_64, proc/iomem)")));
        }
        if (map.memory().isEmpty()) {
            String why = map.warnings().stream().filter(w -> w.startsWith("no RAM: ")).findFirst()
                    .map(w -> w.substring("no RAM: ".length())).orElse("the memory source lists none");
            throw new KdumpException(KdumpException.Kind.NO_RAM, treeWhere() == null ? "" : treeWhere(),
                    "no RAM (" + why + "), so the dump would cover nothing; refusing to write it");
        }
        return map;
    }
}
