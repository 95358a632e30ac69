package org.dtcore.capture;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dtcore.crash.KexecToolsRanges;
import org.dtcore.crash.LoaderRange;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * The e820 map and command line kexec-tools 2.0.25 (kexec_load, {@code kexec -p}) gives an x86_64 capture
 * kernel: kexec/arch/i386/crashdump-x86.c load_crashdump_segments() builds a list of the memory the capture
 * kernel may boot into (memmap_p, 1 KiB granular) and x86-linux-setup.c setup_e820() writes it:
 * <ol>
 * <li>the backup source (get_backup_area(): the first RAM range of the crash memory ranges ending at or
 *     below 640 KiB) and every "Crash kernel" region, as RAM (add_memmap(): RAM shrunk to 1 KiB);</li>
 * <li>the backup segment, ALIGN(backup size, 1 KiB) bytes placed top-down in the crash kernel by
 *     add_buffer() (page-rounded, page-aligned), taken out again by its 1 KiB size (delete_memmap()), so a
 *     backup size that is not whole pages leaves the page's tail as RAM (recorded: 0x7efffc00-0x7effffff);</li>
 * <li>the core header segment, max(16 KiB, its buffer) bytes placed top-down below it, taken out;</li>
 * <li>every ACPI, NVS, reserved and persistent-memory range of the crash memory ranges, in /proc/iomem's
 *     order; add_memmap() refuses one overlapping what is listed, and kexec-tools ignores the refusal.</li>
 * </ol>
 * The command line gets " acpi_rsdp=0x..." when kexec-tools found the RSDP (not modelled: an input), then
 * " elfcorehdr=&lt;KiB&gt;K". With {@code --pass-memmap-cmdline} the list goes on the command line instead
 * (" memmap=exactmap" and one "memmap=" per RAM of 100 KiB and more, ACPI, NVS and PRAM range,
 * cmdline_add_memmap()) and the boot parameters carry the first kernel's whole memory map (get_memory_ranges():
 * /sys/firmware/memmap, else /proc/iomem), which is then what the capture kernel's /sys/firmware/memmap shows.
 */
public final class KexecToolsCaptureMemmap {
    /** ELF_CORE_HEADER_ALIGN and add_memmap()'s granularity (kexec/crashdump.h, crashdump-x86.c). */
    static final long ALIGN = 1024;
    /** getpagesize() on x86. */
    static final long PAGE = 4096;
    /** The header segment is at least this big ("bloat the memsz of elf core header segment to 16K"). */
    static final long MIN_HEADER = 16 * 1024;
    /** CRASH_MAX_MEMMAP_NR (crashdump-x86.h). */
    static final int MAX_MEMMAP = 1024;
    /** REALMODE_IVT_END (kexec-x86-common.c): the interrupt table is not RAM to kexec-tools. */
    static final long IVT_END = 0x400;
    /** A RAM range below this many KiB is not worth a memmap= word (cmdline_add_memmap()'s min_sizek). */
    static final long MIN_SIZE_K = 100;

    /**
     * What kexec-tools reads and what the user sets.
     *
     * @param iomem           the first kernel's /proc/iomem
     * @param crashKernels    the "Crash kernel" regions
     * @param memoryRanges    get_memory_ranges(): the first kernel's memory map as kexec-tools reads it
     *                        ({@link #memoryRanges})
     * @param cpus            the CPUs the header counts (sysconf(_SC_NPROCESSORS_CONF)), if known
     * @param backupStart     where the backup segment is, if known (kexec -d prints it); else placed
     * @param elfCoreHeader   where the header segment is, if known; else placed
     * @param acpiRsdp        the RSDP address kexec-tools passes, if it finds one
     * @param passMemmapCmdline kexec's --pass-memmap-cmdline
     */
    public record Inputs(List<IomemEntry> iomem, List<MemoryRange> crashKernels, List<LoaderRange> memoryRanges,
                  OptionalInt cpus, OptionalLong backupStart, OptionalLong elfCoreHeader, OptionalLong acpiRsdp,
                  boolean passMemmapCmdline) {
    }

