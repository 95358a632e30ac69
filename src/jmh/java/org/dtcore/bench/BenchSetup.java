package org.dtcore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;

/** Inputs every benchmark shares: a crash context and a crash kernel region that fits a map. */
final class BenchSetup {
    private BenchSetup() {
    }

    /** Four CPUs with arm64-sized notes, a 4 KiB-page vmcoreinfo, a kernel image and a linear map. */
    static CrashContext context() {
        List<CpuNote> cpus = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cpus.add(new CpuNote(i, 0x13ff0000L + i * 0x1000L, 424));
        }
        return new CrashContext(cpus, 0x13fe0000L, 4132,
                Optional.of(new KernelText(0xffff800080000000L, 0x40200000L, 0x2000000L)), 0xffff000000000000L, 0x40000000L, 4096, 0, List.of());
    }

    /** 16 MiB in the middle of the first RAM range (2 MiB aligned), or none when RAM is too small. */
    static List<MemoryRange> crashKernel(MemoryMap map) {
        if (map.memory().isEmpty()) {
            return List.of();
        }
        MemoryRange first = map.memory().get(0);
        long size = first.size();
        if (size != 0 && Long.compareUnsigned(size, 64L << 20) < 0) {
            return List.of();
        }
        long start = (first.start() + (first.size() >>> 1)) & ~((2L << 20) - 1);
        return List.of(new MemoryRange(start, start + (16L << 20) - 1));
    }
}
