package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dtcore.context.Kallsyms;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;

/** riscv64 after kexec-tools 2.0.32 kexec/arch/riscv/kexec-riscv.c and crashdump-riscv.c. */
class KexecToolsRiscvTest {
    static final String IOMEM = String.join("\n",
            "80000000-8007ffff : Reserved",
            "80200000-ffffffff : System RAM",
            "  80200000-80201fff : Reserved",
            "  80202000-80584664 : Kernel image",
            "    80202000-803e4e91 : Kernel code",
            "    8041a200-8049c6bf : Kernel rodata",
            "    8049ca80-805355ff : Kernel data",
            "    80536000-80584664 : Kernel bss",
            "  88200000-8869ffff : Reserved",
            "  c0000000-c0000fff : Reserved",
            "  ece00000-fcdfffff : Crash kernel", "");
    static final long SINITTEXT = 0xffff_ffff_801e_4ec0L;
    static final long TEXT = 0xffff_ffff_8000_2000L;

    private static KexecToolsMemory memory(String iomem, Map<String, Long> symbols) {
        return KexecToolsRanges.of(Arch.RISCV64, new KexecToolsInputs(Optional.of(Iomem.parse(iomem)),
                new Kallsyms(symbols, "kallsyms"), Optional.empty(), Optional.empty(), 4096, List.of(), 0));
    }

    @Test
    void everyOtherLineIsCutAndSplitPiecesStayAtTheEnd() {
        KexecToolsMemory m = memory(IOMEM, Map.of("_text", TEXT, "_sinittext", SINITTEXT));

        // [0x80200000, 0xffffffff] loses its head up to the end of "Kernel image" (Kernel rodata/bss are no
        // longer inside a range then), 0x88200000.. splits it (upper piece appended), 0xc0000000.. splits the
        // appended piece, and the crash kernel trims that one's tail: pieces in the order they were made
        assertThat(m.ranges()).containsExactly(
                new MemoryRange(0x8058_4665L, 0x881f_ffffL),
                new MemoryRange(0x886a_0000L, 0xbfff_ffffL),
                new MemoryRange(0xc000_1000L, 0xecdf_ffffL),
                new MemoryRange(0xfce0_0000L, 0xffff_ffffL));
        assertThat(m.warnings()).anyMatch(w -> w.contains("Reserved, Kernel image"))
                .noneMatch(w -> w.contains("not in address order"));
    }

    @Test
    void unsortedWhenASplitPieceLandsBeforeAnEarlierRange() {
        String iomem = String.join("\n",
                "80000000-bfffffff : System RAM",
                "  80000000-80000fff : Kernel code",
                "  a0000000-a0000fff : Reserved",
                "  90000000-90000fff : Reserved",
                "  bfff0000-bfffffff : Kernel bss",
                "  b0000000-b0ffffff : Crash kernel", "");
        KexecToolsMemory m = memory(iomem, Map.of());

        // the 0xa0000000 split appends [0xa0001000, ..]; the 0x90000000 split then cuts range 0 and appends
        // [0x90001000, 0x9fffffff] after it; Kernel bss (not kept) trims the tail of [0xa0001000, ..], and the
        // crash kernel splits that range and appends its top
        assertThat(m.ranges()).containsExactly(
                new MemoryRange(0x8000_0000L, 0x8fff_ffffL),
                new MemoryRange(0xa000_1000L, 0xafff_ffffL),
                new MemoryRange(0x9000_1000L, 0x9fff_ffffL),
                new MemoryRange(0xb100_0000L, 0xbffe_ffffL));
        assertThat(m.warnings()).anyMatch(w -> w.contains("not in address order"));
    }

    @Test
    void kernelSegmentAndVirtualAddresses() {
        KexecToolsMemory m = memory(IOMEM, Map.of("_text", TEXT, "_sinittext", SINITTEXT));

        // kern_size = end of Kernel bss − start of Kernel code: the inclusive end, one byte short
        assertThat(m.kernelText().orElseThrow().paddr()).isEqualTo(0x8020_2000L);
        assertThat(m.kernelText().orElseThrow().size()).isEqualTo(0x8058_4664L - 0x8020_2000L);
        assertThat(m.kernelText().orElseThrow().vaddr()).isEqualTo(TEXT);
        // get_page_offset: _sinittext − PAGE_SIZE; phys_to_virt adds it
        assertThat(m.pageOffset()).isEqualTo(SINITTEXT - 4096);
        assertThat(m.physOffset()).isZero();
        assertThat(memory(IOMEM, Map.of()).kernelText().orElseThrow().vaddr()).as("no _text").isEqualTo(-1L);
    }

    @Test
    void twoCrashKernelLinesAreRefusedAsKexecToolsDoes() {
        String iomem = IOMEM + "fd000000-fd0fffff : Crash kernel\n";
        assertThatThrownBy(() -> memory(iomem, Map.of())).isInstanceOf(CrashException.class)
                .hasMessageContaining("2 lines named \"Crash kernel\"");
    }
}
