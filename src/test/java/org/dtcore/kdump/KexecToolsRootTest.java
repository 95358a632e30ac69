package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.dtcore.Given;
import org.dtcore.context.ContextSources;
import org.dtcore.context.ContextWarning;
import org.dtcore.context.NoteSizeRule;
import org.dtcore.elf.ElfReaders;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.testing.KexecToolsSysroot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** kexec-tools mode from Java (SPEC §9): the library alone reads a system root as kexec-tools does, no CLI. */
class KexecToolsRootTest {
    static final String PPC = "ppc64le-pseries-4g-kexec-tools";
    static final String ARM = "arm64-virt-2g-kexec-tools";

    private static HeaderRequest request(KexecToolsSysroot sys, ContextSources sources) {
        return HeaderRequest.kernel(KdumpInputs.of(sys.arch(), sources)).withMode(LoaderMode.KEXEC_TOOLS);
    }

    private static HeaderRequest request(KexecToolsSysroot sys) {
        return request(sys, ContextSources.NONE.withSystemRoot(SystemRoot.of(sys.root())));
    }

    @Test
    void theLibraryReproducesThePowerpcHeaderInTheHostsByteOrder(@TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build(PPC, tmp);
        long copy = Long.decode(sys.backupCopy().orElseThrow());
        HeaderResult r = HeaderPipeline.build(request(sys).withBackupOffset(copy));

        byte[] expected = Files.readAllBytes(sys.caseDir().resolve("elfcorehdr.bin"));
        assertThat(Arrays.copyOf(r.header().bytes(), expected.length)).isEqualTo(expected);
        assertThat(r.header().header().byteOrder()).as("ppc64le host").isEqualTo(ByteOrder.LITTLE_ENDIAN);
        ElfReaders.assertRoundTrip(r.header());
    }

    @Test
    void aBigEndianHostWritesBigEndian(@TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build(PPC, tmp);
        Files.writeString(sys.root().resolve(RootFile.MACHINE.path()), "ppc64\n");
        HeaderResult r = HeaderPipeline.build(request(sys).withBackupOffset(0x207e_0000L));

        assertThat(r.header().bytes()[5]).as("ELFDATA2MSB").isEqualTo((byte) 2);
        ElfReaders.assertRoundTrip(r.header());
    }

    @Test
    void aCpuWithoutCrashNotesSizeGetsMaxNoteBytes(@TempDir Path tmp) throws IOException {
        KexecToolsSysroot sys = KexecToolsSysroot.build(ARM, tmp);
        Files.delete(sys.root().resolve("sys/devices/system/cpu/cpu1/crash_notes_size"));
        HeaderResult r = HeaderPipeline.build(request(sys));

        // get_crash_notes_per_cpu: crash_notes_size when sysfs has it, MAX_NOTE_BYTES (1024) when not
        List<ProgramHeader> p = r.header().header().programHeaders();
        assertThat(p.get(0).filesz()).isEqualTo(Long.parseLong(Files.readString(
                sys.root().resolve("sys/devices/system/cpu/cpu0/crash_notes_size")).strip()));
        assertThat(p.get(1).filesz()).isEqualTo(1024);
        assertThat(r.warnings()).anyMatch(w -> w.contains("MAX_NOTE_BYTES"));
    }

    @ParameterizedTest
    @ValueSource(strings = {PPC, ARM, "riscv64-virt-2g-kexec-tools", "x86_64-pc-2g-kexec-tools"})
    void contextWarningsAboutOnlyTheKernelsHeaderAreLeftOutByTheirKind(String name, @TempDir Path tmp) {
        KexecToolsSysroot sys = KexecToolsSysroot.build(name, tmp);
        ContextSources sources = ContextSources.NONE.withSystemRoot(SystemRoot.of(sys.root()));
        if (sys.arch() == Arch.X86_64) {
            sources = sources.withSystemMap(sys.systemMap()); // kexec-tools' /proc/kcore text segment needs _end
        }
        List<ContextWarning> notices = sources.collect(sys.arch(), NoteSizeRule.kexecTools()).notices();
        HeaderResult r = HeaderPipeline.build(request(sys, sources));

        // kexec-tools writes neither the kernel's linear-map vaddrs (arm64, ppc64), its kernel text PT_LOAD
        // from kallsyms nor ppc64's ELFv2 e_flags, so defaults about those are not the user's concern here
        assertThat(notices).as("the recorded root leaves some kernel-only field to a default")
                .anyMatch(w -> w.kind() != ContextWarning.Kind.GENERAL);
        for (ContextWarning w : notices) {
            // x86_64 kexec-tools reads page_offset_base from /proc/kcore: its linear map is an input there too
            boolean used = w.kind() == ContextWarning.Kind.GENERAL
                    || w.kind() == ContextWarning.Kind.LINEAR_MAP && sys.arch() == Arch.X86_64;
            if (used) {
                assertThat(r.warnings()).contains(w.text());
            } else {
                assertThat(r.warnings()).doesNotContain(w.text());
            }
        }
    }

    @Test
    void withoutTheBackupCopyTheWarningSaysWhatToGive(@TempDir Path tmp) {
        KexecToolsSysroot sys = KexecToolsSysroot.build(PPC, tmp);
        HeaderResult r = HeaderPipeline.build(request(sys));

        assertThat(r.header().header().programHeaders().get(3).offset()).isZero();
        assertThat(r.notices()).anySatisfy(w -> {
            assertThat(w.toString()).contains("the backup region's offset not given");
            assertThat(w.inputs()).containsExactly(Given.BACKUP_OFFSET);
        });
        assertThat(sys.arch()).isEqualTo(Arch.PPC64);
    }

    @Test
    void x86sBackupPtLoadReadsFromTheCopy(@TempDir Path tmp) {
        KexecToolsSysroot sys = KexecToolsSysroot.build("x86_64-pc-2g-kexec-tools", tmp);
        HeaderResult r = HeaderPipeline.build(request(sys, ContextSources.NONE.withSystemRoot(SystemRoot.of(sys.root()))
                .withSystemMap(sys.systemMap())).withBackupOffset(0x5000_0000L));

        // get_backup_area: the first RAM line ending at or below 0xa0000 is 00001000-0009fbff
        ProgramHeader backup = r.header().header().programHeaders().stream()
                .filter(p -> p.type() == ProgramHeader.PT_LOAD && p.paddr() == 0x1000).findFirst().orElseThrow();
        assertThat(backup.offset()).isEqualTo(0x5000_0000L);
        assertThat(backup.filesz()).isEqualTo(0x9_fbffL + 1 - 0x1000);
    }
}
