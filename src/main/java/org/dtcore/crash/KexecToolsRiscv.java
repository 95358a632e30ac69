package org.dtcore.crash;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * riscv64's crash memory as kexec-tools 2.0.32 builds it (kexec/arch/riscv/kexec-riscv.c
 * get_memory_ranges, kexec/arch/riscv/crashdump-riscv.c load_elfcorehdr):
 * <ul>
 *   <li>RAM: every "System RAM" line, then every line that is not System RAM, Kernel code, Kernel data (nor
 *       the crash kernel) cut out with mem_regions_exclude — only from a range holding it whole, the upper
 *       piece of a split appended at the end ({@link MemRegions}); then the crash kernel likewise. No sort;</li>
 *   <li>kernel PT_LOAD: paddr = "Kernel code" start, size = "Kernel bss" end − "Kernel code" start (the
 *       inclusive end, so one byte short), vaddr = _text or 0xffffffffffffffff;</li>
 *   <li>vaddr of RAM = paddr + page_offset, page_offset = _sinittext − PAGE_SIZE (get_page_offset), which
 *       is the kernel image's mapping, not the linear map.</li>
 * </ul>
 */
final class KexecToolsRiscv {
    static final String KERNEL_BSS = "Kernel bss";

    private KexecToolsRiscv() {
    }

    static KexecToolsMemory memory(KexecToolsInputs in) {
        List<IomemEntry> iomem = KexecToolsRanges.iomem(in, "riscv64");
        List<String> warnings = new ArrayList<>();
        long codeStart = KexecToolsRanges.single(iomem, Iomem.KERNEL_CODE, "the kernel's physical base").start();
        long bssEnd = KexecToolsRanges.single(iomem, KERNEL_BSS, "the kernel's physical end").end();
        MemoryRange crash = in.crashKernels().isEmpty()
                ? KexecToolsRanges.single(iomem, Iomem.CRASH_KERNEL, "the crash kernel region")
                : in.crashKernels().get(0);

        MemRegions ranges = new MemRegions();
        for (IomemEntry e : iomem) {
            if (e.name().equals(Iomem.SYSTEM_RAM)) {
                ranges.add(e.range().start(), e.range().size());
            }
        }
        Set<String> cut = new LinkedHashSet<>();
        for (IomemEntry e : iomem) {
            String n = e.name();
            boolean kept = n.equals(Iomem.SYSTEM_RAM) || n.equals(Iomem.KERNEL_CODE) || n.equals(Iomem.KERNEL_DATA)
                    || (n.equals(Iomem.CRASH_KERNEL) && e.range().equals(crash));
            if (!kept) {
                MemRegions.Cut c = ranges.exclude(e.range().start(), e.range().end());
                if (c != MemRegions.Cut.NONE) {
                    cut.add(n);
                }
            }
        }
        ranges.exclude(crash.start(), crash.end());

        long text = in.kallsyms().address("_text").orElse(0);
        long sinittext = in.kallsyms().address("_sinittext").orElse(0);
        long pageOffset = sinittext - in.pageSize();
        KernelText kernel = new KernelText(text == 0 ? -1L : text, codeStart, bssEnd - codeStart);
        List<MemoryRange> ram = KexecToolsRanges.ram(ranges.ranges());

        if (!cut.isEmpty()) {
            warnings.add("riscv64 (kexec-tools): RAM less every /proc/iomem line that is not System RAM, Kernel"
                    + " code or Kernel data (" + String.join(", ", cut) + "); the kernel dumps that memory");
        }
        if (!KexecToolsRanges.sorted(ram)) {
            warnings.add("riscv64 (kexec-tools): a split range's upper piece is appended at the end"
                    + " (mem_regions_exclude), so the PT_LOADs are not in address order; the kernel sorts them");
        }
        warnings.add("riscv64 (kexec-tools): kernel PT_LOAD size " + Numbers.hex(bssEnd - codeStart)
                + " = end of \"Kernel bss\" − start of \"Kernel code\" (one byte short of the image); the kernel"
                + " writes _end − _text");
        warnings.add("riscv64 (kexec-tools): RAM vaddr = paddr + _sinittext − PAGE_SIZE (" + Numbers.hex(pageOffset)
                + "), the kernel image's offset; the kernel writes linear-map addresses");
        if (text == 0) {
            warnings.add(in.kallsyms().source() + " has no _text: the kernel PT_LOAD gets vaddr 0xffffffffffffffff");
        }
        return new KexecToolsMemory(ram, ranges.size(), Optional.empty(), Optional.of(kernel), pageOffset, 0, 0, warnings);
    }
}
