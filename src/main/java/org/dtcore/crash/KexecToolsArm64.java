package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * arm64's crash memory as kexec-tools 2.0.25 builds it (kexec/arch/arm64/crashdump-arm64.c,
 * kexec/arch/arm64/kexec-arm64.c), reading /proc/iomem and /proc/kallsyms; /proc/kcore is taken as
 * unreadable, as in the recorded case (kexec then prints "Can't open (/proc/kcore)").
 * <ul>
 *   <li>RAM: every "System RAM" line, minus each "Crash kernel" line, sorted (crash_get_memory_ranges);</li>
 *   <li>kernel PT_LOAD (iomem_range_callback): paddr = "Kernel code" start − (_stext − _text) when
 *       __init_begin − _stext equals that line's length, else the line's start; size = end of "Kernel data"
 *       + 1 − paddr; vaddr = _text, or 0xffffffffffffffff without it. A missing symbol counts as 0, so on
 *       Linux 6.1 (no _text in kallsyms) the paddr wraps below zero;</li>
 *   <li>vaddr of RAM = paddr − PHYS_OFFSET + page_offset (phys_to_virt). PHYS_OFFSET is the first range of
 *       get_memory_ranges() (RAM less the resources inside it); page_offset stays 0 when _text is missing
 *       (get_page_offset fails), else it follows VA_BITS as guessed from _stext (get_va_bits).</li>
 * </ul>
 */
final class KexecToolsArm64 {
    private KexecToolsArm64() {
    }

    static KexecToolsMemory memory(KexecToolsInputs in) {
        List<IomemEntry> iomem = KexecToolsRanges.iomem(in, "arm64");
        Kallsyms sym = in.kallsyms();
        List<String> warnings = new ArrayList<>();
        MemRegions system = new MemRegions();
        long text = sym.address("_text").orElse(0);
        long stext = sym.address("_stext").orElse(0);
        long initBegin = sym.address("__init_begin").orElse(0);
        long kernPaddr = 0;
        long kernSize = 0;
        for (IomemEntry e : iomem) {
            MemoryRange r = e.range();
            switch (e.name()) {
                case Iomem.SYSTEM_RAM -> system.add(r.start(), r.size());
                case Iomem.KERNEL_CODE -> kernPaddr = initBegin - stext == r.size() ? r.start() - (stext - text)
                        : r.start();
                case Iomem.KERNEL_DATA -> kernSize = r.start() + r.size() - kernPaddr;
                default -> { }
            }
        }
        for (MemoryRange crash : KexecToolsRanges.crashKernels(in, iomem)) {
            system.exclude(crash.start(), crash.end());
        }
        system.sort();

        KernelText kernel = null;
        if (kernSize != 0) {
            kernel = new KernelText(text == 0 ? -1L : text, kernPaddr, kernSize);
        }
        long physOffset = physOffset(iomem, in);
        long pageOffset = pageOffset(text, stext, warnings);
        if (text == 0 && kernel != null) {
            warnings.add("arm64 (kexec-tools): " + sym.source()
                    + " has no _text (Linux 6.1), so the kernel PT_LOAD gets vaddr 0xffffffffffffffff, paddr"
                    + " \"Kernel code\" − _stext = "
                    + Numbers.hex(kernPaddr) + " (wrapped below 0) and size " + Numbers.hex(kernSize)
                    + "; the kernel writes _text, __pa(_text) and _end − _text");
        }
        if (text != 0 && kernel != null) {
            warnings.add("arm64 (kexec-tools): kernel PT_LOAD size " + Numbers.hex(kernSize)
                    + " = end of \"Kernel data\" + 1 − paddr (no bss); the kernel writes _end − _text");
        }
        if (initBegin == 0 && kernel != null) {
            warnings.add("arm64 (kexec-tools): " + sym.source() + " has no __init_begin, so kexec-tools takes the"
                    + " \"Kernel code\" start as the kernel's physical start");
        }
        if (pageOffset == 0) {
            warnings.add("arm64 (kexec-tools): page_offset 0 (get_page_offset needs _text), so RAM PT_LOADs get"
                    + " vaddr = paddr − PHYS_OFFSET ("
                    + Numbers.hex(physOffset) + "); the kernel writes linear-map addresses");
        }
        List<MemoryRange> ram = KexecToolsRanges.ram(system.ranges());
        return new KexecToolsMemory(ram, system.size(), Optional.empty(), Optional.ofNullable(kernel), pageOffset, physOffset, 0, warnings);
    }

    /**
     * get_memory_ranges() (kexec-arm64.c) without /proc/kcore: System RAM lines, each later line that is not
     * RAM, kernel code or data (nor the crash kernel being loaded into) cut from the last RAM range when it
     * lies in it; PHYS_OFFSET is then the start of the first range ("method : iomem").
     */
    private static long physOffset(List<IomemEntry> iomem, KexecToolsInputs in) {
        MemRegions ranges = new MemRegions();
        List<MemoryRange> crash = KexecToolsRanges.crashKernels(in, iomem);
        MemoryRange load = crash.get(crash.size() - 1);
        for (IomemEntry e : iomem) {
            MemoryRange r = e.range();
            String n = e.name();
            if (n.equals(Iomem.SYSTEM_RAM)) {
                ranges.add(r.start(), r.size());
                continue;
            }
            boolean kept = n.equals(Iomem.KERNEL_CODE) || n.equals(Iomem.KERNEL_DATA)
                    || (n.equals(Iomem.CRASH_KERNEL) && r.equals(load));
            if (kept || ranges.size() == 0) {
                continue;
            }
            LoaderRange last = ranges.get(ranges.size() - 1);
            if (Long.compareUnsigned(last.end(), r.start()) < 0 || Long.compareUnsigned(r.end(), last.start()) < 0) {
                continue;
            }
            ranges.exclude(r.start(), r.end());
        }
        if (ranges.size() == 0) {
            throw new CrashException(Iomem.SOURCE, "arm64: no System RAM, so kexec-tools cannot find PHYS_OFFSET");
        }
        return ranges.get(0).start();
    }

    /**
     * get_page_offset(): 0 (left unset) without _text; else VA_BITS from the first of 36, 39, 42, 47, 48
     * whose PAGE_OFFSET pattern _stext carries (get_va_bits, /proc/kcore's VMCOREINFO being unreadable),
     * and page_offset = −2^(VA_BITS−1) when _text lies below it (kernels before 5.4), else −2^VA_BITS.
     */
    static long pageOffset(long text, long stext, List<String> warnings) {
        if (text == 0) {
            return 0;
        }
        int vaBits = 0;
        for (int bits : new int[] {36, 39, 42, 47, 48}) {
            long pattern = -1L << bits;
            if ((stext & pattern) == pattern) {
                vaBits = bits;
                break;
            }
        }
        if (vaBits == 0) {
            throw new CrashException("", "arm64: _stext " + Numbers.hex(stext)
                    + " fits no VA_BITS pattern, so kexec-tools cannot find PAGE_OFFSET");
        }
        long mid = -1L << (vaBits - 1);
        long pageOffset = Long.compareUnsigned(text, mid) < 0 ? mid : -1L << vaBits;
        warnings.add("arm64 (kexec-tools): VA_BITS " + vaBits
                + " guessed from _stext (no /proc/kcore VMCOREINFO), page_offset " + Numbers.hex(pageOffset));
        return pageOffset;
    }
}
