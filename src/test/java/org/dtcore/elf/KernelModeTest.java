package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.dtcore.context.CrashContext;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;

/** SPEC §9 kernel mode: sizing, the ELF header, order and field values, limits. */
class KernelModeTest {

    private static EncodedCoreHeader build(CrashContext ctx, List<MemoryRange> ranges, boolean kernelMap) {
        return CoreHeaderBuilder.kernel(Arch.ARM64, ctx, ranges, kernelMap, OptionalLong.empty());
    }

    @Test
    void theUnusedKernelMapStillCountsTowardsTheSegmentSize() {
        // 2 CPUs + vmcoreinfo + 68 ranges + kernel map = 72 headers: 64 + 72 × 56 = 4096 exactly
        EncodedCoreHeader fits = build(SampleContexts.arm64(2), SampleContexts.ranges(68), false);
        // one range more: 73 headers for sizing, though only 72 are written, needs a second page
        EncodedCoreHeader spills = build(SampleContexts.arm64(2), SampleContexts.ranges(69), false);

        assertThat(fits.size()).isEqualTo(4096);
        assertThat(fits.header().phnum()).isEqualTo(71);
        assertThat(spills.size()).isEqualTo(8192);
        assertThat(spills.header().phnum()).isEqualTo(72);
        assertThat(spills.header().rawPhnum()).isEqualTo(72);
        ElfReaders.assertRoundTrip(spills);
    }

    @Test
    void theSegmentIsZeroAfterTheLastProgramHeader() {
        EncodedCoreHeader h = build(SampleContexts.arm64(4), SampleContexts.ranges(3), true);
        byte[] b = h.bytes();
        int end = 64 + 56 * h.header().phnum();

        for (int i = end; i < b.length; i++) {
            assertThat(b[i]).as("byte 0x%x", i).isZero();
        }
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void elfHeaderIsLittleEndianElf64CoreWithOnlyTheSpecifiedFieldsSet() {
        CrashContext ctx = SampleContexts.with(SampleContexts.arm64(1), 0xffff_0000_0000_0000L, 0x4000_0000L, 2);
        byte[] b = build(ctx, SampleContexts.ranges(1), true).bytes();
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);

        assertThat(new byte[] {b[0], b[1], b[2], b[3]}).containsExactly(0x7f, 'E', 'L', 'F');
        assertThat(b[4]).as("ELFCLASS64").isEqualTo((byte) 2);
        assertThat(b[5]).as("ELFDATA2LSB").isEqualTo((byte) 1);
        assertThat(b[6]).as("EV_CURRENT").isEqualTo((byte) 1);
        for (int i = 7; i < 16; i++) {
            assertThat(b[i]).as("OSABI and padding byte %d", i).isZero();
        }
        assertThat(bb.getShort(16)).as("ET_CORE").isEqualTo((short) 4);
        assertThat(bb.getShort(18)).as("EM_AARCH64").isEqualTo((short) 183);
        assertThat(bb.getInt(20)).as("e_version").isEqualTo(1);
        assertThat(bb.getLong(24)).as("e_entry").isZero();
        assertThat(bb.getLong(32)).as("e_phoff").isEqualTo(64);
        assertThat(bb.getLong(40)).as("e_shoff").isZero();
        assertThat(bb.getInt(48)).as("e_flags from the context").isEqualTo(2);
        assertThat(bb.getShort(52)).as("e_ehsize").isEqualTo((short) 64);
        assertThat(bb.getShort(54)).as("e_phentsize").isEqualTo((short) 56);
        assertThat(bb.getShort(56)).as("e_phnum").isEqualTo((short) 4);
        assertThat(bb.getLong(58) & 0xffff_ffff_ffffL).as("e_shentsize, e_shnum, e_shstrndx").isZero();
    }

