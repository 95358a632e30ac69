package org.dtcore.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dtcore.context.CrashContext;
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
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The whole in-process path for a 64 TiB pseries tree (262,144 LMBs of 256 MiB): blob → memory map →
 * crash memory (ppc64 policy, a 512 MiB crash kernel) → kernel-mode core header. Target: under 0.5 s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PseriesEndToEndBench {
    @Param({"1", "2"})
    public int version;

    private ByteBuffer blob;
    private CrashContext ctx;
    private final List<MemoryRange> crashKernel = List.of(new MemoryRange(0x40000000L, 0x5fffffffL));

    @Setup
    public void setup() {
        blob = ByteBuffer.wrap(PseriesBlob.generate(PseriesBlob.LMBS, version));
        ctx = BenchSetup.context();
    }

    @Benchmark
    public EncodedCoreHeader chunksAndHeader() {
        return run(blob, ctx, crashKernel);
    }

    static EncodedCoreHeader run(ByteBuffer blob, CrashContext ctx, List<MemoryRange> crashKernel) {
        MemoryMap map = MemoryScan.scan(FdtParser.parse(blob), ScanOptions.forArch(Arch.PPC64));
        CrashMemory crash = CrashPolicy.build(map, Arch.PPC64, crashKernel, CrashOptions.DEFAULT);
        return HeaderBench.build(crash, ctx);
    }
}
