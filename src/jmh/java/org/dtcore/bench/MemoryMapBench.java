package org.dtcore.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.MemoryMap;
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

/**
 * The memory map (parse + MemoryScan, SPEC §2–§6, generic rules) of every sample and of the
 * 262,144-LMB pseries trees: what `dtcore chunks` computes before printing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MemoryMapBench {
    private List<Samples.Sample> samples;
    private ByteBuffer v1;
    private ByteBuffer v2;

    @Setup
    public void setup() {
        samples = Samples.all();
        v1 = ByteBuffer.wrap(PseriesBlob.generate(PseriesBlob.LMBS, 1));
        v2 = ByteBuffer.wrap(PseriesBlob.generate(PseriesBlob.LMBS, 2));
    }

    @Benchmark
    public void samples(Blackhole bh) {
        for (Samples.Sample s : samples) {
            bh.consume(MemoryScan.scan(FdtParser.parse(s.blob()), ScanOptions.DEFAULT));
        }
    }

    @Benchmark
    public MemoryMap pseries262144V1() {
        return MemoryScan.scan(FdtParser.parse(v1), ScanOptions.DEFAULT);
    }

    @Benchmark
    public MemoryMap pseries262144V2() {
        return MemoryScan.scan(FdtParser.parse(v2), ScanOptions.DEFAULT);
    }
}
