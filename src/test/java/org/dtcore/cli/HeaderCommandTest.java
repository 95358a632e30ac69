package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ElfReaders;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.testing.KernelTruthSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `dtcore header` end to end: the real kernels' bytes, the readers' agreement, safe output (SPEC §9, §12). */
class HeaderCommandTest {
    private static final Path SAMPLE = Path.of("fdt-samples/qemu-arm64-virt-numa.dtb");

    static List<String> cases() {
        return KernelTruthSysroot.names();
    }

    /** The bar: through the CLI, from a copy of the system's files, exactly the kernel's bytes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheRealKernelsHeaderFromItsSystemRoot(String name, @TempDir Path tmp) throws IOException {
        KernelTruthSysroot sys = KernelTruthSysroot.build(name, tmp);
        Path out = tmp.resolve("elfcorehdr");
        List<String> args = new ArrayList<>(List.of("header", "--sysroot", sys.root().toString(),
                "--arch", sys.arch().cliName(), "-o", out.toString()));
        sys.backupOffset().ifPresent(o -> args.addAll(List.of("--backup-region-offset", "0x" + Long.toHexString(o))));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        assertThat(bytes).isEqualTo(sys.expectedSegment());
        ElfReaders.assertAllRead(bytes, CoreHeaderReader.read(bytes).programHeaders());
        assertThat(r.err()).doesNotContain("crashkernel= gives no offset");
    }

    @Test
    void boardWithExplicitContextIsReadAlikeByThreeReaders(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("hdr");
        CliRun r = CliRun.of("header", SAMPLE.toString(), "--arch", "arm64", "--crashkernel", "256M@0x60000000",
                "--cpu-note", "0,0x13fb00000", "--cpu-note", "1,0x13fb10000", "--vmcoreinfo", "0x40a34000",
                "--kernel-text", "0xffff800008000000,0x40200000,0x4c0000", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("7 program headers (3 PT_NOTE, 4 PT_LOAD), 4096 bytes");
        byte[] bytes = Files.readAllBytes(out);
        CoreHeader h = CoreHeaderReader.read(bytes);
        // two NUMA nodes stay two PT_LOADs; the crash kernel splits node 0's
        assertThat(h.programHeaders()).filteredOn(p -> p.type() == ProgramHeader.PT_LOAD).extracting(ProgramHeader::paddr)
                .containsExactly(0x40200000L, 0x40000000L, 0x70000000L, 0xc0000000L);
        assertThat(h.programHeaders().get(0).filesz()).isEqualTo(424); // arm64 note size default
        ElfReaders.assertAllRead(bytes, h.programHeaders());
    }

    @Test
    void kexecToolsModeWritesBigEndianElf32ForPpc32(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("hdr32");
        CliRun r = CliRun.of("header", "fdt-samples/qemu-ppce500.dtb", "--arch", "ppc", "--mode", "kexec-tools",
                "--crashkernel", "64M@0x10000000", "--cpu-note", "0,0x3f000000,1024", "--vmcoreinfo", "0x3f100000,0x1024",
                "--lowmem-limit", "0x30000000", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        CoreHeader h = CoreHeaderReader.read(bytes);
        assertThat(h.elfClass()).isEqualTo(32);
        assertThat(h.byteOrder()).isEqualTo(java.nio.ByteOrder.BIG_ENDIAN);
        assertThat(bytes.length % 1024).isZero();
        ElfReaders.assertAllRead(bytes, h.programHeaders());
    }

    @Test
    void refusesToWriteOverItsInput(@TempDir Path tmp) throws IOException {
        Path input = tmp.resolve("board.dtb");
        Files.copy(SAMPLE, input);
        byte[] before = Files.readAllBytes(input);
        CliRun r = CliRun.of("header", input.toString(), "--arch", "arm64", "--cpu-note", "0,0x1000",
                "--vmcoreinfo", "0x2000", "-o", input.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to write over the input");
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }

    @Test
    void failureLeavesThePreviousOutputUntouched(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("hdr");
        Files.writeString(out, "the header from yesterday");
        Path bad = tmp.resolve("bad.dtb");
        Files.write(bad, new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed, 0, 0, 0, 1});
        CliRun r = CliRun.of("header", bad.toString(), "--arch", "arm64", "-o", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("dtcore: " + bad);
        assertThat(Files.readString(out)).isEqualTo("the header from yesterday");
        try (var s = Files.list(tmp)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("hdr", "bad.dtb");
        }
    }

    @Test
    void missingContextSaysWhatToSupply(@TempDir Path tmp) {
        CliRun r = CliRun.of("header", SAMPLE.toString(), "--arch", "arm64", "-o", tmp.resolve("h").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("--cpu-note");
    }
}
