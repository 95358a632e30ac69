package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.context.ContextSources;
import org.dtcore.context.SystemRoot;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;

/**
 * {@link KdumpInputs} after {@link InputPrecedence} chose a source for each fact.
 *
 * @param kernel       the release whose rules apply
 * @param root         the system root, or null
 * @param tree         the booted device tree (FILE's, else the root's), or null (x86_64, iomem input)
 * @param treeSource   where {@code tree} came from, or null
 * @param map          the memory map the dump covers, or null when there is no memory source
 * @param crashKernels the crash kernel regions, possibly empty
 * @param context      the context sources, with the tree and the release filled in
 * @param scan         the memory rules used, with the release and riscv64's load address filled in
 * @param warnings     what the choice relied on, the release's first
 * @param releaseWarnings the warnings about the kernel release alone (unknown, not modelled)
 */
record ResolvedInputs(Arch arch, KernelVersion kernel, SystemRoot root, DeviceTree tree, Path treeSource,
                      MemoryMap map, List<MemoryRange> crashKernels, ContextSources context, ScanOptions scan,
                      List<String> warnings, List<String> releaseWarnings) {
    ResolvedInputs {
        crashKernels = List.copyOf(crashKernels);
        warnings = List.copyOf(warnings);
        releaseWarnings = List.copyOf(releaseWarnings);
    }
}
