package org.dtcore.crash;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.memory.MemoryRange;

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
    /** One LMB entry of ibm,dynamic-memory(-v2), LMB_ENTRY_SIZE. */
    static final int LMB_ENTRY = 24;

    private KexecToolsPpc64() {
    }

    static KexecToolsMemory memory(KexecToolsInputs in) {
        DeviceTree tree = in.liveTree();
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
        // exclusive ends until the very end, as crashdump-ppc64.c keeps them
        List<long[]> out = new ArrayList<>();
        out.add(new long[] {0, BACKUP_END});
        List<FdtNode> entries = new ArrayList<>(tree.root().children());
        entries.sort(Comparator.comparing(FdtNode::name, KernfsOrder.READDIR));
        int memoryNodes = 0;
        for (FdtNode node : entries) {
            String name = node.name();
            if (name.equals(DRCONF)) {
                drconf(node, cstart, cend, limit, out);
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
            ByteBuffer b = reg.get().buffer();
            long start = b.getLong(0);
            long end = start + b.getLong(8);
            if (reg.get().length() > 16) {
                warnings.add("ppc64 (kexec-tools): " + reg.get().path() + " has " + (reg.get().length() / 16)
                        + " tuples; kexec-tools reads only the first");
            }
            if (start == 0 && Long.compareUnsigned(end, BACKUP_END) >= 0) {
                start = BACKUP_END;
            }
            excludeCrash(start, end, cstart, cend, limit, out);
        }
        int firmware = out.size();
        firmware(tree, "/rtas", "linux,rtas-base", "rtas-size", false, cstart, cend, in.pageSize(), out);
        firmware(tree, "/ibm,opal", "opal-base-address", "opal-runtime-size", true, cstart, cend, in.pageSize(), out);

        List<LoaderRange> ranges = new ArrayList<>();
        for (long[] r : out) {
            ranges.add(LoaderRange.ram(r[0], r[1] - 1));
        }
        List<MemoryRange> ram = KexecToolsRanges.ram(ranges);
        if (memoryNodes > 1) {
            warnings.add("ppc64 (kexec-tools): RAM PT_LOADs follow /proc/device-tree's readdir order of the "
                    + memoryNodes + " memory nodes, not addresses; the kernel sorts them");
        }
        for (int i = firmware; i < ram.size(); i++) {
            warnings.add(String.format(Locale.ROOT,"ppc64 (kexec-tools): firmware region %s inside the crash kernel appended"
                    + " last, its end rounded up to the %d-byte page; the kernel adds it with its exact size,"
                    + " in address order", ram.get(i), in.pageSize()));
        }
        return new KexecToolsMemory(ram, ranges.size(), new MemoryRange(0, BACKUP_END - 1), null, PAGE_OFFSET, 0,
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
    static void excludeCrash(long start, long end, long cstart, long cend, long limit, List<long[]> out) {
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
                out.add(new long[] {start, cstart});
            }
            if (Long.compareUnsigned(end, cend) > 0) {
                out.add(new long[] {cend, end});
            }
        } else {
            out.add(new long[] {start, end});
        }
    }

    /**
     * get_dyn_reconf_crash_memory_ranges(): ibm,dynamic-memory (else -v2) after its 4-byte count, 24-byte
     * entries; assigned LMBs that touch the run before them extend it, any other ends it.
     */
    static void drconf(FdtNode node, long cstart, long cend, long limit, List<long[]> out) {
        long lmbSize = word64(node, "ibm,lmb-size").orElseThrow(() ->
                new CrashException(node.path(), "ppc64: no ibm,lmb-size"));
        Optional<FdtProperty> v1 = node.property("ibm,dynamic-memory");
        FdtProperty p = v1.or(() -> node.property("ibm,dynamic-memory-v2")).orElseThrow(() ->
                new CrashException(node.path(), "ppc64: neither ibm,dynamic-memory nor ibm,dynamic-memory-v2"));
        boolean v2 = v1.isEmpty();
        ByteBuffer b = p.buffer();
        if (b.remaining() < 4) {
            throw new CrashException(p.path(), "ppc64: shorter than its 4-byte count");
        }
        long sets = Integer.toUnsignedLong(b.getInt(0));
        if (4 + sets * LMB_ENTRY > b.remaining()) {
            throw new CrashException(p.path(), String.format(Locale.ROOT,"ppc64: %d entries of %d bytes run past the %d-byte"
                    + " value", sets, LMB_ENTRY, b.remaining()));
        }
        long startRange = 0;
        long endRange = 0;
        for (int i = 0; i < sets; i++) {
            int at = 4 + i * LMB_ENTRY;
            long size = v2 ? Integer.toUnsignedLong(b.getInt(at)) * lmbSize : lmbSize;
            long start = b.getLong(at + (v2 ? 4 : 0));
            long end = start + size;
            if (start == 0 && Long.compareUnsigned(end, BACKUP_END) >= 0) {
                start = BACKUP_END;
            }
            int flags = b.getInt(at + 20);
            if ((flags & 0x80) != 0 || (flags & 0x8) == 0) {
                continue;
            }
            if (start != endRange) {
                if (startRange != endRange) {
                    excludeCrash(startRange, endRange, cstart, cend, limit, out);
                }
                startRange = start;
            }
            endRange = end;
        }
        if (startRange != endRange) {
            excludeCrash(startRange, endRange, cstart, cend, limit, out);
        }
    }

    /** A firmware region (RTAS, OPAL) overlapping the crash kernel: the overlap, end rounded up to the page. */
    private static void firmware(DeviceTree tree, String path, String baseProp, String sizeProp, boolean wide,
                                 long cstart, long cend, long page, List<long[]> out) {
        Optional<FdtNode> node = tree.node(path);
        if (node.isEmpty()) {
            return;
        }
        Optional<Long> base = wide ? word64(node.get(), baseProp) : word32(node.get(), baseProp);
        Optional<Long> size = wide ? word64(node.get(), sizeProp) : word32(node.get(), sizeProp);
        if (base.isEmpty() || size.isEmpty()) {
            return;
        }
        long start = base.get();
        long end = start + size.get();
        if (Long.compareUnsigned(cstart, end) < 0 && Long.compareUnsigned(start, cend) < 0) {
            long s = Long.compareUnsigned(start, cstart) < 0 ? cstart : start;
            long e = Long.compareUnsigned(end, cend) > 0 ? cend : end;
            e = (e + page - 1) & -page;
            out.add(new long[] {s, e});
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

    /** The first 4 bytes, as kexec-tools' fread of an unsigned int. */
    private static Optional<Long> word32(FdtNode node, String name) {
        return node.property(name).map(p -> {
            if (p.length() < 4) {
                throw new CrashException(p.path(), "ppc64: kexec-tools reads 4 bytes; found " + p.length());
            }
            return Integer.toUnsignedLong(p.buffer().getInt(0));
        });
    }
}
