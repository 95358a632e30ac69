package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;

/** x86_64 after kexec-tools 2.0.25 kexec/arch/i386/crashdump-x86.c. */
class KexecToolsX86Test {
    static final long DIRECT_MAP = 0xffff_8880_0000_0000L;
    static final String IOMEM = String.join("\n",
            "00000000-00000fff : Reserved",
            "00001000-0009fbff : System RAM",
            "0009fc00-0009ffff : Reserved",
            "000a0000-000bffff : PCI Bus 0000:00",
            "000f0000-000fffff : Reserved",
            "  000f0000-000fffff : System ROM",
            "00100000-bffdffff : System RAM",
            "  01000000-016000ff : Kernel code",
            "  01a00000-01ad28ff : Kernel data",
            "  20000000-23ffffff : GART",
            "  6f000000-7effffff : Crash kernel",
            "bffe0000-bfffffff : Reserved",
            "c0000000-febfffff : PCI Bus 0000:00",
            "fed00000-fed003ff : HPET 0",
            "100000000-13fffffff : System RAM", "");

    private static KexecToolsMemory memory(Map<String, Long> kcore) {
        return KexecToolsRanges.of(Arch.X86_64, new KexecToolsInputs(Optional.of(Iomem.parse(IOMEM)), Kallsyms.none("kallsyms"),
                Optional.of(new Kallsyms(kcore, "System.map")), Optional.empty(), 4096, List.of(), DIRECT_MAP));
    }

    private static final Map<String, Long> ALIGNED = Map.of("_text", 0xffff_ffff_8100_0000L,
            "_end", 0xffff_ffff_81e2_6000L);

    @Test
    void everySystemRamLineLessCrashKernelAndGartWithSplitsInPlace() {
        KexecToolsMemory m = memory(ALIGNED);

        // no 1 MiB cut: [0x1000, 0x9fbff] stays; GART and the crash kernel split the big range, each upper
        // piece inserted right after its lower half (exclude_region), so the order stays ascending
        assertThat(m.ranges()).containsExactly(
                new MemoryRange(0x1000, 0x9_fbffL),
                new MemoryRange(0x10_0000L, 0x1fff_ffffL),
                new MemoryRange(0x2400_0000L, 0x6eff_ffffL),
                new MemoryRange(0x7f00_0000L, 0xbffd_ffffL),
                new MemoryRange(0x1_0000_0000L, 0x1_3fff_ffffL));
        // counted: 4 Reserved lines (System ROM and PCI are not among kexec-tools' names) + the 5 RAM pieces
        assertThat(m.countedRanges()).isEqualTo(9);
        assertThat(m.warnings()).anyMatch(w -> w.contains("below 1 MiB"));
    }

    @Test
    void backupRegionIsTheFirstRamRangeEndingBy640KiB() {
        assertThat(memory(ALIGNED).backupSource()).contains(new MemoryRange(0x1000, 0x9_fbffL));
        String noLow = IOMEM.replace("00001000-0009fbff : System RAM", "00001000-0009fbff : Reserved");
        KexecToolsMemory m = KexecToolsRanges.of(Arch.X86_64, new KexecToolsInputs(Optional.of(Iomem.parse(noLow)),
                Kallsyms.none("k"), Optional.of(new Kallsyms(ALIGNED, "System.map")), Optional.empty(), 4096, List.of(), DIRECT_MAP));
        assertThat(m.backupSource()).as("get_backup_area's default").contains(new MemoryRange(0, 0x9_ffffL));
    }

    @Test
    void kernelSegmentIsKcoresTextRoundedTo1MiBAndThePage() {
        long text = 0xffff_ffff_8123_4000L;
        long end = 0xffff_ffff_8200_0800L;
        KexecToolsMemory m = memory(Map.of("_text", text, "_end", end));

        long vaddr = text - Long.remainderUnsigned(text, 0x10_0000L);
        long size = ((end - vaddr) + 4095) / 4096 * 4096;
        assertThat(m.kernelText()).contains(new KernelText(vaddr, 0x100_0000L, size));
        assertThat(m.pageOffset()).isEqualTo(DIRECT_MAP);
        assertThat(m.warnings()).anyMatch(w -> w.contains("rounded to 1 MiB"));
        assertThat(memory(ALIGNED).kernelText()).contains(new KernelText(0xffff_ffff_8100_0000L, 0x100_0000L,
                0xe2_6000L));
    }

    @Test
    void withoutEndTheKernelMappingCannotBeFound() {
        assertThatThrownBy(() -> memory(Map.of("_text", 0xffff_ffff_8100_0000L)))
                .isInstanceOf(CrashException.class).hasMessageContaining("give the kernel's System.map");
    }
}
