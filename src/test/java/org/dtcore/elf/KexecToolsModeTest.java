package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;

/** SPEC §9 kexec-tools mode, after kexec-tools' kexec/crashdump-elf.c. */
class KexecToolsModeTest {

    /** A 32-bit board: CPUs 0 and 2 have crash_notes (CPU 1 is absent and so not listed). */
    private static CrashContext arm32() {
        return new CrashContext(List.of(new CpuNote(0, 0x6f00_0000L, 0), new CpuNote(2, 0x6f00_2000L, 0)),
                0x6e00_0000L, 0x1024, Optional.of(new KernelText(0xc000_8000L, 0x6000_8000L, 0x80_0000L)), 0xc000_0000L,
                0x6000_0000L, 4096, 0, List.of());
    }

    private static final List<MemoryRange> ARM32_RAM = List.of(new MemoryRange(0x6000_0000L, 0x6fff_ffffL),
            new MemoryRange(0x7800_0000L, 0x9fff_ffffL));

    private static ByteBuffer bytes(EncodedCoreHeader h, ByteOrder order) {
        return ByteBuffer.wrap(h.bytes()).order(order);
    }

    @Test
    void elf32LittleEndianForArm() {
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.ARM, arm32(), ARM32_RAM,
                KexecToolsOptions.defaults(Arch.ARM));
        ByteBuffer b = bytes(h, ByteOrder.LITTLE_ENDIAN);

        assertThat(h.bytes()[4]).as("ELFCLASS32").isEqualTo((byte) 1);
        assertThat(h.bytes()[5]).as("ELFDATA2LSB").isEqualTo((byte) 1);
        assertThat(b.getShort(18)).as("EM_ARM").isEqualTo((short) 40);
        assertThat(b.getInt(28)).as("e_phoff").isEqualTo(52);
        assertThat(b.getShort(40)).as("e_ehsize").isEqualTo((short) 52);
        assertThat(b.getShort(42)).as("e_phentsize").isEqualTo((short) 32);
        assertThat(b.getShort(44)).as("e_phnum").isEqualTo((short) 6);
        // 52 + 6 × 32 = 244, rounded up to ELF_CORE_HEADER_ALIGN
        assertThat(h.size()).isEqualTo(1024);
        assertThat(h.header().programHeaders()).containsExactly(
                // MAX_NOTE_BYTES: kexec-tools does not read crash_notes_size
                ProgramHeader.note(0x6f00_0000L, 1024),
                ProgramHeader.note(0x6f00_2000L, 1024),
                ProgramHeader.note(0x6e00_0000L, 0x1024),
                ProgramHeader.load(0x6000_8000L, 0xc000_8000L, 0x6000_8000L, 0x80_0000L),
                ProgramHeader.load(0x6000_0000L, 0xc000_0000L, 0x6000_0000L, 0x1000_0000L),
                ProgramHeader.load(0x7800_0000L, 0xd800_0000L, 0x7800_0000L, 0x2800_0000L));
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void elf32HighmemRangesGetAllOnesVirtualAddress() {
        // lowmem ends at 0x70000000: the range ending at 0x9fffffff lies (partly) above it
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.ARM, arm32(), ARM32_RAM,
                KexecToolsOptions.defaults(Arch.ARM).withLowmemLimit(0x7000_0000L));
        List<ProgramHeader> p = h.header().programHeaders();

        assertThat(p.get(4).vaddr()).isEqualTo(0xc000_0000L);
        assertThat(p.get(5).vaddr()).isEqualTo(0xffff_ffffL);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void elf32BigEndianForPowerpc() {
        CrashContext c = arm32();
        CrashContext ppc = new CrashContext(c.cpus(), 0x0200_0000L, 0x1024, Optional.empty(), 0xc000_0000L, 0, 4096, 2,
                List.of());
        List<MemoryRange> ram = List.of(new MemoryRange(0, 0x0fff_ffffL), new MemoryRange(0x2000_0000L, 0x2fff_ffffL));
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.PPC, ppc, ram, KexecToolsOptions.defaults(Arch.PPC));
        ByteBuffer b = bytes(h, ByteOrder.BIG_ENDIAN);

