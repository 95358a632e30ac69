package org.dtcore.kdump;

import java.util.List;
import org.dtcore.Wording;
import org.dtcore.crash.ReservedCrashKernel;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;

/**
 * The crashkernel CMA ranges that apply (SPEC §6, §8, §11; {@link KernelVersion#crashKernelCma}): those the
 * user gave, else those the system root shows, for a release that has them. reserve_crashkernel_cma()
 * (kernel/crash_reserve.c, 7.3) places them at boot, in up to CRASHK_CMA_RANGES_MAX pieces; /proc/iomem does
 * not list them (insert_crashkernel_resources() adds only crashk_res and crashk_low_res), but 7.3's
 * /sys/kernel/kexec/crash_cma_ranges does ({@link ReservedCrashKernel#cmaRanges}).
 */
final class CrashKernelCma {
    private CrashKernelCma() {
    }

    static List<MemoryRange> of(KdumpInputs given, SystemRoot root, KernelVersion kernel,
                                List<MemoryRange> crashKernels, List<Wording> warnings) {
        List<MemoryRange> cma = given.crashKernelCma();
        if (cma.isEmpty() && root != null) {
            cma = SourceFile.read(root.where(RootFile.CRASH_CMA_RANGES), () -> ReservedCrashKernel.cmaRanges(root));
        }
        if (cma.isEmpty()) {
            return cma;
        }
        if (!kernel.crashKernelCma()) {
            warnings.add(Wording.of("crashkernel CMA ranges ignored: " + kernel + " has no crashkernel=,cma (Linux 7.3 does)"));
            return List.of();
        }
        if (cma.size() > KernelVersion.CRASH_CMA_RANGES_MAX) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", cma.size() + " crashkernel CMA ranges:"
                    + " the kernel reserves at most " + KernelVersion.CRASH_CMA_RANGES_MAX
                    + " (CRASHK_CMA_RANGES_MAX)");
        }
        for (MemoryRange c : cma) {
            for (MemoryRange ck : crashKernels) {
                if (c.overlaps(ck)) {
                    throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "crashkernel CMA range " + c
                            + " overlaps the crash kernel " + ck + ": the kernel reserves them apart");
                }
            }
        }
        return cma;
    }
}
