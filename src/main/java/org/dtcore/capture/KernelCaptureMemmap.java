package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * The e820 map and command line the kernel's kexec_file_load gives an x86_64 capture kernel
 * (arch/x86/kernel/crash.c crash_setup_memmap_entries(), arch/x86/kernel/kexec-bzimage64.c setup_cmdline();
 * Linux 6.1, 6.12 and 7.3), in the kernel's order:
 * <ol>
 * <li>the System RAM of the first MiB (walk_iomem_res_desc over IORESOURCE_SYSTEM_RAM | BUSY, clipped);</li>
 * <li>every "ACPI Tables" resource, then every "ACPI Non-volatile Storage", then every "Reserved" one;</li>
 * <li>crashkernel-low, whole, as RAM;</li>
 * <li>the crash kernel minus the core header segment (memmap_exclude_ranges(): [elf_load_addr,
 *     elf_load_addr + elf_headers_sz − 1]), each piece of at least a page as RAM;</li>
 * <li>7.3: each crashkernel CMA range as RAM ({@link KernelVersion#crashKernelCma}).</li>
 * </ol>
 * add_e820_entry() drops what does not fit the zero page's E820_MAX_ENTRIES_ZEROPAGE (128) entries. The
 * command line gets "elfcorehdr=0x&lt;hex&gt; " in front (setup_cmdline()). The header segment's size is the
 * release's ({@link KernelVersion#headerSegmentSize}): the whole 4096-byte buffer on 6.1, Ehdr + (ranges + 2
 * + NR_CPUS_DEFAULT) program headers with crash hotplug on 6.12 and 7.3, so the crash kernel's RAM may start
 * at an address that is not page aligned (recorded: 0x6f000f20).
 */
public final class KernelCaptureMemmap {
    /** E820_MAX_ENTRIES_ZEROPAGE (arch/x86/include/uapi/asm/bootparam.h). */
    static final int ZEROPAGE_ENTRIES = 128;
    /** x86's PAGE_SIZE: crash kernel pieces smaller than this are not handed over. */
    static final long PAGE_SIZE = 4096;
    private static final long LOW_MIB_END = (1L << 20) - 1;

    private KernelCaptureMemmap() {
    }

    /**
     * The capture kernel's e820 map and command line, as the class comment lists them.
     *
     * @param iomem         the first kernel's /proc/iomem
     * @param crashKernels  the crash kernel, then crashkernel-low if any
     * @param cma           7.3's crashkernel CMA ranges (empty otherwise)
     * @param header        where the core header segment is and its size (elf_headers_sz)
     * @param kernel        the running kernel's release (whether CMA ranges are handed over)
     * @return the boot parameters' entries, the map the capture kernel keeps, the command-line words
     * @throws CaptureException on 6.12, when the core header segment splits the crash kernel in two (that
     *                          release's memmap_exclude_ranges() fails the load)
     */

    public static CaptureMemmap build(List<IomemEntry> iomem, List<MemoryRange> crashKernels, List<MemoryRange> cma,
                               MemoryRange header, KernelVersion kernel) {
        List<String> notes = new ArrayList<>();
        List<E820Entry> out = new ArrayList<>();
        for (MemoryRange r : IomemWalk.walk(iomem, 0, LOW_MIB_END, IomemWalk::busySystemRam)) {
            add(out, r, E820Type.RAM, notes);
        }
        for (MemoryRange r : IomemWalk.walk(iomem, 0, -1L, IomemWalk.named(E820Type.ACPI))) {
            add(out, r, E820Type.ACPI, notes);
        }
        for (MemoryRange r : IomemWalk.walk(iomem, 0, -1L, IomemWalk.named(E820Type.NVS))) {
            add(out, r, E820Type.NVS, notes);
        }
        for (MemoryRange r : IomemWalk.walk(iomem, 0, -1L, IomemWalk::reserved)) {
            add(out, r, E820Type.RESERVED, notes);
        }
        MemoryRange crash = crashKernels.get(0);
        if (crashKernels.size() > 1) {
            add(out, crashKernels.get(1), E820Type.RAM, notes);
        }
        for (MemoryRange piece : crashPieces(crash, header, kernel, notes)) {
            if (Long.compareUnsigned(piece.size(), PAGE_SIZE) < 0) {
                notes.add("crash kernel piece " + piece + " is smaller than a page; the kernel leaves it out");
                continue;
            }
            add(out, piece, E820Type.RAM, notes);
        }
        if (kernel.crashKernelCma()) {
            for (MemoryRange r : cma) {
                add(out, r, E820Type.RAM, notes);
            }
        }
        String cmd = "elfcorehdr=" + Numbers.hex(header.start());
        return new CaptureMemmap(out, sanitized(out, notes), List.of(cmd), header.start(), header.size(), notes);
    }

    /**
     * memmap_exclude_ranges(): the crash kernel as one crash_mem range minus the header segment, by
     * crash_exclude_mem_range(). A header strictly inside splits the range: 6.1 writes the second piece past
     * its one-entry array and goes on, 6.12 has no room and fails the load (-ENOMEM), 7.3 has three slots.
     */
    private static List<MemoryRange> crashPieces(MemoryRange crash, MemoryRange header, KernelVersion kernel,
                                                 List<String> notes) {
        MemoryRange hdr = header;
        if (!crash.overlaps(hdr)) {
            notes.add("the core header segment " + hdr + " is outside the crash kernel " + crash
                    + "; kexec_file_load places it at the crash kernel's start");
            return List.of(crash);
        }
        List<MemoryRange> pieces = new ArrayList<>();
        if (Long.compareUnsigned(hdr.start(), crash.start()) > 0) {
            pieces.add(new MemoryRange(crash.start(), hdr.start() - 1));
        }
        if (Long.compareUnsigned(hdr.end(), crash.end()) < 0) {
            pieces.add(new MemoryRange(hdr.end() + 1, crash.end()));
        }
        if (pieces.size() == 2) {
            if (kernel.modelled().equals(KernelVersion.LINUX_6_12)) {
                throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "core header segment",
                        String.format(Locale.ROOT, "%s splits the crash kernel %s; %s's memmap_exclude_ranges()"
                                + " has no room for a second piece and fails the load (-ENOMEM)", hdr, crash, kernel));
            }
            if (kernel.modelled().equals(KernelVersion.LINUX_6_1)) {
                notes.add(hdr + " splits the crash kernel; " + kernel + " writes the second piece past its"
                        + " one-entry crash_mem (arch/x86/kernel/crash.c memmap_exclude_ranges())");
            }
        }
        return pieces;
    }

    /** add_e820_entry(): appended while the zero page has room, dropped after. */
    private static void add(List<E820Entry> out, MemoryRange r, E820Type type, List<String> notes) {
        if (out.size() >= ZEROPAGE_ENTRIES) {
            notes.add("e820 entry " + r + " " + type.text() + " does not fit the zero page's " + ZEROPAGE_ENTRIES
                    + " entries; the kernel drops it");
            return;
        }
        out.add(new E820Entry(r, type));
    }

    static List<E820Entry> sanitized(List<E820Entry> entries, List<String> notes) {
        if (entries.size() < 2) {
            notes.add("fewer than two e820 entries: the capture kernel ignores them and makes up a map"
                    + " (arch/x86/kernel/e820.c e820__memory_setup_default())");
        } else if (E820Table.wraps(entries)) {
            notes.add("an e820 entry ends at 2^64 − 1: the capture kernel leaves its table unsorted");
        }
        return E820Table.sanitize(entries);
    }
}