    private KexecToolsCaptureMemmap() {
    }

    /**
     * The capture kernel's e820 map and command line, as the class comment lists the steps.
     *
     * @param in what kexec-tools reads and what the user sets
     * @return the boot parameters' entries, the map the capture kernel keeps, the command-line words
     * @throws CaptureException where kexec-tools fails the load (a crash kernel it cannot add, no room for a
     *                          segment, a core header address that is not 1 KiB aligned)
     */
    public static CaptureMemmap build(Inputs in) {
        List<String> notes = new ArrayList<>();
        List<MemoryRange> crash = new ArrayList<>(in.crashKernels());
        crash.sort(MemoryRange::compareTo);
        List<LoaderRange> ranges = KexecToolsRanges.x86CrashRanges(in.iomem(), crash);
        MemoryRange backupSource = KexecToolsRanges.x86BackupArea(ranges);
        List<LoaderRange> memmap = new ArrayList<>();
        addMemmap(memmap, backupSource.start(), backupSource.size(), LoaderRange.Type.RAM, notes);
        for (MemoryRange c : crash) {
            if (!addMemmap(memmap, c.start(), c.size(), LoaderRange.Type.RAM, notes)) {
                throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "crash kernel", "kexec-tools cannot"
                        + " add the crash kernel " + c + " to the capture kernel's memory (it overlaps the backup"
                        + " source or is below 1 KiB): kexec -p fails (ENOCRASHKERNEL)");
            }
        }
        // get_crash_kernel_load_range(): the highest region holds the segments
        MemoryRange loadRange = crash.get(crash.size() - 1);
        List<MemoryRange> segments = new ArrayList<>();
        long backupSize = align(backupSource.size(), ALIGN);
        long backupStart = in.backupStart().isPresent() ? in.backupStart().getAsLong()
                : place(in.memoryRanges(), segments, align(backupSize, PAGE), loadRange, "the backup segment");
        segments.add(MemoryRange.ofSize(backupStart, align(backupSize, PAGE), "the backup segment"));
        deleteMemmap(memmap, backupStart, backupSize, "the backup segment");

        long bufsz = headerBuffer(in, ranges.size(), notes);
        long memsz = Long.compareUnsigned(bufsz, MIN_HEADER) < 0 ? MIN_HEADER : bufsz;
        long elf = in.elfCoreHeader().isPresent() ? in.elfCoreHeader().getAsLong()
                : place(in.memoryRanges(), segments, align(memsz, PAGE), loadRange, "the core header segment");
        deleteMemmap(memmap, elf, memsz, "the core header segment");

