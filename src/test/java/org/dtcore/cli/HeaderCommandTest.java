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
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** `dtcore header` end to end: the real kernels' bytes, the readers' agreement, safe output (SPEC §9, §12). */
class HeaderCommandTest {
    private static final Path SAMPLE = Path.of("fdt-samples/qemu-arm64-virt-numa.dtb");

    /** Every kernel-built case of ../shared/kernel-truth (kexec-tools' cases are the kexec-tools mode's). */
    static List<Path> kernelCases() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> !Files.exists(d.resolve("kexec-load.log"))).toList();
    }

    /**
     * The bar: through the CLI, from a copy of the system's files (the real /proc/kallsyms, which
     * lacks _end, plus the kernel's System.map as a user gives it), exactly the kernel's 4096-byte buffer.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelCases")
    void reproducesTheRealKernelsHeaderFromItsSystemRoot(Path caseDir, @TempDir Path tmp) throws IOException {
        KernelTruthSysroot sys = KernelTruthSysroot.build(caseDir, tmp);
        Path out = tmp.resolve("elfcorehdr");
        List<String> args = new ArrayList<>(List.of("header", "--sysroot", sys.root().toString(),
                "--arch", sys.arch().cliName(), "--system-map", sys.systemMap().toString(), "-o", out.toString()));
        sys.backupOffset().ifPresent(o -> args.addAll(List.of("--backup-region-offset", "0x" + Long.toHexString(o))));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        assertThat(CoreHeaderReader.read(bytes)).isEqualTo(CoreHeaderReader.read(sys.expectedSegment()));
        assertThat(bytes).isEqualTo(sys.expectedSegment());
        ElfReaders.assertAllRead(bytes, CoreHeaderReader.read(bytes).programHeaders());
        assertThat(r.err()).doesNotContain("crashkernel= gives no offset").doesNotContain("kernel release unknown");
    }

    /** Without --system-map the real kallsyms (no _end) cannot place the kernel text: left out, and said so. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kernelCases")
    void realKallsymsAloneLosesTheKernelTextAndSaysWhichArchitecture(Path caseDir, @TempDir Path tmp) {
        KernelTruthSysroot sys = KernelTruthSysroot.build(caseDir, tmp);
        Path out = tmp.resolve("elfcorehdr");
        List<String> args = new ArrayList<>(List.of("header", "--sysroot", sys.root().toString(),
                "--arch", sys.arch().cliName(), "-o", out.toString()));
        sys.backupOffset().ifPresent(o -> args.addAll(List.of("--backup-region-offset", "0x" + Long.toHexString(o))));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        if (sys.kernelMap()) {
            assertThat(r.err()).containsPattern("lacks (_text, )?_end").contains(sys.arch() + "'s kernel-text PT_LOAD")
                    .contains("--system-map");
        }
        for (org.dtcore.memory.Arch other : org.dtcore.memory.Arch.values()) {
            if (other != sys.arch()) {
                assertThat(r.err()).doesNotContain(other + "'s kernel-text");
            }
        }
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
    void aBadKernelReleaseIsOneLine(@TempDir Path tmp) {
        CliRun r = CliRun.of("header", SAMPLE.toString(), "--arch", "arm64", "--kernel-version", "linux",
                "-o", tmp.resolve("h").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("--kernel-version")
                .contains("MAJOR.MINOR");
    }

    /** A tree whose memory reg sizes are 0 (filled in by the boot loader) gives no dump, and says why. */
    @Test
    void aTreeWithoutRamIsRefused(@TempDir Path tmp) throws IOException {
        Path dtb = DtsBoard.compile(tmp, "noram", "/ { #address-cells = <2>; #size-cells = <2>;\n"
                + "  memory@40000000 { device_type = \"memory\"; reg = <0x0 0x40000000 0x0 0x0>; };\n};\n");
        Path out = tmp.resolve("h");
        CliRun r = CliRun.of("header", dtb.toString(), "--arch", "arm64", "--cpu-note", "0,0x1000",
                "--vmcoreinfo", "0x2000", "-o", out.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("dtcore: " + dtb).contains("size 0");
        assertThat(Files.exists(out)).isFalse();
    }

    @Test
    void missingContextSaysWhatToSupply(@TempDir Path tmp) {
        CliRun r = CliRun.of("header", SAMPLE.toString(), "--arch", "arm64", "-o", tmp.resolve("h").toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("--cpu-note");
    }

    /** x86_64 takes its RAM from /proc/iomem (SPEC §8): the first MiB and the crash kernel are left out. */
    @Test
    void x86SystemRootFromProcIomem(@TempDir Path tmp) throws IOException {
        Path root = tmp.resolve("x86");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/iomem"), String.join("\n",
                "00000000-00000fff : Reserved",
                "00001000-0009fbff : System RAM",
                "000a0000-000fffff : Reserved",
                "00100000-bffdffff : System RAM",
                "  01000000-01e0275e : Kernel code",
                "  01e02760-0265e0bf : Kernel data",
                "  a9000000-b8ffffff : Crash kernel",
                "100000000-13fffffff : System RAM", ""));
        Files.writeString(root.resolve("proc/kallsyms"), String.join("\n",
                "ffffffff81000000 T _text", "ffffffff81000000 T _stext", "ffffffff83400000 B _end", ""));
        Files.createDirectories(root.resolve("sys/kernel"));
        Files.writeString(root.resolve("sys/kernel/vmcoreinfo"), "0x000000013ff00000 1024\n");
        for (int cpu = 0; cpu < 2; cpu++) {
            Path d = root.resolve("sys/devices/system/cpu/cpu" + cpu);
            Files.createDirectories(d);
            Files.writeString(d.resolve("crash_notes"), Long.toHexString(0x13fe00000L + cpu * 0x1000L) + "\n");
            Files.writeString(d.resolve("crash_notes_size"), "368\n");
        }
        Path out = tmp.resolve("hdr");
        CliRun r = CliRun.of("header", "--sysroot", root.toString(), "--arch", "x86_64", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);
        CoreHeader h = CoreHeaderReader.read(bytes);
        assertThat(h.machine()).isEqualTo(62);
        List<ProgramHeader> loads = h.programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_LOAD).toList();
        // kernel map first (physical _text = Kernel code start), then RAM minus [0, 1 MiB) and the crash kernel
        assertThat(loads).extracting(ProgramHeader::paddr)
                .containsExactly(0x1000000L, 0x100000L, 0xb9000000L, 0x100000000L);
        assertThat(loads.get(0).vaddr()).isEqualTo(0xffffffff81000000L);
        assertThat(loads.get(1).filesz()).isEqualTo(0xa9000000L - 0x100000L);
        assertThat(loads.get(1).vaddr()).isEqualTo(0xffff888000000000L + 0x100000L);
        assertThat(h.programHeaders().get(0).filesz()).isEqualTo(368);
        ElfReaders.assertAllRead(bytes, h.programHeaders());
    }
}
