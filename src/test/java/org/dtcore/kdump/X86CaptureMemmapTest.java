package org.dtcore.kdump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.capture.CaptureException;
import org.dtcore.capture.E820Entry;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.PartialContext;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The x86_64 capture kernel's e820 map (SPEC §11) on a machine the recorded ones are not: ACPI tables and
 * NVS, a reserved region nested in a PCI window, crashkernel-low beside the crash kernel. Each expected
 * entry is worked out here from the rules of arch/x86/kernel/crash.c crash_setup_memmap_entries() and
 * kexec-tools 2.0.25 kexec/arch/i386/crashdump-x86.c load_crashdump_segments().
 */
class X86CaptureMemmapTest {
    static final long MIB = 1L << 20;
    // the machine, as its /proc/iomem below says
    static final MemoryRange LOW_RAM = new MemoryRange(0x1000, 0x9fbff);
    static final MemoryRange RAM_32 = new MemoryRange(0x10_0000, 0x7fed_ffffL);
    static final MemoryRange RAM_HIGH = new MemoryRange(0x1_0000_0000L, 0x2_7fff_ffffL);
    static final MemoryRange ACPI = new MemoryRange(0x7fee_0000L, 0x7fef_ffffL);
    static final MemoryRange NVS = new MemoryRange(0x7ff0_0000L, 0x7fff_ffffL);
    static final MemoryRange CRASH_LOW = new MemoryRange(0x3000_0000L, 0x3fff_ffffL);
    static final MemoryRange CRASH = new MemoryRange(0x2_0000_0000L, 0x2_3fff_ffffL);
    static final List<MemoryRange> RESERVED = List.of(new MemoryRange(0, 0xfff), new MemoryRange(0x9fc00, 0x9ffff),
            new MemoryRange(0xf0000, 0xfffff), new MemoryRange(0xfe00_0000L, 0xfe00_ffffL),
            new MemoryRange(0xfffc_0000L, 0xffff_ffffL));
    static final String IOMEM = """
            00000000-00000fff : Reserved
            00001000-0009fbff : System RAM
            0009fc00-0009ffff : Reserved
            000a0000-000bffff : PCI Bus 0000:00
            000f0000-000fffff : Reserved
              000f0000-000fffff : System ROM
            00100000-7fedffff : System RAM
              01000000-01ffffff : Kernel code
              30000000-3fffffff : Crash kernel
            7fee0000-7fefffff : ACPI Tables
            7ff00000-7fffffff : ACPI Non-volatile Storage
            80000000-febfffff : PCI Bus 0000:00
              fe000000-fe00ffff : Reserved
            fffc0000-ffffffff : Reserved
            100000000-27fffffff : System RAM
              200000000-23fffffff : Crash kernel
            """;

    @TempDir
    Path tmp;
    Path iomem;

    @BeforeEach
    void write() throws IOException {
        iomem = tmp.resolve("iomem");
        Files.writeString(iomem, IOMEM);
    }

    private KdumpInputs inputs(String release) {
        PartialContext two = PartialContext.EMPTY.withCpus(List.of(new CpuNote(0, 0x7000_0000L, 368),
                new CpuNote(1, 0x7010_0000L, 368))).withVmcoreinfo(0x2000000L, 0x1024L);
        return new KdumpInputs(Arch.X86_64, iomem, ContextSources.NONE.withOptions(two), List.of(), null, release);
    }

    private static List<String> lines(List<E820Entry> entries) {
        return entries.stream().map(E820Entry::line).toList();
    }

    private static String line(MemoryRange r, String type) {
        return "0x" + Long.toHexString(r.start()) + " 0x" + Long.toHexString(r.end()) + " " + type;
    }

