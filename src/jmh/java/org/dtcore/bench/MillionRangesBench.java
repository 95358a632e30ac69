package org.dtcore.bench;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemRanges;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.KexecToolsOptions;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A 1,000,000-range chunk list (1 MiB chunks with 1 MiB gaps, NUMA node by quarter): crash_mem
 * exclusion of a crash kernel, a crashkernel-low and 64 no-map regions, each splitting a range
 * (CrashMemRanges, SPEC §8); the memory view (Ranges.merged); and the header. Both header builders refuse
 * more than 65,534 program headers (e_phnum is 16 bits, SPEC §9), so the header benchmark writes the
 * largest header that can exist: kexec-tools mode with the first 65,529 ranges (+ 4 CPU notes + vmcoreinfo).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MillionRangesBench {
    static final int RANGES = 1_000_000;
    private static final long MIB = 1L << 20;

    private List<MemoryChunk> chunks;
    private List<MemoryRange> ranges;
    private List<MemoryRange> cuts;
    private List<MemoryRange> largestHeaderRanges;
    private CrashContext ctx;
    private KexecToolsOptions kexec;

    @Setup
    public void setup() {
        chunks = new ArrayList<>(RANGES);
        ranges = new ArrayList<>(RANGES);
        for (int i = 0; i < RANGES; i++) {
            long start = 0x80000000L + i * 2 * MIB;
            MemoryRange r = new MemoryRange(start, start + MIB - 1);
            chunks.add(new MemoryChunk(r, "/memory", "reg", i / (RANGES / 4), false));
            ranges.add(r);
        }
        cuts = new ArrayList<>();
        // each cut lies strictly inside one range, so each one splits it (the costly case)
        for (int k = 0; k < 66; k++) {
            long start = 0x80000000L + (long) (k * (RANGES / 66) + 7) * 2 * MIB + 4096;
            cuts.add(new MemoryRange(start, start + 256 * 1024 - 1));
        }
        ctx = BenchSetup.context();
        kexec = KexecToolsOptions.defaults(Arch.ARM64, ByteOrder.LITTLE_ENDIAN);
        int room = CoreHeaderBuilder.MAX_PROGRAM_HEADERS - ctx.cpus().size() - 1 - 1;
        largestHeaderRanges = List.copyOf(ranges.subList(0, room));
    }

    /** Load the million chunks into crash_mem (current rule, unbounded) and cut 66 holes. */
    @Benchmark
    public CrashMemRanges exclusion() {
        CrashMemRanges mem = CrashMemRanges.of(chunks, ExclusionRule.CURRENT, java.util.OptionalInt.empty());
        mem.excludeAll(cuts);
        return mem;
    }

    @Benchmark
    public List<MemoryRange> merged() {
        return Ranges.merged(ranges);
    }

    @Benchmark
    public EncodedCoreHeader largestHeaderKexecTools() {
        return CoreHeaderBuilder.kexecTools(Arch.ARM64, ctx, largestHeaderRanges, kexec);
    }
}
