package org.dtcore.capture;

import java.util.OptionalLong;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemory;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;

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
     * The core header segment's size.
     *
     * @param crash    the crash memory the header covers
     * @param ctx      the crash context: the possible CPUs count here
     * @param kernel   the running kernel's release
     * @param pageSize the running kernel's page size in bytes
     * @return the segment's size in bytes, as linux,elfcorehdr carries it
     * @throws org.dtcore.elf.ElfException when the header cannot be built (too many program headers)
     */

    public static long size(CrashMemory crash, CrashContext ctx, KernelVersion kernel, long pageSize) {
        Arch arch = crash.arch();
        // The kernel map counts in the sizing whether or not it is written, so a context without the
        // kernel text still gives the right size.
        boolean kernelMap = crash.kernelMap() && ctx.kernelText().isPresent();
        long buffer = CoreHeaderBuilder.kernel(arch, ctx, crash.ranges(), kernelMap, OptionalLong.empty()).size();
        return kernel.headerSegmentSize(arch, buffer, crash.ranges().size(), pageSize);
    }
}
