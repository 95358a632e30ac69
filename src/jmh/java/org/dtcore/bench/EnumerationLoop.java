package org.dtcore.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * The Java side of bench/compare.sh, the twin of bench/fdt_enumerate.c: loads every file into memory,
 * prints one summary line per file (the same counts the C program prints, so the two can be diffed),
 * runs WARMUP rounds, then times ITERATIONS rounds of parse + MemoryScan over all files and prints
 * "ns_per_round N" and the bytes allocated per round.
 *
 * <p>usage: EnumerationLoop ITERATIONS WARMUP FILE...
 */
public final class EnumerationLoop {
    private EnumerationLoop() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: EnumerationLoop ITERATIONS WARMUP FILE...");
            System.exit(2);
        }
        long iterations = Long.parseLong(args[0]);
        long warmup = Long.parseLong(args[1]);
        int files = args.length - 2;
        ByteBuffer[] blobs = new ByteBuffer[files];
        for (int i = 0; i < files; i++) {
            Path p = Path.of(args[i + 2]);
            blobs[i] = ByteBuffer.wrap(Files.readAllBytes(p));
            MemoryMap m = enumerate(blobs[i]);
            System.out.printf("%s chunks=%d memory=%d total=0x%x reserved=%d dynamic=%d%n", p.getFileName(),
                    m.chunks().size(), m.memory().size(), m.totalRam(), m.reserved().size(),
                    m.dynamicReserved().size());
        }
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sink = 0;
        long start = 0;
        long allocatedBefore = 0;
        for (long r = 0; r < warmup + iterations; r++) {
            if (r == warmup) {
                allocatedBefore = threads.getCurrentThreadAllocatedBytes();
                start = System.nanoTime();
            }
            for (ByteBuffer blob : blobs) {
                MemoryMap m = enumerate(blob);
                sink += m.chunks().size() + m.totalRam() + m.reserved().size();
            }
        }
        long elapsed = System.nanoTime() - start;
        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        long rounds = Math.max(1, iterations);
        System.out.printf("ns_per_round %.1f%n", (double) elapsed / rounds);
        System.out.printf("bytes_allocated_per_round %d%n", allocated / rounds);
        System.err.println("(sink " + sink + ")");
    }

    static MemoryMap enumerate(ByteBuffer blob) {
        return MemoryScan.scan(FdtParser.parse(blob), ScanOptions.DEFAULT);
    }
}
