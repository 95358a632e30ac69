package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.fdt.FdtParser;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.Ranges;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.memory.ScanOptions;
import org.junit.jupiter.api.Test;

/** SPEC §8 per architecture; the three real kernels' RAM PT_LOADs are the reference. */
class CrashPolicyTest {
    private static final Path TRUTH = Path.of("../shared/kernel-truth");

    private static MemoryRange r(long s, long e) {
        return new MemoryRange(s, e);
    }

    private static MemoryMap booted(String kase, Arch arch) throws IOException {
        return MemoryScan.scan(FdtParser.read(TRUTH.resolve(kase).resolve("booted.dtb")), ScanOptions.forArch(arch));
    }

    @Test
    void arm64RealKernel() throws IOException {
        CrashMemory m = CrashPolicy.build(booted("arm64-virt-2g", Arch.ARM64), Arch.ARM64,
                List.of(r(0xada00000L, 0xbd9fffffL)), CrashOptions.DEFAULT);
        assertThat(m.ranges()).containsExactly(r(0x40000000L, 0xad9fffffL), r(0xbda00000L, 0xbfffffffL));
        assertThat(m.kernelMap()).isTrue();
    }

    @Test
    void riscv64RealKernelDropsRamBelowTheKernel() throws IOException {
        CrashMemory m = CrashPolicy.build(booted("riscv64-virt-2g", Arch.RISCV64), Arch.RISCV64,
                List.of(r(0xece00000L, 0xfcdfffffL)), CrashOptions.DEFAULT);
        assertThat(m.ranges()).containsExactly(r(0x80200000L, 0xecdfffffL), r(0xfce00000L, 0xffffffffL));
    }

    @Test
    void ppc64RealKernelBackupRtasAndNoKernelMap() throws IOException {
        CrashMemory m = CrashPolicy.build(booted("ppc64le-pseries-4g", Arch.PPC64), Arch.PPC64,
                List.of(r(0x20000000L, 0x3fffffffL)), CrashOptions.DEFAULT);
        assertThat(m.ranges()).containsExactly(r(0, 0xffff), r(0x10000, 0x1fffffffL), r(0x2fff0000L, 0x2fff083bL),
                r(0x40000000L, 0xffffffffL));
        assertThat(m.kernelMap()).isFalse();
    }

    private static MemoryMap map(List<MemoryChunk> chunks, List<ReservedRegion> reserved) {
        List<MemoryRange> memory = Ranges.merged(chunks.stream().map(MemoryChunk::range).toList());
        return new MemoryMap(memory, chunks, reserved, List.of(), Chosen.NONE, List.of());
    }

    private static MemoryChunk chunk(long s, long e, int numa) {
        return new MemoryChunk(r(s, e), "/memory", "reg", numa, false);
    }

    @Test
    void touchingNumaNodesStayTwoRangesAndSameNodeJoins() {
        MemoryMap m = map(List.of(chunk(0x40000000L, 0x7fffffffL, 0), chunk(0x80000000L, 0xbfffffffL, 1),
                chunk(0xc0000000L, 0xffffffffL, 1)), List.of());
        CrashMemory c = CrashPolicy.build(m, Arch.ARM64, List.of(), CrashOptions.DEFAULT);
        assertThat(c.ranges()).containsExactly(r(0x40000000L, 0x7fffffffL), r(0x80000000L, 0xffffffffL));
        assertThat(c.chunks()).extracting(MemoryChunk::numaNode).containsExactly(0, 1);
        assertThat(c.notes()).anyMatch(n -> n.contains("no crash kernel region"));
    }

