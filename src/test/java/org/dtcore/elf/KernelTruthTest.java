package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.stream.Stream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §9 against real kernels, for the encoder alone: given the inputs read by hand from each case and the
 * kernel's own RAM ranges (the answer's PT_LOADs, {@link KernelTruthCase}), {@link CoreHeaderBuilder} must
 * give the recorded elfcorehdr byte for byte. Finding those ranges from the case's inputs is checked on its
 * own by kdump/KernelTruthRangesTest, and with the bytes end to end by cli/HeaderCommandTest.
 */
class KernelTruthTest {

    static Stream<KernelTruthCase> cases() {
        return KernelTruthCase.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void encoderGivenTheKernelsOwnRangesReproducesItsBytes(KernelTruthCase c) {
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

    static Stream<Path> arm64Cases() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> KernelTruthSysroot.archOf(d) == Arch.ARM64);
    }

    /**
     * arm64 request_standard_resources() (arch/arm64/kernel/setup.c): /proc/iomem's "Kernel code" starts at
     * __pa_symbol(_stext) in 6.1 and at __pa_symbol(_text) from 6.12 (7.3 too); the kernel-text PT_LOAD is at
     * __pa_symbol(_text) = _text − kimage_voffset in every release. Read for each case from uname.txt's
     * release through {@link KernelVersion}, so a new release's case checks the rule it is given.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("arm64Cases")
    void arm64KernelCodeStartsWhereTheReleaseSays(Path dir) throws IOException {
        String release = KernelTruthSysroot.releaseOf(dir);
        long text = symbol(dir, "_text");
        long stext = symbol(dir, "_stext");
        long voffset = -1;
        for (String line : Files.readAllLines(dir.resolve("vmcoreinfo-note.txt"))) {
            if (line.startsWith("NUMBER(kimage_voffset)=")) {
                voffset = KernelTruthCase.hex(line.substring(line.indexOf('=') + 1).trim());
            }
        }
        long code = -1;
        for (String line : Files.readAllLines(dir.resolve("iomem.txt"))) {
            if (line.trim().endsWith(": Kernel code")) {
                code = KernelTruthCase.hex(line.trim().split("-")[0]);
            }
        }
        boolean atText = KernelVersion.parse(release, "uname.txt").arm64KernelCodeStartsAtText();

        assertThat(code).isEqualTo((atText ? text : stext) - voffset);
    }

    private static long symbol(Path dir, String name) throws IOException {
        for (String line : Files.readAllLines(dir.resolve("system-map.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return KernelTruthCase.hex(f[0]);
            }
        }
        throw new AssertionError(dir + "/system-map.txt has no " + name);
    }
}
