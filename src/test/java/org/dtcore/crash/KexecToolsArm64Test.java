package org.dtcore.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;

/** arm64 after kexec-tools 2.0.25 kexec/arch/arm64/crashdump-arm64.c and kexec-arm64.c. */
class KexecToolsArm64Test {
    static final long RAM = 0x4000_0000L;
    static final long CODE = 0x4021_0000L;
    static final long CODE_END = 0x4053_ffffL;
    static final long DATA_END = 0x406b_ffffL;
    static final long STEXT = 0xffff_8000_0801_0000L;
    static final long TEXT = 0xffff_8000_0800_0000L;

    static final String IOMEM = String.join("\n",
            "09000000-09000fff : pl011@9000000",
            "40000000-bfffffff : System RAM",
            "  40000000-400fffff : reserved",
            "  40210000-4053ffff : Kernel code",
            "  405d0000-406bffff : Kernel data",
            "  ada00000-bd9fffff : Crash kernel", "");

    private static KexecToolsMemory memory(Map<String, Long> symbols) {
        return KexecToolsRanges.of(Arch.ARM64, new KexecToolsInputs(Optional.of(Iomem.parse(IOMEM)),
                new Kallsyms(symbols, "kallsyms"), Optional.empty(), Optional.empty(), 4096, List.of(), 0));
    }

    @Test
    void withoutTextTheKernelSegmentWrapsAndRamVaddrIsPaddrLessPhysOffset() {
        // Linux 6.1: no _text in kallsyms; "Kernel code" is [_stext, __init_begin), so the lengths agree
        long initBegin = STEXT + (CODE_END + 1 - CODE);
        KexecToolsMemory m = memory(Map.of("_stext", STEXT, "__init_begin", initBegin));

        long paddr = CODE - (STEXT - 0); // _text counts as 0: the subtraction wraps below zero
        // (the recorded arm64-virt-2g-kexec-tools case: kexec-load.log prints p_paddr = 0x800038200000)
        assertThat(paddr).isEqualTo(0x8000_3820_0000L);
        assertThat(m.kernelText()).contains(new KernelText(-1L, paddr, DATA_END + 1 - paddr));
        assertThat(m.ranges()).containsExactly(new MemoryRange(RAM, 0xad9f_ffffL),
                new MemoryRange(0xbda0_0000L, 0xbfff_ffffL));
        assertThat(m.pageOffset()).as("get_page_offset fails without _text").isZero();
        // get_memory_ranges cut the reserved line at the start of RAM, so PHYS_OFFSET is where it ends
        assertThat(m.physOffset()).isEqualTo(0x4010_0000L);
        assertThat(m.warnings()).anyMatch(w -> w.contains("no _text")).anyMatch(w -> w.contains("page_offset 0"));
    }

    @Test
    void kernelCodeNotMatchingInitBeginIsTakenAsThePhysicalStart() {
        // Linux 6.12: "Kernel code" starts at _text, so __init_begin − _stext differs from its length
        long initBegin = STEXT + 0x33_0000L + 0x1_0000L;
        KexecToolsMemory m = memory(Map.of("_text", TEXT, "_stext", STEXT, "__init_begin", initBegin));

        assertThat(m.kernelText()).contains(new KernelText(TEXT, CODE, DATA_END + 1 - CODE));
    }

    /**
     * kexec-tools 2.0.25 kexec/arch/arm64/kexec-arm64.c: without /proc/kcore, get_va_bits() takes VA_BITS as
     * the first of 36, 39, 42, 47, 48 whose PAGE_OFFSET_n mask (the top 64 − n bits set) _stext carries in
     * full, and get_page_offset() takes −2^(va_bits − 1) when _text lies below that same value (a layout
     * older than Linux 5.4), else −2^va_bits. Worked out by hand for _stext 0xffff800008010000 (bits 63..47
     * set, bit 46 clear): 36, 39 and 42 need bit 46 set and fail; 47 needs bits 63..47 and holds, so
     * va_bits = 47 (the kernel's own VA_BITS is 48: the guess is kexec-tools', right or wrong). _text
     * 0xffff800008000000 has bit 46 clear too, so it lies below −2^46 = 0xffffc00000000000, and that is the
     * page offset.
     */
    @Test
    void withTextPageOffsetFollowsVaBitsGuessedFromStext() {
        KexecToolsMemory m = memory(Map.of("_text", TEXT, "_stext", STEXT));

        assertThat(m.pageOffset()).isEqualTo(0xffff_c000_0000_0000L);
        assertThat(m.kernelText().orElseThrow().vaddr()).isEqualTo(TEXT);
    }

    @Test
    void eachCrashKernelLineIsCutAndTheRangesSorted() {
        String iomem = String.join("\n",
                "40000000-bfffffff : System RAM",
                "  50000000-5fffffff : Crash kernel",
                "  a0000000-afffffff : Crash kernel", "");
        KexecToolsMemory m = KexecToolsRanges.of(Arch.ARM64, new KexecToolsInputs(Optional.of(Iomem.parse(iomem)),
                Kallsyms.none("kallsyms"), Optional.empty(), Optional.empty(), 4096, List.of(), 0));

        // each exclusion appends the split's upper piece; mem_regions_sort puts them back in order
        assertThat(m.ranges()).containsExactly(new MemoryRange(RAM, 0x4fff_ffffL),
                new MemoryRange(0x6000_0000L, 0x9fff_ffffL), new MemoryRange(0xb000_0000L, 0xbfff_ffffL));
        assertThat(m.kernelText()).as("no Kernel data line: kern_size 0, no kernel PT_LOAD").isEmpty();
    }
}