    @Test
    void programHeadersComeInKernelOrderWithKernelFieldValues() {
        CrashContext ctx = SampleContexts.arm64(2);
        List<MemoryRange> ranges = List.of(new MemoryRange(0x8000_0000L, 0x8fff_ffffL),
                new MemoryRange(0x4000_0000L, 0x4fff_ffffL));
        EncodedCoreHeader h = build(ctx, ranges, true);

        assertThat(h.header().programHeaders()).containsExactly(
                ProgramHeader.note(0xbfbb_d000L, 424),
                ProgramHeader.note(0xbfbc_d000L, 424),
                ProgramHeader.note(0x40a3_4000L, 0x1024),
                ProgramHeader.load(0x4020_0000L, 0xffff_8000_0800_0000L, 0x4020_0000L, 0x4c_0000L),
                // ranges in list order, not sorted (SPEC §9: "in list order")
                ProgramHeader.load(0x8000_0000L, 0xffff_0000_4000_0000L, 0x8000_0000L, 0x1000_0000L),
                ProgramHeader.load(0x4000_0000L, 0xffff_0000_0000_0000L, 0x4000_0000L, 0x1000_0000L));
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void machineFollowsTheArchitecture() {
        CrashContext ctx = SampleContexts.arm64(1);
        for (var e : java.util.Map.of(Arch.X86_64, 62, Arch.PPC64, 21, Arch.ARM64, 183, Arch.RISCV64, 243,
                Arch.LOONGARCH64, 258).entrySet()) {
            EncodedCoreHeader h = CoreHeaderBuilder.kernel(e.getKey(), ctx, List.of(), false, OptionalLong.empty());
            assertThat(h.header().machine()).as("%s", e.getKey()).isEqualTo(e.getValue());
            ElfReaders.assertRoundTrip(h);
        }
    }

    @Test
    void backupOffsetMovesOnlyTheFirstLoadAtPhysicalZero() {
        CrashContext ctx = SampleContexts.with(SampleContexts.arm64(1), 0xc000_0000_0000_0000L, 0, 0);
        List<MemoryRange> ranges = List.of(new MemoryRange(0, 0xffff), new MemoryRange(0x1_0000, 0x1fff_ffff),
                new MemoryRange(0, 0xffff));
        EncodedCoreHeader h = CoreHeaderBuilder.kernel(Arch.PPC64, ctx, ranges, false, OptionalLong.of(0x207e_0000L));

        List<ProgramHeader> loads = h.header().programHeaders().subList(2, 5);
        assertThat(loads.get(0).offset()).isEqualTo(0x207e_0000L);
        assertThat(loads.get(0).paddr()).isZero();
        assertThat(loads.get(1).offset()).isEqualTo(0x1_0000L);
        assertThat(loads.get(2).offset()).isZero();
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void addressesAndSizesAreUnsigned() {
        // SPEC §0: a range may end at 2^64−1 and the linear-map sum wraps modulo 2^64 as in the kernel
        List<MemoryRange> ranges = List.of(new MemoryRange(0xffff_ffff_ffff_0000L, -1L));
        EncodedCoreHeader h = build(SampleContexts.arm64(1), ranges, false);
        ProgramHeader top = h.header().programHeaders().get(2);

        assertThat(top.paddr()).isEqualTo(0xffff_ffff_ffff_0000L);
        assertThat(top.filesz()).isEqualTo(0x1_0000L);
        assertThat(top.vaddr()).isEqualTo(0xffff_0000_0000_0000L + 0xffff_ffff_ffff_0000L - 0x4000_0000L);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void kernelMapWithoutKernelTextIsRefused() {
        CrashContext c = SampleContexts.arm64(1);
        CrashContext noText = new CrashContext(c.cpus(), c.vmcoreinfoAddress(), c.vmcoreinfoSize(), Optional.empty(),
                c.linearMapBase(), c.physOffset(), c.pageSize(), 0, List.of());

        assertThatThrownBy(() -> build(noText, List.of(), true))
                .isInstanceOfSatisfying(ElfException.class,
                        e -> assertThat(e.kind()).isEqualTo(ElfException.Kind.BAD_INPUT))
                .hasMessageContaining("kernel text");
    }

    @Test
    void exactly65534ProgramHeadersAreWritten() {
        // 1 CPU + vmcoreinfo + kernel map + 65531 ranges = 65534 (SPEC §9)
        EncodedCoreHeader h = build(SampleContexts.arm64(1), SampleContexts.ranges(65531), true);

        assertThat(h.header().phnum()).isEqualTo(CoreHeaderBuilder.MAX_PROGRAM_HEADERS);
        assertThat(h.size()).isEqualTo((64 + 56 * 65534 + 4095) / 4096 * 4096);
        assertThat(ByteBuffer.wrap(h.bytes()).order(ByteOrder.LITTLE_ENDIAN).getShort(56)).isEqualTo((short) 0xfffe);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void the65535thProgramHeaderIsRefusedNotTruncated() {
        assertThatThrownBy(() -> build(SampleContexts.arm64(1), SampleContexts.ranges(65532), true))
                .isInstanceOfSatisfying(ElfException.class,
                        e -> assertThat(e.kind()).isEqualTo(ElfException.Kind.TOO_MANY_HEADERS))
                .hasMessageContaining("65535")
                .hasMessageContaining("65534");
    }
}
