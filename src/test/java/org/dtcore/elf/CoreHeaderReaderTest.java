package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.dtcore.memory.Arch;
import org.junit.jupiter.api.Test;

/** The reader: every class and byte order, extended numbering, and hostile input (STYLE "From libfdt"). */
class CoreHeaderReaderTest {

    /** The real arm64 kernel's header segment (arm64-virt-2g's elfcorehdr.bin, then zeros to 4096 bytes). */
    private static byte[] armCore() {
        KernelTruthCase c = KernelTruthCase.arm64();
        return Arrays.copyOf(c.expectedHeader(), c.segmentSize());
    }

    private static ElfException readFails(byte[] data) {
        Throwable t = catchThrowable(() -> CoreHeaderReader.read(data));
        assertThat(t).isInstanceOf(ElfException.class);
        return (ElfException) t;
    }

    @Test
    void readsEveryBuilderModeBack() {
        var thirtyTwo = SampleContexts.with(SampleContexts.arm64(2), 0xc000_0000L, 0x4000_0000L, 0);
        List<EncodedCoreHeader> built = List.of(
                KernelTruthCase.ppc64le().build(),
                CoreHeaderBuilder.kexecTools(Arch.ARM64, SampleContexts.arm64(2), SampleContexts.ranges(3),
                        KexecToolsOptions.defaults(Arch.ARM64)),
                CoreHeaderBuilder.kexecTools(Arch.PPC64, SampleContexts.arm64(2), SampleContexts.ranges(3),
                        KexecToolsOptions.defaults(Arch.PPC64).withByteOrder(java.nio.ByteOrder.BIG_ENDIAN)),
                CoreHeaderBuilder.kexecTools(Arch.ARM, thirtyTwo, SampleContexts.ranges(3),
                        KexecToolsOptions.defaults(Arch.ARM).withKernelText(false)),
                CoreHeaderBuilder.kexecTools(Arch.PPC, thirtyTwo, SampleContexts.ranges(3),
                        KexecToolsOptions.defaults(Arch.PPC).withLowmemLimit(0x3000_0000L)));
        for (EncodedCoreHeader h : built) {
            ElfReaders.assertRoundTrip(h);
        }
    }

    @Test
    void everyTruncationIsAnElfExceptionWithAnOffset() {
        byte[] full = armCore();
        int needed = 64 + 6 * 56;
        for (int len = 0; len < needed; len++) {
            ElfException e = readFails(Arrays.copyOf(full, len));
            assertThat(e.kind()).as("length %d", len).isEqualTo(ElfException.Kind.TRUNCATED);
            assertThat(e.offset()).isNotNegative();
            assertThat(e.location()).startsWith("offset 0x");
        }
        assertThat(CoreHeaderReader.read(Arrays.copyOf(full, needed)).phnum()).isEqualTo(6);
    }

    @Test
    void badIdentificationBytesAreNamedAtTheirOffset() {
        byte[] magic = armCore();
        magic[1] = 'X';
        byte[] cls = armCore();
        cls[4] = 3;
        byte[] data = armCore();
        data[5] = 0;
        byte[] version = armCore();
        version[6] = 2;

        assertThat(readFails(magic)).extracting(ElfException::kind, ElfException::offset)
                .containsExactly(ElfException.Kind.BAD_MAGIC, 0L);
        assertThat(readFails(cls)).extracting(ElfException::kind, ElfException::offset)
                .containsExactly(ElfException.Kind.BAD_CLASS, 4L);
        assertThat(readFails(data)).extracting(ElfException::kind, ElfException::offset)
                .containsExactly(ElfException.Kind.BAD_DATA, 5L);
        assertThat(readFails(version)).extracting(ElfException::kind, ElfException::offset)
                .containsExactly(ElfException.Kind.BAD_VERSION, 6L);
    }

    @Test
    void programHeaderSizeMustMatchTheClass() {
        byte[] b = armCore();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(54, (short) 32);

        ElfException e = readFails(b);
        assertThat(e.kind()).isEqualTo(ElfException.Kind.BAD_LAYOUT);
        assertThat(e.oneLine()).isEqualTo("offset 0x36: e_phentsize 32 is not 56 for ELF64");
    }

    @Test
    void absurdCountsAndOffsetsFailWithoutAllocating() {
        byte[] count = armCore();
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xfffe);
        byte[] offset = armCore();
        ByteBuffer.wrap(offset).order(ByteOrder.LITTLE_ENDIAN).putLong(32, -8L);