    /**
     * crash_setup_memmap_entries(), in its order: the System RAM of the first MiB; ACPI tables; NVS; every
     * "Reserved" resource (the walk also finds the one inside the PCI window); crashkernel-low whole; the
     * crash kernel from the end of the header segment (elfcorehdr at its start).
     */
    private static List<String> kernelBootParams(long headerSize) {
        List<String> out = new ArrayList<>();
        out.add(line(LOW_RAM, "System RAM"));
        out.add(line(ACPI, "ACPI Tables"));
        out.add(line(NVS, "ACPI Non-volatile Storage"));
        RESERVED.forEach(r -> out.add(line(r, "Reserved")));
        out.add(line(CRASH_LOW, "System RAM"));
        out.add(line(new MemoryRange(CRASH.start() + headerSize, CRASH.end()), "System RAM"));
        return out;
    }

    /** The kernel's crash memory ranges: System RAM less the first MiB and both crash kernels: 4 here. */
    static final int RANGES = 4;

    @Test
    void linux612LeavesOutElfHeadersSzForHotplug() {
        // crash_load_segments(): Ehdr + (ranges + 2 + NR_CPUS_DEFAULT 64) program headers of 56 bytes
        long size = 64 + (RANGES + 2 + 64) * 56L;

        CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(inputs("6.12.117")));