        assertThat(h.bytes()[4]).as("ELFCLASS32").isEqualTo((byte) 1);
        assertThat(h.bytes()[5]).as("ELFDATA2MSB").isEqualTo((byte) 2);
        assertThat(b.getShort(16)).as("ET_CORE, big-endian").isEqualTo((short) 4);
        assertThat(b.getShort(18)).as("EM_PPC").isEqualTo((short) 20);
        assertThat(b.getInt(36)).as("kexec-tools always writes e_flags 0").isZero();
        assertThat(h.header().phnum()).as("no kernel text on powerpc").isEqualTo(5);
        assertThat(h.header().programHeaders().get(3).vaddr()).isEqualTo(0xc000_0000L);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void elf64BigEndianForPpc64WithBackupRegion() {
        CrashContext ctx = new CrashContext(List.of(new CpuNote(0, 0xffe9_8400L, 536), new CpuNote(1, 0xffea_8400L,
                536)), 0x0264_0000L, 0x10024, Optional.empty(), 0xc000_0000_0000_0000L, 0, 65536, 0, List.of());
        List<MemoryRange> ram = List.of(new MemoryRange(0, 0xffff), new MemoryRange(0x1_0000L, 0x1fff_ffffL),
                new MemoryRange(0x4000_0000L, 0xffff_ffffL));
        // a big-endian ppc64 host: kexec-tools writes its own byte order
        KexecToolsOptions o = KexecToolsOptions.defaults(Arch.PPC64, ByteOrder.BIG_ENDIAN)
                .withBackup(new BackupRegion(new MemoryRange(0, 0xffff), 0x207e_0000L));
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.PPC64, ctx, ram, o);
        ByteBuffer b = bytes(h, ByteOrder.BIG_ENDIAN);

        assertThat(h.bytes()[4]).as("ELFCLASS64").isEqualTo((byte) 2);
        assertThat(h.bytes()[5]).as("ELFDATA2MSB").isEqualTo((byte) 2);
        assertThat(b.getShort(18)).as("EM_PPC64").isEqualTo((short) 21);
        assertThat(b.getLong(32)).as("e_phoff").isEqualTo(64);
        assertThat(h.header().programHeaders()).containsExactly(
                // crash_notes_size is known (536): get_crash_notes_per_cpu uses it, not MAX_NOTE_BYTES
                ProgramHeader.note(0xffe9_8400L, 536),
                ProgramHeader.note(0xffea_8400L, 536),
                ProgramHeader.note(0x0264_0000L, 0x10024),
                ProgramHeader.load(0x207e_0000L, 0xc000_0000_0000_0000L, 0, 0x1_0000L),
                ProgramHeader.load(0x1_0000L, 0xc000_0000_0001_0000L, 0x1_0000L, 0x1fff_0000L),
                ProgramHeader.load(0x4000_0000L, 0xc000_0000_4000_0000L, 0x4000_0000L, 0xc000_0000L));
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void elf64HighmemRangesGetMinusOne() {
        CrashContext ctx = SampleContexts.with(SampleContexts.arm64(1), 0xffff_8880_0000_0000L, 0, 0);
        List<MemoryRange> ram = List.of(new MemoryRange(0x10_0000L, 0x37ff_ffffL),
                new MemoryRange(0x3800_0000L, 0x7fff_ffffL));
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.X86_64, ctx, ram,
                KexecToolsOptions.defaults(Arch.X86_64).withLowmemLimit(0x3800_0000L));

        assertThat(h.header().programHeaders().get(3).vaddr()).isEqualTo(0xffff_8880_0010_0000L);
        assertThat(h.header().programHeaders().get(4).vaddr()).isEqualTo(-1L);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void backupOverrideNeedsTheSameStartAndSize() {
        CrashContext ctx = SampleContexts.with(SampleContexts.arm64(1), 0xffff_8880_0000_0000L, 0, 0);
        List<MemoryRange> ram = List.of(new MemoryRange(0, 0x9_ffff), new MemoryRange(0x10_0000L, 0x7fff_ffffL));
        KexecToolsOptions o = KexecToolsOptions.defaults(Arch.X86_64)
                .withBackup(new BackupRegion(new MemoryRange(0, 0x9_fffe), 0x5000_0000L));
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.X86_64, ctx, ram, o);

        assertThat(h.header().programHeaders().get(3).offset()).as("size differs: no override").isZero();
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void noteSizeIsCrashNotesSizeAnd1024OnlyWhereUnknown() {
        CrashContext c = SampleContexts.arm64(2);
        CrashContext ctx = new CrashContext(List.of(c.cpus().get(0), new CpuNote(1, 0xbfbc_d000L, 0)),
                c.vmcoreinfoAddress(), c.vmcoreinfoSize(), c.kernelText(), c.linearMapBase(), c.physOffset(),
                c.pageSize(), 0, List.of());
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.ARM64, ctx, SampleContexts.ranges(1),
                KexecToolsOptions.defaults(Arch.ARM64));

