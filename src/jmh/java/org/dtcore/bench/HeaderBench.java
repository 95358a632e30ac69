package org.dtcore.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.KexecToolsOptions;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
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
 * Core header building (SPEC §9) from ready crash memory: kernel mode for every sample (kexec-tools mode
 * for the 32-bit ones, which no kernel builds); the million-range case is in {@link MillionRangesBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HeaderBench {
    private final List<CrashMemory> crash = new ArrayList<>();
    private CrashContext ctx;

    @Setup
    public void setup() {
        ctx = BenchSetup.context();
        for (Samples.Sample s : Samples.all()) {
            MemoryMap m = MemoryScan.scan(FdtParser.parse(s.blob()), ScanOptions.forArch(s.arch()));
            crash.add(CrashPolicy.build(m, s.arch(), BenchSetup.crashKernel(m), CrashOptions.DEFAULT));
        }
    }

    @Benchmark
    public void samples(Blackhole bh) {
        for (CrashMemory c : crash) {
            bh.consume(build(c, ctx));
        }
    }

    static EncodedCoreHeader build(CrashMemory c, CrashContext ctx) {
        Arch arch = c.arch();
        if (!arch.is64Bit()) {
            return CoreHeaderBuilder.kexecTools(arch, ctx, c.ranges(), KexecToolsOptions.defaults(arch)
                    .withKernelText(false));
        }
        OptionalLong backup = arch == Arch.PPC64 ? OptionalLong.of(0x3f000000L) : OptionalLong.empty();
        return CoreHeaderBuilder.kernel(arch, ctx, c.ranges(), c.kernelMap(), backup);
    }
}
