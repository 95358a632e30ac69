package org.dtcore.crash;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;
import org.dtcore.memory.DrconfFormat;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.PowerPcFirmware;

/**
 * ppc64's crash memory as kexec-tools 2.0.25 builds it (kexec/arch/ppc64/crashdump-ppc64.c
 * get_crash_memory_ranges, get_dyn_reconf_crash_memory_ranges, exclude_crash_region; the firmware
 * regions from kexec/arch/ppc64/kexec-ppc64.c get_devtree_details), reading /proc/device-tree:
 * <ul>
 *   <li>the backup range [0, 0xffff] first;</li>
 *   <li>then the root's entries in readdir order ({@link KernfsOrder}): each memory@ node gives its first
 *       {@code reg} tuple only (two 64-bit cells), starting at 64 KiB when it starts at 0; the drconf
 *       LMBs assigned to the partition (flag 0x8, not reserved 0x80) give runs of adjacent LMBs, merged
 *       only with each other. Each is cut by the crash kernel (and linux,memory-limit), unsorted;</li>
 *   <li>RTAS and OPAL only where they overlap the crash kernel, clipped to it, the end rounded up to the
 *       page, appended last.</li>
 * </ul>
 * vaddr = paddr + 0xc000000000000000; ranges ending at or above MAXMEM (2^60) get vaddr −1.
 */
final class KexecToolsPpc64 {
    static final long BACKUP_END = 0x10000;
    static final long PAGE_OFFSET = 0xc000_0000_0000_0000L;
    /** MAXMEM = −(KERNELBASE − VMALLOCBASE) of crashdump-ppc64.h. */
    static final long MAXMEM = 0x1000_0000_0000_0000L;
    static final String DRCONF = "ibm,dynamic-reconfiguration-memory";
    static final String COHERENT = "ibm,coherent-device-memory";
    /** kexec-tools reads a memory node's reg as u64 pairs, whatever the root's cells (get_crash_memory_ranges). */
    static final Cells U64_PAIRS = new Cells(2, 2);

    private KexecToolsPpc64() {
    }