        assertThat(r.memmap().headerSegment()).isEqualTo(size).isEqualTo(0xf90);
        assertThat(lines(r.memmap().bootParams())).containsExactlyElementsOf(kernelBootParams(size));
        assertThat(r.memmap().commandLine()).containsExactly("elfcorehdr=0x" + Long.toHexString(CRASH.start()));
        // what the capture kernel keeps: sorted by address, nothing touching of one type
        List<String> sorted = new ArrayList<>(List.of(line(RESERVED.get(0), "Reserved"), line(LOW_RAM, "System RAM"),
                line(RESERVED.get(1), "Reserved"), line(RESERVED.get(2), "Reserved"), line(CRASH_LOW, "System RAM"),
                line(ACPI, "ACPI Tables"), line(NVS, "ACPI Non-volatile Storage"), line(RESERVED.get(3), "Reserved"),
                line(RESERVED.get(4), "Reserved"), line(new MemoryRange(CRASH.start() + size, CRASH.end()),
                        "System RAM")));
        assertThat(lines(r.memmap().map())).containsExactlyElementsOf(sorted);
    }

    @Test
    void linux61LeavesOutTheWholeHeaderBuffer() {
        // crash_prepare_elf64_headers(): ALIGN(Ehdr + (2 CPUs + vmcoreinfo + ranges + kernel map) × 56, 4096)
        long buffer = (64 + (2 + 1 + RANGES + 1) * 56L + 4095) & -4096L;

        CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(inputs("6.1.192")));

        assertThat(r.memmap().headerSegment()).isEqualTo(buffer).isEqualTo(0x1000);
        assertThat(lines(r.memmap().bootParams())).containsExactlyElementsOf(kernelBootParams(buffer));
    }

    @Test
    void linux73HandsTheCrashKernelCmaOverAsRam() {
        MemoryRange cma = new MemoryRange(0x2_6000_0000L, 0x2_6fff_ffffL);
        // CMA splits the high RAM once more: 5 ranges
        long size = 64 + (RANGES + 1 + 2 + 64) * 56L;
        List<String> expected = new ArrayList<>(kernelBootParams(size));
        expected.add(line(cma, "System RAM"));

        CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(
                inputs("7.3.4").withCrashKernelCma(List.of(cma))));

        assertThat(lines(r.memmap().bootParams())).containsExactlyElementsOf(expected);
        assertThat(r.warnings()).noneMatch(w -> w.contains("not modelled"));
        // 6.12 has no crashkernel=,cma: the range is ignored, said so
        CaptureMemmapResult old = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(
                inputs("6.12.117").withCrashKernelCma(List.of(cma))));
        assertThat(lines(old.memmap().bootParams())).doesNotContain(line(cma, "System RAM"));
        assertThat(old.warnings()).anyMatch(w -> w.contains("crashkernel CMA ranges ignored"));
    }

    @Test
    void linux612FailsAHeaderThatSplitsTheCrashKernel() {
        // memmap_exclude_ranges() gives crash_mem no room for a second piece on 6.12 (-ENOMEM); 7.3 has three
        CaptureMemmapRequest mid = CaptureMemmapRequest.of(inputs("6.12.117")).withElfCoreHeader(CRASH.start() + MIB);
        assertThatThrownBy(() -> CaptureMemmapPipeline.build(mid)).isInstanceOf(CaptureException.class)
                .hasMessageContaining("-ENOMEM");

        CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(inputs("7.3.4"))
                .withElfCoreHeader(CRASH.start() + MIB).withElfCoreHeaderSize(0x1000));
        assertThat(lines(r.memmap().bootParams())).contains(line(new MemoryRange(CRASH.start(), CRASH.start() + MIB - 1),
                "System RAM"), line(new MemoryRange(CRASH.start() + MIB + 0x1000, CRASH.end()), "System RAM"));
    }

    /**
     * load_crashdump_segments(): the backup source (the low RAM, 0x9ec00 bytes) and both crash kernels are
     * the capture kernel's RAM; the backup segment is placed top-down in the highest crash kernel, page-sized,
     * and taken out by its 1 KiB size; the 16 KiB header segment goes right below it; then the ACPI, NVS and
     * reserved ranges.
     */
    @Test
    void kexecToolsKeepsItsBackupAndHeaderSegmentsOut() {
        long backupSize = LOW_RAM.size(); // 0x9ec00: a whole number of KiB, not of pages
        long backupPages = (backupSize + 4095) & -4096L;
        long backup = (CRASH.end() + 1 - backupPages) & -4096L;
        long header = (backup - 16 * 1024) & -4096L;

        CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(inputs("6.1.192"))
                .withMode(LoaderMode.KEXEC_TOOLS));

        assertThat(r.memmap().elfCoreHeader()).isEqualTo(header).isEqualTo(0x2_3ff5_d000L);
        assertThat(r.memmap().commandLine()).containsExactly("elfcorehdr=" + header / 1024 + "K");
        assertThat(lines(r.memmap().map())).containsExactly(
                line(RESERVED.get(0), "Reserved"), line(LOW_RAM, "System RAM"), line(RESERVED.get(1), "Reserved"),
                line(RESERVED.get(2), "Reserved"), line(CRASH_LOW, "System RAM"), line(ACPI, "ACPI Tables"),
                line(NVS, "ACPI Non-volatile Storage"), line(RESERVED.get(3), "Reserved"),
                line(RESERVED.get(4), "Reserved"), line(new MemoryRange(CRASH.start(), header - 1), "System RAM"),
                line(new MemoryRange(backup + backupSize, CRASH.end()), "System RAM"));
    }

    /**
     * --pass-memmap-cmdline: "memmap=exactmap", then per RAM entry of 100 KiB or more "SIZE K@START K", per ACPI
     * or NVS entry "K#" (reserved ones are left out); the boot parameters carry the whole memory map.
     */
    @Test
    void kexecToolsCanPassTheMapOnTheCommandLine() {
        long backup = (CRASH.end() + 1 - ((LOW_RAM.size() + 4095) & -4096L)) & -4096L;
        long header = (backup - 16 * 1024) & -4096L;

        CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(inputs("6.1.192"))
                .withMode(LoaderMode.KEXEC_TOOLS).withPassMemmapCmdline(true));

        assertThat(r.memmap().commandLine()).containsExactly("elfcorehdr=" + header / 1024 + "K", "memmap=exactmap",
                "memmap=" + LOW_RAM.size() / 1024 + "K@" + LOW_RAM.start() / 1024 + "K",
                "memmap=" + CRASH_LOW.size() / 1024 + "K@" + CRASH_LOW.start() / 1024 + "K",
                "memmap=" + ACPI.size() / 1024 + "K#" + ACPI.start() / 1024 + "K",
                "memmap=" + NVS.size() / 1024 + "K#" + NVS.start() / 1024 + "K",
                "memmap=" + (header - CRASH.start()) / 1024 + "K@" + CRASH.start() / 1024 + "K");
        // the boot parameters: the first kernel's memory map as kexec-tools read it from /proc/iomem
        assertThat(lines(r.memmap().bootParams())).contains(line(RAM_32, "System RAM"), line(RAM_HIGH, "System RAM"));
    }
}