        List<String> cmd = new ArrayList<>();
        if (in.acpiRsdp().isPresent()) {
            cmd.add("acpi_rsdp=" + Numbers.hex(in.acpiRsdp().getAsLong()));
        } else {
            notes.add("kexec-tools also appends acpi_rsdp=ADDR when it finds the RSDP (/sys/kernel/boot_params, the"
                    + " EFI system table) and the system has no EFI runtime map; not shown unless given");
        }
        if (elf % ALIGN != 0) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "core header segment",
                    Numbers.hex(elf) + " is not 1 KiB aligned: cmdline_add_elfcorehdr() refuses it");
        }
        cmd.add("elfcorehdr=" + Long.toUnsignedString(elf / ALIGN) + "K");

        // "Inform second kernel about the presence of ACPI tables": the other types, refusals ignored
        for (LoaderRange r : ranges) {
            if (r.type() != LoaderRange.Type.RAM) {
                addMemmap(memmap, r.start(), r.end() - r.start() + 1, r.type(), notes);
            }
        }
        List<LoaderRange> bootParams = memmap;
        if (in.passMemmapCmdline()) {
            cmd.addAll(memmapWords(memmap));
            bootParams = in.memoryRanges();
            notes.add("--pass-memmap-cmdline: the boot parameters carry the first kernel's memory map, which the"
                    + " capture kernel's /sys/firmware/memmap shows; memmap=exactmap and the memmap= words say"
                    + " what it may use");
        }
        List<E820Entry> e820 = new ArrayList<>();
        for (LoaderRange r : bootParams) {
            e820.add(new E820Entry(new MemoryRange(r.start(), r.end()), e820Type(r.type())));
        }
        return new CaptureMemmap(e820, KernelCaptureMemmap.sanitized(e820, notes), cmd, elf, memsz, notes);
    }

    /**
     * get_memory_ranges() (kexec-x86-common.c): /sys/firmware/memmap's entries sorted by start (its type
     * names read by firmware_memmap.c parse_memmap_entry()), else /proc/iomem's System RAM, reserved, ACPI
     * and persistent-memory lines in file order; then the first RAM range starting below 0x400 starts there.
     *
     * @param firmware the firmware map's (start, end, type name) entries, or empty when the root has none
     * @param iomem    the first kernel's /proc/iomem, read when there is no firmware map
     * @param notes    where a note is added for each firmware type name kexec-tools does not know
     * @return the ranges, each with its RANGE_* type
     */
    public static List<LoaderRange> memoryRanges(Optional<List<FirmwareEntry>> firmware, List<IomemEntry> iomem,
                                                 List<String> notes) {
        List<LoaderRange> out = new ArrayList<>();
        if (firmware.isPresent()) {
            for (FirmwareEntry e : firmware.get()) {
                out.add(new LoaderRange(e.range().start(), e.range().end(), firmwareType(e.type(), notes)));
            }
            out.sort((a, b) -> Long.compareUnsigned(a.start(), b.start()));
        } else {
            for (IomemEntry e : iomem) {
                LoaderRange.Type t = iomemType(e.name());
                if (t != null) {
                    out.add(new LoaderRange(e.range().start(), e.range().end(), t));
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            LoaderRange r = out.get(i);
            if (r.type() == LoaderRange.Type.RAM && Long.compareUnsigned(r.start(), IVT_END) < 0) {
                out.set(i, r.withStart(IVT_END));
                break;
            }
        }
        return out;
    }

    /**
     * One /sys/firmware/memmap entry as kexec-tools reads it.
     *
     * @param range start .. end, inclusive
     * @param type  the type name, without its newline
     */

    public record FirmwareEntry(MemoryRange range, String type) {
    }

    private static LoaderRange.Type firmwareType(String type, List<String> notes) {
        return switch (type) {
            case "System RAM" -> LoaderRange.Type.RAM;
            case "ACPI Tables" -> LoaderRange.Type.ACPI;
            case "ACPI Non-volatile Storage" -> LoaderRange.Type.ACPI_NVS;
            case "Persistent Memory (legacy)" -> LoaderRange.Type.PRAM;
            case "Persistent Memory" -> LoaderRange.Type.PMEM;
            case "Unusable memory", "reserved", "Reserved", "Unknown E820 type", "Uncached RAM" ->
                    LoaderRange.Type.RESERVED;
            default -> {
                notes.add("/sys/firmware/memmap type " + Numbers.shorten(type) + ": kexec-tools does not know it"
                        + " and takes it as reserved");
                yield LoaderRange.Type.RESERVED;
            }
        };
    }

    /** get_memory_ranges_proc_iomem(): exact names, "reserved" in any case. */
    private static LoaderRange.Type iomemType(String name) {
        if (name.equals("System RAM")) {
            return LoaderRange.Type.RAM;
        }
        if (name.equalsIgnoreCase("reserved")) {
            return LoaderRange.Type.RESERVED;
        }
        return switch (name) {
            case "ACPI Tables" -> LoaderRange.Type.ACPI;
            case "ACPI Non-volatile Storage" -> LoaderRange.Type.ACPI_NVS;
            case "Persistent Memory (legacy)" -> LoaderRange.Type.PRAM;
            case "Persistent Memory" -> LoaderRange.Type.PMEM;
            default -> null;
        };
    }

    /** add_e820_map_from_mr(): kexec-tools' types as e820 types. */
    static E820Type e820Type(LoaderRange.Type t) {
        return switch (t) {
            case RAM -> E820Type.RAM;
            case ACPI -> E820Type.ACPI;
            case ACPI_NVS -> E820Type.NVS;
            case PMEM -> E820Type.PMEM;
            case PRAM -> E820Type.PRAM;
            case RESERVED -> E820Type.RESERVED;
        };
    }

    /**
     * crash_create_elf64_headers()'s buffer (kexec/crashdump-elf.c): Ehdr + (CPUs + vmcoreinfo + every crash
     * memory range + the kernel text) program headers, rounded up to 1 KiB.
     */
    private static long headerBuffer(Inputs in, int ranges, List<String> notes) {
        if (in.cpus().isEmpty()) {
            notes.add("CPU count unknown: the core header is taken to fit 16 KiB (291 program headers), the size"
                    + " kexec-tools reserves at least");
            return MIN_HEADER;
        }
        long phdrs = in.cpus().getAsInt() + 1L + ranges + 1L;
        return align(64 + phdrs * 56, ALIGN);
    }

    /**
     * locate_hole() top-down (kexec/kexec.c) within [mem_min, mem_max] = the crash kernel: the RAM of the
     * memory map minus the segments already placed, each piece's start raised to the page, the highest piece
     * that holds {@code size} bytes, its end less {@code size} rounded down to the page.
     */
    private static long place(List<LoaderRange> memory, List<MemoryRange> segments, long size, MemoryRange within,
                              String what) {
        List<MemoryRange> sorted = new ArrayList<>(segments);
        sorted.sort(MemoryRange::compareTo);
        List<MemoryRange> free = new ArrayList<>();
        int j = 0;
        for (LoaderRange m : memory) {
            if (m.type() != LoaderRange.Type.RAM) {
                continue;
            }
            long mstart = m.start();
            long mend = m.end();
            while (j < sorted.size() && Long.compareUnsigned(sorted.get(j).start(), mend) <= 0) {
                MemoryRange seg = sorted.get(j);
                if (Long.compareUnsigned(mstart, seg.start()) < 0) {
                    free.add(new MemoryRange(mstart, seg.start() - 1));
                }
                mstart = seg.end() + 1;
                j++;
            }
            if (Long.compareUnsigned(mstart, mend) < 0) {
                free.add(new MemoryRange(mstart, mend));
            }
        }
        long base = -1L;
        boolean found = false;
        for (MemoryRange f : free) {
            long start = Long.compareUnsigned(f.start(), within.start()) < 0 ? within.start() : f.start();
            start = align(start, PAGE);
            long end = Long.compareUnsigned(f.end(), within.end()) > 0 ? within.end() : f.end();
            if (Long.compareUnsigned(start, end) >= 0 || Long.compareUnsigned(start, within.end()) >= 0
                    || Long.compareUnsigned(end, within.start()) <= 0) {
                continue;
            }
            if (Long.compareUnsigned(end - start, size - 1) >= 0) {
                base = (end - size + 1) & -PAGE;
                found = true;
            }
        }
        if (!found) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, what, "kexec-tools finds no "
                    + Numbers.hex(size) + " bytes of RAM for it in the crash kernel " + within + ": kexec -p fails");
        }
        return base;
    }

    /** add_memmap(): false where kexec-tools refuses the range (overlap, list full, nothing left of RAM). */
    static boolean addMemmap(List<LoaderRange> memmap, long addr, long size, LoaderRange.Type type,
                             List<String> notes) {
        long a = addr;
        long sz = size;
        if (type == LoaderRange.Type.RAM && (a % ALIGN != 0 || sz % ALIGN != 0)) {
            long end = a + sz;
            a = align(a, ALIGN);
            end = end & -ALIGN;
            if (Long.compareUnsigned(a, end) >= 0) {
                return false;
            }
            notes.add("kexec-tools shrinks RAM [" + Numbers.hex(addr) + ", " + Numbers.hex(addr + size)
                    + ") to whole KiB: [" + Numbers.hex(a) + ", " + Numbers.hex(end) + ")");
            sz = end - a;
        }
        if (memmap.size() == MAX_MEMMAP) {
            return false;
        }
        int at = 0;
        for (int i = 0; i < memmap.size(); i++) {
            LoaderRange m = memmap.get(i);
            if (Long.compareUnsigned(m.start(), a + sz - 1) <= 0 && Long.compareUnsigned(m.end(), a) >= 0) {
                return false;
            }
            if (Long.compareUnsigned(a, m.end()) > 0) {
                at = i + 1;
            }
        }
        memmap.add(at, new LoaderRange(a, a + sz - 1, type));
        return true;
    }

    /**
     * delete_memmap(): [addr, addr + size) out of the one entry holding it (removed, trimmed or split); both
     * must be 1 KiB multiples. Where kexec-tools fails, so does this.
     */
    static void deleteMemmap(List<LoaderRange> memmap, long addr, long size, String what) {
        if (addr % ALIGN != 0 || size % ALIGN != 0) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, what, Numbers.hex(size) + " bytes at "
                    + Numbers.hex(addr) + " are not whole KiB: kexec-tools' delete_memmap() fails the load");
        }
        long last = addr + size - 1;
        for (int i = 0; i < memmap.size(); i++) {
            LoaderRange m = memmap.get(i);
            if (Long.compareUnsigned(m.start(), addr) > 0 || Long.compareUnsigned(m.end(), last) < 0) {
                continue;
            }
            if (m.start() == addr && m.end() == last) {
                memmap.remove(i);
            } else if (m.start() != addr && m.end() != last) {
                memmap.set(i, m.withEnd(addr - 1));
                memmap.add(i + 1, new LoaderRange(last + 1, m.end(), m.type()));
            } else if (m.start() != addr) {
                memmap.set(i, m.withEnd(addr - 1));
            } else {
                memmap.set(i, m.withStart(last + 1));
            }
            return;
        }
        throw new CaptureException(CaptureException.Kind.BAD_REQUEST, what, "[" + Numbers.hex(addr) + ", "
                + Numbers.hex(last) + "] lies in no memory the capture kernel gets: kexec-tools' delete_memmap() fails"
                + " the load");
    }

    /** cmdline_add_memmap(): " memmap=exactmap", then RAM (100 KiB and more), ACPI, NVS and PRAM entries. */
    private static List<String> memmapWords(List<LoaderRange> memmap) {
        List<String> out = new ArrayList<>();
        out.add("memmap=exactmap");
        for (LoaderRange m : memmap) {
            long startk = Long.divideUnsigned(m.start(), ALIGN);
            long endk = Long.divideUnsigned(m.end() + 1, ALIGN);
            String sep;
            switch (m.type()) {
                case RAM -> sep = "K@";
                case ACPI, ACPI_NVS -> {
                    sep = "K#";
                    endk = Long.divideUnsigned(align(m.end() + 1, ALIGN), ALIGN);
                }
                case PRAM -> sep = "K!";
                default -> {
                    continue;
                }
            }
            if (startk == 0 && endk == 0) {
                break;
            }
            if (m.type() == LoaderRange.Type.RAM && endk - startk < MIN_SIZE_K) {
                continue;
            }
            out.add("memmap=" + Long.toUnsignedString(endk - startk) + sep + Long.toUnsignedString(startk) + "K");
        }
        return out;
    }

    private static long align(long v, long to) {
        return (v + to - 1) & -to;
    }
}