    static KexecToolsMemory memory(KexecToolsInputs in) {
        DeviceTree tree = in.liveTree().orElse(null);
        if (tree == null) {
            throw new CrashException(CrashException.Kind.LOADER_REFUSES, "/proc/device-tree", Wording.of("ppc64:"
                    + " kexec-tools reads the memory layout from /proc/device-tree; give ", Given.SYSTEM_ROOT,
                    " with the live tree as a folder (proc/device-tree)"));
        }
        List<String> warnings = new ArrayList<>();
        FdtNode chosen = tree.node("/chosen").orElseThrow(() ->
                new CrashException("/chosen", "ppc64: no /chosen in the live tree"));
        MemoryRange crash = in.crashKernels().isEmpty() ? crashKernel(chosen) : in.crashKernels().get(0);
        long cstart = crash.start();
        long cend = crash.end() + 1;
        long limit = word64(chosen, "linux,memory-limit").orElse(0L);
        // crashdump-ppc64.c keeps exclusive ends; each is made inclusive as it is added
        List<LoaderRange> ranges = new ArrayList<>();
        ranges.add(LoaderRange.ram(0, BACKUP_END - 1));
        List<FdtNode> entries = new ArrayList<>(tree.root().children());
        entries.sort(Comparator.comparing(FdtNode::name, KernfsOrder.READDIR));
        int memoryNodes = 0;
        for (FdtNode node : entries) {
            String name = node.name();
            if (name.equals(DRCONF)) {
                drconf(node, cstart, cend, limit, ranges);
                continue;
            }
            if (!name.startsWith("memory@") && !name.equals("memory")) {
                continue;
            }
            if (node.property("compatible").map(KexecToolsPpc64::coherentDeviceMemory).orElse(false)) {
                continue;
            }
            Optional<FdtProperty> reg = node.property("reg");
            if (reg.isEmpty()) {
                continue;
            }
            if (reg.get().length() < 16) {
                throw new CrashException(reg.get().path(), "ppc64: kexec-tools reads a 16-byte (address, size)"
                        + " tuple; found " + reg.get().length() + " bytes");
            }
            memoryNodes++;
            RegEntry first = U64_PAIRS.tuples(reg.get()).get(0);
            long start = first.address();
            long end = start + first.size();
            if (reg.get().length() > 16) {
                warnings.add("ppc64 (kexec-tools): " + reg.get().path() + " has " + (reg.get().length() / 16)
                        + " tuples; kexec-tools reads only the first");
            }
            if (start == 0 && Long.compareUnsigned(end, BACKUP_END) >= 0) {
                start = BACKUP_END;
            }
            excludeCrash(start, end, cstart, cend, limit, ranges);
        }
        int firmware = ranges.size();
        // get_devtree_details reads both regions; crashdump-ppc64.c adds back the part inside the crash kernel
        PowerPcFirmware.rtas(tree, PowerPcFirmware.Reader.KEXEC_TOOLS)
                .ifPresent(r -> firmware(r, cstart, cend, in.pageSize(), ranges));
        PowerPcFirmware.opal(tree, PowerPcFirmware.Reader.KEXEC_TOOLS)
                .ifPresent(r -> firmware(r, cstart, cend, in.pageSize(), ranges));
        List<MemoryRange> ram = KexecToolsRanges.ram(ranges);
        if (memoryNodes > 1) {
            warnings.add("ppc64 (kexec-tools): RAM PT_LOADs follow /proc/device-tree's readdir order of the "
                    + memoryNodes + " memory nodes, not addresses; the kernel sorts them");
        }
        for (int i = firmware; i < ram.size(); i++) {
            warnings.add("ppc64 (kexec-tools): firmware region " + ram.get(i) + " inside the crash kernel appended"
                    + " last, its end rounded up to the " + in.pageSize() + "-byte page; the kernel adds it with its"
                    + " exact size, in address order");
        }
        return new KexecToolsMemory(ram, ranges.size(), Optional.of(new MemoryRange(0, BACKUP_END - 1)),
                Optional.empty(), PAGE_OFFSET, 0,
                MAXMEM, warnings);
    }

    private static MemoryRange crashKernel(FdtNode chosen) {
        return ReservedCrashKernel.of(chosen, ReservedCrashKernel.Reading.KEXEC_TOOLS).orElseThrow(() ->
                new CrashException(CrashException.Kind.LOADER_REFUSES, chosen.path(), Wording.of("ppc64: no"
                        + " linux,crashkernel-base/-size in the live tree's /chosen: kexec -p needs the region"
                        + " crashkernel= reserved (or give ", Given.CRASH_KERNEL, ")")));
    }

    /**
     * is_coherent_device_mem(): kexec-tools freads at most 32 bytes of {@code compatible} and strncmp()s 26
     * of them with "ibm,coherent-device-memory", so only the start of the first string counts; a list of
     * several strings (or one that is not NUL-terminated) is read the same way, never refused.
     */
    static boolean coherentDeviceMemory(FdtProperty compatible) {
        byte[] want = COHERENT.getBytes(StandardCharsets.US_ASCII);
        byte[] have = compatible.bytes();
        return have.length >= want.length && Arrays.equals(have, 0, want.length, want, 0, want.length);
    }

    /** exclude_crash_region(): [start, end) less the crash kernel [cstart, cend), capped at memory_limit. */
    static void excludeCrash(long start, long end, long cstart, long cend, long limit, List<LoaderRange> out) {
        if (limit != 0) {
            if (Long.compareUnsigned(start, limit) >= 0) {
                return;
            }
            if (Long.compareUnsigned(end, limit) > 0) {
                end = limit;
            }
        }
        if (Long.compareUnsigned(cstart, end) < 0 && Long.compareUnsigned(cend, start) > 0) {
            if (Long.compareUnsigned(start, cstart) < 0) {
                out.add(LoaderRange.ram(start, cstart - 1));
            }
            if (Long.compareUnsigned(end, cend) > 0) {
                out.add(LoaderRange.ram(cend, end - 1));
            }
        } else {
            out.add(LoaderRange.ram(start, end - 1));
        }
    }

