package org.dtcore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * The 0.5 s target of docs/performance.md: a pseries blob file → memory map → crash memory (ppc64, a
 * 512 MiB crash kernel) → kernel-mode core header, in a fresh JVM. The file is read as the CLI reads it
 * (FdtParser.read maps it: the blob is not on the heap). Prints the first (cold) run's time and
 * allocation, then the best of ROUNDS more runs; compare.sh runs it under -Xmx of three times the blob.
 *
 * <p>usage: ChunksAndHeader FILE [ROUNDS]
 */
public final class ChunksAndHeader {
    private ChunksAndHeader() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long a0 = threads.getCurrentThreadAllocatedBytes();
        long t0 = System.nanoTime();
        EncodedCoreHeader h = run(file);
        long cold = System.nanoTime() - t0;
        long allocated = threads.getCurrentThreadAllocatedBytes() - a0;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < rounds; i++) {
            long t = System.nanoTime();
            run(file);
            best = Math.min(best, System.nanoTime() - t);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("%s: %d program headers, %d bytes; cold %.1f ms, allocated %d bytes%s; max heap %d bytes%n",
                file.getFileName(), h.header().phnum(), h.size(), cold / 1e6, allocated,
                rounds > 0 ? String.format("; warm best of %d %.1f ms", rounds, best / 1e6) : "", rt.maxMemory());
    }

    static EncodedCoreHeader run(Path file) throws IOException {
        MemoryMap map = MemoryScan.scan(FdtParser.read(file), ScanOptions.forArch(Arch.PPC64));
        CrashMemory crash = CrashPolicy.build(map, Arch.PPC64, List.of(new MemoryRange(0x40000000L, 0x5fffffffL)),
                CrashOptions.DEFAULT);
        return HeaderBench.build(crash, BenchSetup.context());
    }
}
