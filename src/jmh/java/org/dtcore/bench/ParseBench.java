package org.dtcore.bench;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/** Parse + full validation (SPEC §1): every sample blob, and the 262,144-LMB pseries trees. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParseBench {
    private List<Samples.Sample> samples;
    private ByteBuffer v1;
    private ByteBuffer v2;

    @Setup
    public void setup() {
        samples = Samples.all();
        v1 = ByteBuffer.wrap(PseriesBlob.generate(PseriesBlob.LMBS, 1));
        v2 = ByteBuffer.wrap(PseriesBlob.generate(PseriesBlob.LMBS, 2));
    }

    /** All samples, one after another (the figure is per round of every sample). */
    @Benchmark
    public void samples(Blackhole bh) {
        for (Samples.Sample s : samples) {
            bh.consume(FdtParser.parse(s.blob()));
        }
    }

    @Benchmark
    public DeviceTree pseries262144V1() {
        return FdtParser.parse(v1);
    }

    @Benchmark
    public DeviceTree pseries262144V2() {
        return FdtParser.parse(v2);
    }
}