    /**
     * get_dyn_reconf_crash_memory_ranges(): ibm,dynamic-memory (else -v2) read with kexec-tools' fixed cells
     * ({@link DrconfFormat#KEXEC_TOOLS}); assigned LMBs that touch the run before them extend it, any other
     * ends it.
     */
    static void drconf(FdtNode node, long cstart, long cend, long limit, List<LoaderRange> out) {
        if (!node.hasProperty("ibm,lmb-size")) {
            throw new CrashException(node.path(), "ppc64: no ibm,lmb-size");
        }
        long lmbSize = DrconfFormat.lmbSize(node, DrconfFormat.KEXEC_TOOLS).orElseThrow(() ->
                new CrashException(node.path() + "/ibm,lmb-size", "ppc64: kexec-tools reads 8 bytes; found "
                        + node.property("ibm,lmb-size").orElseThrow().length()));
        FdtProperty p = DrconfFormat.list(node).orElseThrow(() ->
                new CrashException(node.path(), "ppc64: neither ibm,dynamic-memory nor ibm,dynamic-memory-v2"));
        DrconfFormat.problem(p, DrconfFormat.KEXEC_TOOLS).ifPresent(problem -> {
            throw new CrashException(p.path(), "ppc64: " + problem);
        });
        LmbRun run = new LmbRun(cstart, cend, limit, out);
        DrconfFormat.walk(p, DrconfFormat.KEXEC_TOOLS, (i, count, base, aa, flags) -> {
            long start = base;
            long end = start + count * lmbSize;
            if (start == 0 && Long.compareUnsigned(end, BACKUP_END) >= 0) {
                start = BACKUP_END;
            }
            if ((flags & 0x80) == 0 && (flags & 0x8) != 0) {
                run.add(start, end);
            }
        });
        run.flush();
    }

    /**
     * get_dyn_reconf_crash_memory_ranges' startrange and endrange (exclusive, as kexec-tools keeps them): an
     * LMB that starts where the run ends extends it, any other ends it (cut by the crash kernel) and starts
     * the next.
     */
    private static final class LmbRun {
        private final long cstart;
        private final long cend;
        private final long limit;
        private final List<LoaderRange> out;
        private long start;
        private long end;

        LmbRun(long cstart, long cend, long limit, List<LoaderRange> out) {
            this.cstart = cstart;
            this.cend = cend;
            this.limit = limit;
            this.out = out;
        }

        void add(long lmbStart, long lmbEnd) {
            if (lmbStart != end) {
                flush();
                start = lmbStart;
            }
            end = lmbEnd;
        }

        /** Adds the run so far, if any. */
        void flush() {
            if (start != end) {
                excludeCrash(start, end, cstart, cend, limit, out);
            }
        }
    }

    /**
     * A firmware region (RTAS, OPAL) overlapping the crash kernel: the overlap, its end rounded up to the
     * page (crashdump-ppc64.c get_crash_memory_ranges: "rtas-size is not required to be a multiple of
     * PAGE_SIZE").
     */
    private static void firmware(PowerPcFirmware.Region region, long cstart, long cend, long page,
                                 List<LoaderRange> out) {
        long start = region.pair().address();
        long end = start + region.pair().size();
        if (Long.compareUnsigned(cstart, end) < 0 && Long.compareUnsigned(start, cend) < 0) {
            long s = Long.compareUnsigned(start, cstart) < 0 ? cstart : start;
            long e = Long.compareUnsigned(end, cend) > 0 ? cend : end;
            e = (e + page - 1) & -page;
            out.add(LoaderRange.ram(s, e - 1));
        }
    }

    /** The first 8 bytes, as kexec-tools' fread of a uint64_t; a shorter value is refused. */
    private static Optional<Long> word64(FdtNode node, String name) {
        return node.property(name).map(p -> {
            if (p.length() < 8) {
                throw new CrashException(p.path(), "ppc64: kexec-tools reads 8 bytes; found " + p.length());
            }
            return p.buffer().getLong(0);
        });
    }
}
