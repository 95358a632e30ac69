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
import org.dtcore.memory.Arch;
import org.dtcore.testing.KexecToolsSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `dtcore header --mode kexec-tools` against the headers kexec-tools really wrote (../shared/kernel-truth/
 * *-kexec-tools, SPEC §9 kexec-tools mode): through the CLI, from a system root built from each case's files.
 */
class KexecToolsTruthTest {

    static List<String> cases() {
        return KexecToolsSysroot.names();
    }

    @Test
    void theSharedCasesAreFound() {
        assertThat(cases()).contains("arm64-virt-2g-kexec-tools", "ppc64le-pseries-4g-kexec-tools",
                "riscv64-virt-2g-kexec-tools", "x86_64-pc-2g-kexec-tools");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheHeaderKexecToolsWrote(String name, @TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build(name, tmp);
        Path out = tmp.resolve("elfcorehdr");
        List<String> args = new ArrayList<>(List.of("header", "--mode", "kexec-tools", "--sysroot",
                sys.root().toString(), "--arch", sys.arch().cliName(), "-o", out.toString()));
        sys.backupCopy().ifPresent(a -> args.addAll(List.of("--backup-region-offset", a)));
        if (sys.arch() == Arch.X86_64) {
            // x86_64 kexec-tools reads the kernel's mapping from /proc/kcore's text segment [_text, _end),
            // which a copy of /proc does not hold; the System.map gives the same two symbols
            args.addAll(List.of("--system-map", sys.systemMap().toString()));
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertThat(r.status()).as(r.err()).isZero();
        byte[] bytes = Files.readAllBytes(out);

        // kexec-tools rounds its buffer up to ELF_CORE_HEADER_ALIGN (1 KiB); arm64 and riscv64 hand that size
        // to the capture kernel (linux,elfcorehdr), the others only the address, and 64 KiB were read back
        assertThat(bytes.length % 1024).isZero();
        if (sys.arch() == Arch.ARM64 || sys.arch() == Arch.RISCV64) {
            assertThat(bytes.length).isEqualTo(sys.recordedSize());
        } else {
            assertThat(bytes.length).isLessThanOrEqualTo(sys.recordedSize());
        }
        assertThat(bytes).isEqualTo(sys.expectedSegment(bytes.length));
        ElfReaders.assertAllRead(bytes, CoreHeaderReader.read(bytes).programHeaders());
        assertThat(r.err()).contains("(kexec-tools)");
    }

    /** get_crash_notes_per_cpu: a given note size is kept; 1024 (MAX_NOTE_BYTES) only where none is known. */
    @Test
    void cpuNoteSizesFromTheCommandLineAreKept(@TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build("arm64-virt-2g-kexec-tools", tmp);
        Path out = tmp.resolve("hdr");
        CliRun r = CliRun.of("header", "--mode", "kexec-tools", "--sysroot", sys.root().toString(), "--arch", "arm64",
                "--cpu-note", "0,0xbfbbd000,424", "--cpu-note", "1,0xbfbcd000", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        CoreHeader h = CoreHeaderReader.read(Files.readAllBytes(out));

        assertThat(h.programHeaders().get(0).filesz()).isEqualTo(424);
        assertThat(h.programHeaders().get(1).filesz()).isEqualTo(1024);
        assertThat(r.out()).contains("kexec-tools mode");
    }

    @Test
    void withoutASystemRootTheKernelsRangesAreUsedAndSaidSo(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("hdr");
        CliRun r = CliRun.of("header", "fdt-samples/qemu-arm64-virt-numa.dtb", "--arch", "arm64", "--mode",
                "kexec-tools", "--crashkernel", "256M@0x60000000", "--cpu-note", "0,0x13fb00000,424",
                "--cpu-note", "1,0x13fb10000", "--vmcoreinfo", "0x40a34000", "-o", out.toString());
        assertThat(r.status()).as(r.err()).isZero();
        CoreHeader h = CoreHeaderReader.read(Files.readAllBytes(out));

        assertThat(h.programHeaders().get(0).filesz()).isEqualTo(424);
        assertThat(h.programHeaders().get(1).filesz()).as("no size given: MAX_NOTE_BYTES").isEqualTo(1024);
        assertThat(r.err()).contains("the ranges follow the kernel's rules");
    }
}
