package org.dtcore.capture;

import java.util.List;
import java.util.OptionalLong;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * The size of the core header segment the kernel loads, which linux,elfcorehdr and its /memreserve/ entry
 * carry (SPEC §9, §11): the buffer crash_prepare_elf64_headers sizes, whole pages for every possible CPU,
 * vmcoreinfo, each crash memory range and the kernel map.
 */
public final class HeaderSegment {
    private HeaderSegment() {
    }

    /**
     * @param tree         the booted tree, whose memory the dump covers (SPEC §3–§8)
     * @param crashKernels the crash kernel region, then crashkernel-low if any
     * @param ctx          the crash context: the possible CPUs count here
     * @param backupOffset powerpc's copy of the first 64 KiB (it moves no size; kept for the header's sake)
     */
    public static long size(DeviceTree tree, ScanOptions scan, Arch arch, List<MemoryRange> crashKernels,
                            CrashContext ctx, OptionalLong backupOffset) {
        MemoryMap map = MemoryScan.scan(tree, scan);
        CrashMemory crash = CrashPolicy.build(map, arch, crashKernels, CrashOptions.DEFAULT);
        // The kernel map counts in the sizing whether or not it is written, so a context without the
        // kernel text still gives the right size.
        boolean kernelMap = crash.kernelMap() && ctx.kernelText() != null;
        return CoreHeaderBuilder.kernel(arch, ctx, crash.ranges(), kernelMap, backupOffset).size();
    }
}
