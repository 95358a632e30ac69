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
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * The size of the core header segment the kernel loads, which linux,elfcorehdr and its /memreserve/ entry
 * carry (SPEC §9, §11): the buffer crash_prepare_elf64_headers sizes (whole pages for every possible CPU,
 * vmcoreinfo, each crash memory range and the kernel map), grown for crash hotplug where the kernel
 * release does so ({@link KernelVersion#headerSegmentSize}).
 */
public final class HeaderSegment {
    private HeaderSegment() {
    }

    /**
     * @param crash  the crash memory the header covers
     * @param ctx    the crash context: the possible CPUs count here
     * @param kernel the running kernel's release
     */
    public static long size(CrashMemory crash, CrashContext ctx, KernelVersion kernel, long pageSize) {
        Arch arch = crash.arch();
        // The kernel map counts in the sizing whether or not it is written, so a context without the
        // kernel text still gives the right size.
        boolean kernelMap = crash.kernelMap() && ctx.kernelText() != null;
        long buffer = CoreHeaderBuilder.kernel(arch, ctx, crash.ranges(), kernelMap, OptionalLong.empty()).size();
        return kernel.headerSegmentSize(arch, buffer, crash.ranges().size(), pageSize);
    }

    /**
     * The segment of a Linux 6.1 kernel for the booted {@code tree} (SPEC §3–§8).
     *
     * @param crashKernels the crash kernel region, then crashkernel-low if any
     * @param backupOffset powerpc's copy of the first 64 KiB (it moves no size)
     */
    public static long size(DeviceTree tree, ScanOptions scan, Arch arch, List<MemoryRange> crashKernels,
                            CrashContext ctx, OptionalLong backupOffset) {
        MemoryMap map = MemoryScan.scan(tree, scan);
        CrashMemory crash = CrashPolicy.build(map, arch, crashKernels, CrashOptions.DEFAULT);
        return size(crash, ctx, KernelVersion.LINUX_6_1, scan.effectivePageSize());
    }
}