        assertThat(h.header().programHeaders().get(0).filesz()).isEqualTo(424);
        assertThat(h.header().programHeaders().get(1).filesz()).isEqualTo(1024);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void sizingCountsOnlyWhatKexecToolsCountsAndAlignsTo1024() {
        // 2 CPUs + vmcoreinfo + kernel text + 14 ranges = 18: 64 + 18 × 56 = 1072 → 2048
        EncodedCoreHeader two = CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(2),
                SampleContexts.ranges(14), KexecToolsOptions.defaults(Arch.ARM64));
        // without the kernel text 17 headers: 1016 → 1024 (the kernel mode would count it anyway)
        EncodedCoreHeader one = CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(2),
                SampleContexts.ranges(14), KexecToolsOptions.defaults(Arch.ARM64).withKernelText(false));
        EncodedCoreHeader paged = CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(2),
                SampleContexts.ranges(14), KexecToolsOptions.defaults(Arch.ARM64).withAlign(4096));

        assertThat(two.size()).isEqualTo(2048);
        assertThat(one.size()).isEqualTo(1024);
        assertThat(paged.size()).isEqualTo(4096);
        ElfReaders.assertRoundTrip(two);
        ElfReaders.assertRoundTrip(one);
        ElfReaders.assertRoundTrip(paged);
    }

    @Test
    void rangesPassedButNotDumpedStillCountInTheSize() {
        // x86_64 passes reserved lines too: 1 CPU + vmcoreinfo + 14 counted ranges = 16 → 64 + 16 × 56 = 960
        // fits 1024; 18 counted ranges → 1184 → 2048, though only 2 PT_LOADs are written either way
        KexecToolsOptions o = KexecToolsOptions.defaults(Arch.ARM64).withKernelText(false);
        EncodedCoreHeader fits = CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(1),
                SampleContexts.ranges(2), o.withCountedRanges(14));
        EncodedCoreHeader grows = CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(1),
                SampleContexts.ranges(2), o.withCountedRanges(18));

        assertThat(fits.size()).isEqualTo(1024);
        assertThat(grows.size()).isEqualTo(2048);
        assertThat(grows.header().phnum()).isEqualTo(4);
        ElfReaders.assertRoundTrip(grows);
    }

    @Test
    void emptyRangeAndPreservedContextVmcoreinfoAreCountedButNotWritten() {
        List<MemoryRange> ram = List.of(new MemoryRange(0, 0), new MemoryRange(0x4000_0000L, 0x4fff_ffffL));
        KexecToolsOptions o = KexecToolsOptions.defaults(Arch.ARM64).withKernelText(false).withVmcoreinfo(true, true);
        EncodedCoreHeader h = CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(1), ram, o);

        assertThat(h.header().programHeaders()).extracting(ProgramHeader::type)
                .containsExactly(ProgramHeader.PT_NOTE, ProgramHeader.PT_LOAD);
        assertThat(h.header().programHeaders().get(1).paddr()).isEqualTo(0x4000_0000L);
        ElfReaders.assertRoundTrip(h);
    }

    @Test
    void elf32RefusesValuesWiderThan32Bits() {
        List<MemoryRange> high = List.of(new MemoryRange(0x1_0000_0000L, 0x1_0fff_ffffL));

        assertThatThrownBy(() -> CoreHeaderBuilder.kexecTools(Arch.ARM, arm32(), high,
                KexecToolsOptions.defaults(Arch.ARM)))
                .isInstanceOfSatisfying(ElfException.class,
                        e -> assertThat(e.kind()).isEqualTo(ElfException.Kind.VALUE_TOO_WIDE))
                .hasMessageContaining("p_offset 0x100000000");
    }

    @Test
    void alignmentMustBeAPowerOfTwoMultipleOf1024() {
        KexecToolsOptions o = KexecToolsOptions.defaults(Arch.ARM64);
        for (long bad : new long[] {0, 512, 3072, -1024, 1L << 40}) {
            assertThatThrownBy(() -> o.withAlign(bad)).isInstanceOf(ElfException.class).hasMessageContaining("1024");
        }
    }

    @Test
    void moreThan65534ProgramHeadersAreRefused() {
        assertThatThrownBy(() -> CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(1),
                SampleContexts.ranges(65532), KexecToolsOptions.defaults(Arch.ARM64)))
                .isInstanceOfSatisfying(ElfException.class,
                        e -> assertThat(e.kind()).isEqualTo(ElfException.Kind.TOO_MANY_HEADERS));
    }

    @Test
    void defaultsFollowTheArchitecture() {
        // crashdump-ppc64.c: elf_info64.data is the host's order; ppc64le is the common host
        assertThat(KexecToolsOptions.defaults(Arch.PPC64).byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(KexecToolsOptions.defaults(Arch.PPC).byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(KexecToolsOptions.defaults(Arch.PPC64).kernelText()).isFalse();
        assertThat(KexecToolsOptions.defaults(Arch.ARM).elfClass()).isEqualTo(32);
        assertThat(KexecToolsOptions.defaults(Arch.X86_64).byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(KexecToolsOptions.defaults(Arch.X86_64).align()).isEqualTo(1024);
    }
}
