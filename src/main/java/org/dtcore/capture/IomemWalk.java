package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;

/**
 * walk_iomem_res_desc() over /proc/iomem's lines (kernel/resource.c, find_next_iomem_res(): the same
 * walk in 6.1, 6.12 and 7.3): from {@code start}, the first resource in the tree's order that overlaps
 * [start, end] and matches, clipped to [start, end]; then on from its end + 1. Children are looked at only
 * once a top-level resource overlapping the range has been met, and a match's children are passed over
 * with it.
 *
 * <p>/proc/iomem shows names, not the flags and descriptors the kernel matches; the names x86's e820 code
 * gives its resources stand for them (e820_type_to_string(), e820_type_to_iores_desc(), and
 * arch/x86/kernel/setup.c's kernel image resources, which are IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY).
 */
final class IomemWalk {
    private IomemWalk() {
    }

    /** IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY with any descriptor: RAM, the kernel image, the crash kernel. */
    static boolean busySystemRam(IomemEntry e) {
        String n = e.name();
        return n.startsWith("System RAM") || n.equals("Kernel code") || n.equals("Kernel rodata")
                || n.equals("Kernel data") || n.equals("Kernel bss") || n.equals("Crash kernel");
    }

    /** The resources e820 made of its reserved entries (IORES_DESC_RESERVED; "reserved" before 5.5). */
    static boolean reserved(IomemEntry e) {
        return e.name().equals("Reserved") || e.name().equals("reserved");
    }

    /** The resources e820 made of one type (IORES_DESC_ACPI_TABLES, IORES_DESC_ACPI_NV_STORAGE ...). */
    static Predicate<IomemEntry> named(E820Type type) {
        return e -> e.name().equals(type.text());
    }

    static List<MemoryRange> walk(List<IomemEntry> iomem, long start, long end, Predicate<IomemEntry> match) {
        List<MemoryRange> out = new ArrayList<>();
        long from = start;
        while (Long.compareUnsigned(from, end) < 0) {
            IomemEntry found = null;
            boolean children = false;
            for (IomemEntry e : iomem) {
                if (!children && !e.isTopLevel()) {
                    continue;
                }
                if (Long.compareUnsigned(e.range().start(), end) > 0) {
                    break;
                }
                if (Long.compareUnsigned(e.range().end(), from) < 0) {
                    continue;
                }
                children = true;
                if (match.test(e)) {
                    found = e;
                    break;
                }
            }
            if (found == null) {
                break;
            }
            long s = Long.compareUnsigned(found.range().start(), from) > 0 ? found.range().start() : from;
            long e = Long.compareUnsigned(found.range().end(), end) < 0 ? found.range().end() : end;
            out.add(new MemoryRange(s, e));
            if (e == end || e == -1L) {
                break;
            }
            from = e + 1;
        }
        return out;
    }
}
