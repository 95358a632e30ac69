package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * x86_64's crash memory as kexec-tools 2.0.25 builds it (kexec/arch/i386/crashdump-x86.c):
 * <ul>
 *   <li>ranges (get_crash_memory_ranges): every /proc/iomem line, at any depth, whose name contains
 *       "System RAM" (RAM) or is ACPI Tables, ACPI Non-volatile Storage, Persistent Memory (legacy),
 *       Persistent Memory, reserved or Reserved (passed along but not dumped), in file order, at most 32768;
 *       no 1 MiB cut. Then exclude_region() for each "Crash kernel" line and the last "GART" line: a range
 *       overlapping it is trimmed, or split with the upper piece inserted right after it;</li>
 *   <li>backup (get_backup_area): the first RAM range ending at or below 0xa0000, else [0, 0x9ffff]; its
 *       PT_LOAD reads from the copy kexec-tools placed in the crash kernel region;</li>
 *   <li>kernel PT_LOAD: paddr = "Kernel code" start (get_kernel_paddr); vaddr and size from /proc/kcore's
 *       text segment, which is [_text, _end) (fs/proc/kcore.c kclist_add(&amp;kcore_text ...)): vaddr rounded
 *       down to 1 MiB, size = segment end − vaddr rounded up to the page (get_kernel_vaddr_and_size);</li>
 *   <li>vaddr of RAM = paddr + page_offset: kcore's lowest PT_LOAD rounded down to 1 GiB, which is
 *       page_offset_base (the caller's linear-map base).</li>
 * </ul>
 */
final class KexecToolsX86 {
    static final int MAX_RANGES = 32768;
    static final long BACKUP_LIMIT = 0xa0000;
    static final long KERNEL_VADDR_ALIGN = 0x100000;

    private KexecToolsX86() {
    }

    static KexecToolsMemory memory(KexecToolsInputs in, long pageOffset) {
        List<IomemEntry> iomem = KexecToolsRanges.iomem(in, "x86_64");
        List<String> warnings = new ArrayList<>();
        List<LoaderRange> ranges = crashRanges(iomem, KexecToolsRanges.crashKernels(in, iomem));
        MemoryRange backup = backup(ranges);
        long kernPaddr = KexecToolsRanges.single(iomem, Iomem.KERNEL_CODE, "the kernel's physical load address").start();
        KernelText kernel = kernel(in, kernPaddr, warnings);
        List<MemoryRange> ram = KexecToolsRanges.ram(ranges);

        for (MemoryRange r : ram) {
            if (Long.compareUnsigned(r.start(), 0x100000) < 0) {
                warnings.add("x86_64 (kexec-tools): RAM below 1 MiB " + r + " is dumped"
                        + (r.equals(backup) ? " (the backup region, read from its copy)" : "")
                        + "; the kernel leaves out the first MiB");
            }
        }
        return new KexecToolsMemory(ram, ranges.size(), Optional.of(backup), Optional.of(kernel), pageOffset, 0, 0, warnings);
    }

    /**
     * get_crash_memory_ranges(): the typed lines in file order (at most 32768), each "Crash kernel" region
     * (in /proc/iomem's order) and the last "GART" line excluded.
     */
    static List<LoaderRange> crashRanges(List<IomemEntry> iomem, List<MemoryRange> crashKernels) {
        List<LoaderRange> ranges = new ArrayList<>();
        MemoryRange gart = null;
        for (IomemEntry e : iomem) {
            if (ranges.size() >= MAX_RANGES) {
                break;
            }
            String n = e.name();
            if (n.equals("GART")) {
                gart = e.range();
                continue;
            }
            Optional<LoaderRange.Type> type = type(n);
            if (type.isPresent()) {
                ranges.add(new LoaderRange(e.range().start(), e.range().end(), type.get()));
            }
        }
        for (MemoryRange crash : crashKernels) {
            exclude(ranges, crash.start(), crash.end());
        }
        if (gart != null) {
            exclude(ranges, gart.start(), gart.end());
        }
        return ranges;
    }

    /** The RANGE_* type crashdump-x86.c gives a line; empty for a line it skips. */
    static Optional<LoaderRange.Type> type(String name) {
        if (name.contains(Iomem.SYSTEM_RAM)) {
            return Optional.of(LoaderRange.Type.RAM);
        }
        return Optional.ofNullable(switch (name) {
            case "ACPI Tables" -> LoaderRange.Type.ACPI;
            case "ACPI Non-volatile Storage" -> LoaderRange.Type.ACPI_NVS;
            case "Persistent Memory (legacy)" -> LoaderRange.Type.PRAM;
            case "Persistent Memory" -> LoaderRange.Type.PMEM;
            case "reserved", "Reserved" -> LoaderRange.Type.RESERVED;
            default -> null;
        });
    }

    /**
     * exclude_region(): every range overlapping [start, end] (start &lt; its end and end &gt; its start) is
     * trimmed on the side the region touches, or split; only the last split's upper piece is kept, inserted
     * after its lower half as RAM.
     */
    static void exclude(List<LoaderRange> ranges, long start, long end) {
        LoaderRange split = null;
        int at = -1;
        for (int i = 0; i < ranges.size(); i++) {
            LoaderRange r = ranges.get(i);
            if (Long.compareUnsigned(start, r.end()) < 0 && Long.compareUnsigned(end, r.start()) > 0) {
                if (start != r.start() && end != r.end()) {
                    ranges.set(i, r.withEnd(start - 1));
                    split = LoaderRange.ram(end + 1, r.end());
                    at = i + 1;
                } else if (start != r.start()) {
                    ranges.set(i, r.withEnd(start - 1));
                } else {
                    ranges.set(i, r.withStart(end + 1));
                }
            }
        }
        if (split != null) {
            if (ranges.size() == MAX_RANGES) {
                throw new CrashException(Iomem.SOURCE, "more than " + MAX_RANGES + " crash memory ranges:"
                        + " kexec-tools refuses to load");
            }
            ranges.add(at, split);
        }
    }

    /** get_backup_area(): the first RAM range ending at or below 640 KiB, else [0, 0x9ffff]. */
    static MemoryRange backup(List<LoaderRange> ranges) {
        for (LoaderRange r : ranges) {
            if (r.type() == LoaderRange.Type.RAM && Long.compareUnsigned(r.end(), BACKUP_LIMIT) <= 0
                    && Long.compareUnsigned(r.start(), r.end()) <= 0) {
                return new MemoryRange(r.start(), r.end());
            }
        }
        return new MemoryRange(0, BACKUP_LIMIT - 1);
    }

    /** get_kernel_vaddr_and_size() over kcore's text segment [_text, _end). */
    private static KernelText kernel(KexecToolsInputs in, long paddr, List<String> warnings) {
        Kallsyms k = in.kcoreText().orElse(in.kallsyms());
        long text = k.address("_text").orElse(0);
        long end = k.address("_end").orElse(0);
        if (text == 0 || end == 0 || Long.compareUnsigned(end, text) <= 0) {
            throw new CrashException(CrashException.Kind.LOADER_REFUSES, k.source(), Wording.of("x86_64: kexec-tools"
                    + " takes the kernel's mapping from /proc/kcore's text segment [_text, _end), and this symbol"
                    + " list lacks " + (text == 0 ? "_text" : "_end") + ": give ", Given.SYSTEM_MAP));
        }
        long vaddr = text & -KERNEL_VADDR_ALIGN;
        long pageMask = in.pageSize() - 1;
        long size = (end - vaddr + pageMask) & ~pageMask;
        if (vaddr != text || size != end - text) {
            warnings.add("x86_64 (kexec-tools): kernel PT_LOAD vaddr " + Numbers.hex(vaddr) + ", size "
                    + Numbers.hex(size)
                    + " (kcore's text segment rounded to 1 MiB and the page); the kernel writes _text "
                    + Numbers.hex(text) + ", _end − _text " + Numbers.hex(end - text));
        }
        return new KernelText(vaddr, paddr, size);
    }
}
