package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §9 against real kernels: the builder must give the recorded elfcorehdr byte for byte. */
class KernelTruthTest {

    static Stream<KernelTruthCase> cases() {
        return KernelTruthCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void builderReproducesTheKernelsSegmentExactly(KernelTruthCase c) {
        byte[] built = c.build().bytes();

        // the recorded file is Ehdr + e_phnum headers; the 4096-byte segment is zero after that
        byte[] expected = Arrays.copyOf(c.expectedHeader(), c.segmentSize());
        assertThat(built).hasSize(4096).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void ourReaderAndTheReferenceReadersAgreeWithTheModel(KernelTruthCase c) {
        EncodedCoreHeader h = c.build();

        assertThat(CoreHeaderReader.read(h.bytes())).isEqualTo(h.header());
        assertThat(CoreHeaderReader.read(c.expectedHeader())).isEqualTo(h.header());
        ElfReaders.assertAllRead(h.bytes(), h.header().programHeaders());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void notesAndLoadsCarryNoAlignmentAndOnlyLoadsCarryFlags(KernelTruthCase c) {
        // SPEC §9, checked on the recorded bytes themselves rather than on our builder
        for (ProgramHeader p : CoreHeaderReader.read(c.expectedHeader()).programHeaders()) {
            assertThat(p.align()).isZero();
            assertThat(p.filesz()).isEqualTo(p.memsz());
            assertThat(p.flags()).isEqualTo(p.type() == ProgramHeader.PT_LOAD ? ProgramHeader.PF_RWX : 0);
            if (p.type() == ProgramHeader.PT_NOTE) {
                assertThat(p.vaddr()).isZero();
                assertThat(p.offset()).isEqualTo(p.paddr());
            }
        }
    }
}
