package org.dtcore.elf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dtcore.testing.ExternalTool;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The head of a dump: a raw core header against the head of the vmcore the capture kernel made of it (every
 * recorded case), the vmcore's merged notes against {@code readelf -n}, and the bounds of the read.
 */
class DumpHeadTest {
    /** readelf -nW: "  CORE                 0x00000188\tNT_PRSTATUS (prstatus structure)". */
    private static final Pattern NOTE = Pattern.compile("^\\s+(\\S+)\\s+0x([0-9a-f]+)\\s", Pattern.MULTILINE);

    @TempDir
    Path tmp;

    static Stream<Path> cases() {
        return KernelTruthSysroot.caseDirs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void aRawHeaderHasItsNotesAtTheirAddressesAVmcoreMergesThem(Path dir) throws IOException {
        DumpHead raw = DumpHead.read(dir.resolve("elfcorehdr.bin"));
        DumpHead vmcore = DumpHead.read(dir.resolve("vmcore-head.bin"));

        assertThat(raw.form()).isEqualTo(DumpHead.Form.ELF_CORE_HEADER);
        assertThat(raw.notes()).isEmpty();
        assertThat(raw.vmcoreinfoText()).isEmpty();
        assertThat(vmcore.form()).isEqualTo(DumpHead.Form.VMCORE);
        // the capture kernel keeps every PT_LOAD's place and size (README: only p_offset is rewritten)
        assertThat(vmcore.loads()).extracting(ProgramHeader::paddr, ProgramHeader::vaddr, ProgramHeader::memsz)
                .containsExactlyElementsOf(raw.loads().stream().map(p -> org.assertj.core.groups.Tuple.tuple(
                        p.paddr(), p.vaddr(), p.memsz())).toList());

        // the merged notes, as readelf lists them
        List<String> expected = new ArrayList<>();
        Matcher m = NOTE.matcher(ExternalTool.output("readelf", "-nW", dir.resolve("vmcore-head.bin").toString()));
        while (m.find()) {
            if (!m.group(1).equals("Owner")) {
                expected.add(m.group(1) + " " + Long.parseLong(m.group(2), 16));
            }
        }
        assertThat(vmcore.notes()).extracting(n -> n.name() + " " + n.descSize()).containsExactlyElementsOf(expected);
        String release = Files.readString(dir.resolve("uname.txt")).trim().split("\\s+")[2];
        assertThat(vmcore.osrelease()).contains(release);
        assertThat(vmcore.notes().stream().filter(DumpHead.Note::isCpu).count())
                .isEqualTo(Files.readAllLines(dir.resolve("crash_notes.tsv")).stream().filter(l -> !l.isBlank())
                        .count());
    }

    @Test
    void theArchitectureIsTheHeadersMachine() throws IOException {
        for (Path dir : KernelTruthSysroot.caseDirs()) {
            assertThat(DumpHead.read(dir.resolve("elfcorehdr.bin")).arch()).as(dir.toString())
                    .contains(KernelTruthSysroot.archOf(dir));
        }
    }

    /** Of a vmcore of any size only the head is read: its data may be gigabytes (here a sparse 4 GiB file). */
    @Test
    void onlyTheHeadOfABigVmcoreIsRead() throws IOException {
        Path dir = KernelTruthSysroot.TRUTH.resolve(KernelTruthSysroot.ARM64);
        Path big = tmp.resolve("vmcore");
        Files.write(big, Files.readAllBytes(dir.resolve("vmcore-head.bin")));
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength(4L << 30);
        }
        DumpHead d = DumpHead.read(big);

        assertThat(d.form()).isEqualTo(DumpHead.Form.VMCORE);
        assertThat(d.osrelease()).contains("6.1.192-kt");
    }

    @Test
    void aMergedNoteThatRunsPastItsPtNoteIsRefusedWithItsOffset() throws IOException {
        byte[] head = Files.readAllBytes(KernelTruthSysroot.TRUTH.resolve(KernelTruthSysroot.ARM64)
                .resolve("vmcore-head.bin"));
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long noteAt = b.getLong(64 + 8); // the merged PT_NOTE is program header 0: its p_offset
        b.putInt((int) noteAt + 4, 0x7fff_0000); // the first note's descriptor size, far past the PT_NOTE

        ElfException e = catchThrowableOfType(ElfException.class, () -> DumpHead.read(head, "vmcore"));
        assertThat(e.kind()).isEqualTo(ElfException.Kind.TRUNCATED);
        assertThat(e.offset()).isEqualTo(noteAt);
        assertThat(e.oneLine()).startsWith("offset " + "0x" + Long.toHexString(noteAt));
    }
}