    /** SPEC §8: arm64, riscv64 and ppc64 leave no-map regions out of the dump; x86_64 keeps them. */
    @Test
    void noMapIsLeftOutOnArm64Riscv64AndPpc64ButNotX86() {
        ReservedRegion noMap = new ReservedRegion(r(0x50000000L, 0x500fffffL), ReservedRegion.Kind.RESERVED_MEMORY,
                java.util.Optional.of("/reserved-memory/secure@50000000"), true, false);
        ReservedRegion kept = new ReservedRegion(r(0x60000000L, 0x600fffffL), ReservedRegion.Kind.RESERVED_MEMORY,
                java.util.Optional.of("/reserved-memory/ramoops@60000000"), false, false);
        MemoryMap m = map(List.of(chunk(0x40000000L, 0x7fffffffL, -1)), List.of(noMap, kept));
        List<MemoryRange> aroundNoMap = List.of(r(0x40000000L, 0x4fffffffL), r(0x50100000L, 0x7fffffffL));
        assertThat(CrashPolicy.build(m, Arch.ARM64, List.of(), CrashOptions.DEFAULT).ranges())
                .containsExactlyElementsOf(aroundNoMap);
        assertThat(CrashPolicy.build(m, Arch.RISCV64, List.of(), CrashOptions.DEFAULT).ranges())
                .containsExactlyElementsOf(aroundNoMap);
        assertThat(CrashPolicy.build(m, Arch.PPC64, List.of(), CrashOptions.DEFAULT).ranges())
                .contains(r(0x40000000L, 0x4fffffffL), r(0x50100000L, 0x7fffffffL))
                .noneMatch(x -> x.overlaps(noMap.range()));
        // x86_64 cuts only the first MiB and the crash kernels (SPEC §8): the no-map region stays
        assertThat(CrashPolicy.build(m, Arch.X86_64, List.of(), CrashOptions.DEFAULT).ranges())
                .containsExactly(r(0x40000000L, 0x7fffffffL));
    }

    @Test
    void x86DropsTheFirstMebibyteAndBothCrashRegions() {
        MemoryMap m = map(List.of(chunk(0x1000, 0x9efff, -1), chunk(0x100000, 0xbffdffffL, -1),
                chunk(0x100000000L, 0x13fffffffL, -1)), List.of());
        CrashMemory c = CrashPolicy.build(m, Arch.X86_64,
                List.of(r(0xa0000000L, 0xafffffffL), r(0x10000000L, 0x17ffffffL)), CrashOptions.DEFAULT);
        assertThat(c.ranges()).containsExactly(r(0x100000, 0xfffffffL), r(0x18000000L, 0x9fffffffL),
                r(0xb0000000L, 0xbffdffffL), r(0x100000000L, 0x13fffffffL));
        assertThat(c.kernelMap()).isTrue();
    }

    @Test
    void legacyRuleDiffersWhenTheCutSpansAPartialAndAWholeRange() {
        MemoryMap m = map(List.of(chunk(0x1000, 0x1fff, 0), chunk(0x2000, 0x2fff, 1), chunk(0x3000, 0x3fff, 2)),
                List.of());
        List<MemoryRange> cut = List.of(r(0x1800, 0x37ff));
        CrashMemory current = CrashPolicy.build(m, Arch.ARM64, cut, CrashOptions.DEFAULT);
        CrashMemory legacy = CrashPolicy.build(m, Arch.ARM64, cut, CrashOptions.DEFAULT.withRule(ExclusionRule.LEGACY));
        assertThat(current.ranges()).containsExactly(r(0x1000, 0x17ff), r(0x3800, 0x3fff));
        // 5.9..6.7: range 0 is only partly covered, so it is trimmed and the scan stops there; ranges 1 and 2
        // keep their overlap (ExclusionRule.LEGACY; Linux 6.1 kernel/kexec_file.c crash_exclude_mem_range: trim, then break)
        assertThat(legacy.ranges()).containsExactly(r(0x1000, 0x17ff), r(0x2000, 0x2fff), r(0x3000, 0x3fff));
    }

    @Test
    void crashKernelSpecForms() {
        assertThat(CrashKernelSpec.parse("256M@0x60000000")).isEqualTo(r(0x60000000L, 0x6fffffffL));
        assertThat(CrashKernelSpec.parse("ada00000-bd9fffff")).isEqualTo(r(0xada00000L, 0xbd9fffffL));
        assertThat(CrashKernelSpec.parse("0x20000000-0x3fffffff")).isEqualTo(r(0x20000000L, 0x3fffffffL));
        assertThatThrownBy(() -> CrashKernelSpec.parse("256M")).isInstanceOf(CrashException.class)
                .hasMessageContaining("names no place");
        assertThatThrownBy(() -> CrashKernelSpec.parse("2000-1000")).isInstanceOf(CrashException.class);
        assertThatThrownBy(() -> CrashKernelSpec.parse("16E@0x10")).isInstanceOf(CrashException.class);
    }
}