        assertThat(readFails(count)).extracting(ElfException::kind, ElfException::offset)
                .containsExactly(ElfException.Kind.TRUNCATED, 0x20L);
        assertThat(readFails(offset).getMessage()).contains("0xfffffffffffffff8");
    }

    @Test
    void otherElfTypesAreReadAndReported() {
        byte[] b = armCore();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(16, (short) 2);

        CoreHeader h = CoreHeaderReader.read(b);
        assertThat(h.type()).isEqualTo(2);
        assertThat(h.isCore()).isFalse();
        assertThat(h.phnum()).isEqualTo(6);
        // SPEC §9: what /proc/vmcore accepts is stricter
        assertThat(catchThrowable(() -> CoreHeaderReader.readVmcore(b))).isInstanceOfSatisfying(ElfException.class,
                e -> assertThat(e.oneLine()).isEqualTo("offset 0x10: e_type 2 is not ET_CORE (4)"));
        assertThat(CoreHeaderReader.readVmcore(armCore()).phnum()).isEqualTo(6);
    }

    @Test
    void vmcoreRefusesElf32AndEmptyTables() {
        EncodedCoreHeader built = CoreHeaderBuilder.kexecTools(Arch.ARM,
                SampleContexts.with(SampleContexts.arm64(1), 0xc000_0000L, 0x4000_0000L, 0), List.of(),
                KexecToolsOptions.defaults(Arch.ARM).withKernelText(false));
        byte[] elf32 = built.bytes();
        byte[] empty = armCore();
        ByteBuffer.wrap(empty).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0);

        assertThat(CoreHeaderReader.read(empty).phnum()).isZero();
        for (byte[] b : List.of(elf32, empty)) {
            assertThat(catchThrowable(() -> CoreHeaderReader.readVmcore(b))).isInstanceOfSatisfying(
                    ElfException.class, e -> assertThat(e.kind()).isEqualTo(ElfException.Kind.NOT_VMCORE));
        }
        ElfReaders.assertRoundTrip(built);
    }

    @Test
    void garbageAndSingleByteDamageNeverThrowAnythingButElfException() {
        Random random = new Random(0x5eed);
        byte[] good = armCore();
        for (int i = 0; i < 20_000; i++) {
            byte[] b;
            if (i % 2 == 0) {
                b = new byte[random.nextInt(600)];
                random.nextBytes(b);
                if (b.length >= 4) {
                    b[0] = 0x7f;
                    b[1] = 'E';
                    b[2] = 'L';
                    b[3] = 'F';
                }
            } else {
                b = Arrays.copyOf(good, 64 + random.nextInt(good.length - 64));
                b[random.nextInt(64)] = (byte) random.nextInt(256);
            }
            byte[] input = b;
            try {
                CoreHeaderReader.read(input);
            } catch (ElfException expected) {
                assertThat(expected.offset()).isNotNegative();
            }
        }
    }

    @Test
    void extendedNumberingTakesTheCountFromSectionHeaderZero() {
        // gABI PN_XNUM: 70000 program headers, e_phnum 0xffff, sh_info of section header 0 holds the count
        int count = 70_000;
        List<ProgramHeader> phdrs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long paddr = 0x4000_0000L + 0x1000L * i;
            phdrs.add(ProgramHeader.load(paddr, 0xffff_0000_0000_0000L + paddr, paddr, 0x1000));
        }
        byte[] b = pnXnumFile(phdrs);

        CoreHeader h = CoreHeaderReader.read(b);
        assertThat(h.extendedNumbering()).isTrue();
        assertThat(h.rawPhnum()).isEqualTo(CoreHeader.PN_XNUM);
        assertThat(h.programHeaders()).isEqualTo(phdrs);
        ElfReaders.assertAllRead(b, phdrs);
    }

    @Test
    void extendedNumberingWithoutItsSectionHeaderIsAClearError() {
        List<ProgramHeader> phdrs = List.of(ProgramHeader.note(0x1000, 0x100));
        byte[] full = pnXnumFile(phdrs);
        byte[] cut = Arrays.copyOf(full, full.length - 1);
        byte[] noShoff = full.clone();
        ByteBuffer.wrap(noShoff).order(ByteOrder.LITTLE_ENDIAN).putLong(40, 0);

        assertThat(CoreHeaderReader.read(full).programHeaders()).isEqualTo(phdrs);
        assertThat(readFails(cut)).extracting(ElfException::kind, ElfException::offset)
                .containsExactly(ElfException.Kind.TRUNCATED, 0x28L);
        assertThatThrownBy(() -> CoreHeaderReader.read(noShoff)).isInstanceOf(ElfException.class)
                .hasMessageContaining("PN_XNUM");
    }

    /** ELF64 LE core: Ehdr, the table, then one section header (SHT_NULL) whose sh_info is the count. */
    private static byte[] pnXnumFile(List<ProgramHeader> phdrs) {
        CoreHeader model = new CoreHeader(64, ByteOrder.LITTLE_ENDIAN, 0, CoreHeader.ET_CORE, 183, 1, 0, 64, 0, 0,
                64, 56, CoreHeader.PN_XNUM, 0, 0, 0, phdrs);
        int shoff = 64 + 56 * phdrs.size();
        byte[] b = Arrays.copyOf(CoreHeaderEncoder.encode(model, shoff), shoff + 64);
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        bb.putLong(40, shoff);
        bb.putShort(58, (short) 64);
        bb.putShort(60, (short) 1);
        bb.putInt(shoff + 44, phdrs.size());
        return b;
    }
}
