package org.dtcore.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Crash memory (CrashPolicy, SPEC §8) from ready memory maps: every sample, and the pseries trees. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CrashBench {
    private final List<MemoryMap> maps = new ArrayList<>();
    private final List<Arch> arches = new ArrayList<>();
    private final List<List<MemoryRange>> crashKernels = new ArrayList<>();
    private MemoryMap v1;
    private MemoryMap v2;
    private List<MemoryRange> pseriesCrashKernel;

    @Setup
    public void setup() {
        for (Samples.Sample s : Samples.all()) {
            MemoryMap m = MemoryScan.scan(FdtParser.parse(s.blob()), ScanOptions.forArch(s.arch()));
            maps.add(m);
            arches.add(s.arch());
            crashKernels.add(BenchSetup.crashKernel(m));
        }
        v1 = pseries(1);
        v2 = pseries(2);
        pseriesCrashKernel = List.of(new MemoryRange(0x40000000L, 0x5fffffffL));
    }

    static MemoryMap pseries(int version) {
        return MemoryScan.scan(FdtParser.parse(ByteBuffer.wrap(PseriesBlob.generate(PseriesBlob.LMBS, version))),
                ScanOptions.forArch(Arch.PPC64));
    }

    @Benchmark
    public void samples(Blackhole bh) {
        for (int i = 0; i < maps.size(); i++) {
            bh.consume(CrashPolicy.build(maps.get(i), arches.get(i), crashKernels.get(i), CrashOptions.DEFAULT));
        }
    }

    @Benchmark
    public CrashMemory pseries262144V1() {
        return CrashPolicy.build(v1, Arch.PPC64, pseriesCrashKernel, CrashOptions.DEFAULT);
    }

    @Benchmark
    public CrashMemory pseries262144V2() {
        return CrashPolicy.build(v2, Arch.PPC64, pseriesCrashKernel, CrashOptions.DEFAULT);
    }
}
