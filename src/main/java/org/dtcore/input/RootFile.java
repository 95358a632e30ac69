package org.dtcore.input;

import java.util.List;
import java.util.Optional;

/**
 * The files a system root offers (SPEC §10), declared once: where each lies under the root, what kind of
 * file it is and how much of it is read at most. Every reader of a {@link SystemRoot} asks for one of these,
 * never for a path of its own, so this list is exactly what dtcore reads of a running system, and what a
 * snapshot of one must copy. Which layer decides what a file means is noted on each.
 *
 * <p>A path may hold {@code {N}} in one component: the file exists once per number there
 * ({@code cpu{N}}: cpu0, cpu1 ...; {@link SystemRoot#instances}). A file with two paths is the first of them
 * that is there ({@code proc/device-tree} is a link to {@code sys/firmware/devicetree/base} on Linux).
 *
 * <p>A snapshot (docs/snapshot-audit.md) copies each to its first path, a link's target as a file, with three
 * rules of its own, each noted on the file: the live tree only where the architecture reads it, the crash
 * kernel properties with it, and of kallsyms only the symbols dtcore reads.
 */
public enum RootFile {
    /** The booted device tree blob (fdt: the tree). */
    FDT_BLOB(Kind.BLOB, Caps.BLOB, "sys/firmware/fdt"),
    /**
     * The live tree as a folder, which also carries what the kernel added at boot (powerpc's
     * linux,crashkernel-base, linux,rtas-base ...): fdt reads it; its cap is one property's. A snapshot copies
     * it where it is read: on powerpc (kexec-tools reads it, and the crash kernel is only there), and where
     * there is no booted blob (the booted tree is then the folder).
     */
    DEVICE_TREE(Kind.FOLDER, Caps.PROPERTY, "proc/device-tree", "sys/firmware/devicetree/base"),
    /**
     * RAM, "Crash kernel", "Kernel code" (memory: SPEC §7). Every address reads 0 to a reader without
     * CAP_SYS_ADMIN (kernel/resource.c r_show()).
     */
    IOMEM(Kind.TEXT, Caps.TEXT, "proc/iomem"),
    /**
     * The kernel command line (crashkernel=, SPEC §6): x86's capture memory map reads add_efi_memmap in it
     * (kdump); the crash kernel comes from /proc/iomem's "Crash kernel" or the tree's /chosen instead.
     */
    CMDLINE(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "proc/cmdline"),
    /** The running kernel's release, whose rules apply (memory/KernelVersion, read by kdump). */
    OSRELEASE(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "proc/sys/kernel/osrelease"),
    /** The machine as uname -m prints it, "ppc64le" (kdump: kexec-tools' host byte order). */
    MACHINE(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "proc/sys/kernel/arch"),
    /**
     * Kernel symbols: _text, _stext, _end and what kexec-tools looks up (context). Shown as zeros without
     * CAP_SYSLOG or with kptr_restrict 2 (kernel/ksyms_common.c kallsyms_show_value()); a snapshot keeps
     * only the lines of the symbols dtcore reads.
     */
    KALLSYMS(Kind.TEXT, Caps.SYMBOLS, "proc/kallsyms"),
    /** "ADDRESS SIZE" of the vmcoreinfo note (context, SPEC §10). */
    VMCOREINFO(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/kernel/vmcoreinfo"),
    /**
     * CPU N's crash note address, "%llx" (context, SPEC §10). Only a kernel with kexec crash support has the
     * notes (crash_notes: kernel/kexec_core.c under CONFIG_KEXEC_CORE in 6.1, kernel/crash_core.c under
     * CONFIG_CRASH_DUMP from 6.9), and so the file (drivers/base/cpu.c, readable by root only). The vmcoreinfo
     * note does not tell: it has its own option (CONFIG_CRASH_CORE, CONFIG_VMCORE_INFO from 6.9).
     */
    CRASH_NOTES(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/devices/system/cpu/cpu{N}/crash_notes"),
    /** CPU N's crash note size, "%zu" (context). */
    CRASH_NOTES_SIZE(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/devices/system/cpu/cpu{N}/crash_notes_size"),
    /**
     * powerpc's crash kernel base, a native word the kernel adds to the live /chosen (crash:
     * arch/powerpc/kexec/core.c export_crashk_values()); never more than 8 bytes. Inside {@link #DEVICE_TREE}:
     * a snapshot copies it with the folder.
     */
    CRASHKERNEL_BASE(Kind.BLOB, 8, "proc/device-tree/chosen/linux,crashkernel-base",
            "sys/firmware/devicetree/base/chosen/linux,crashkernel-base"),
    /** powerpc's crash kernel size, as the base. */
    CRASHKERNEL_SIZE(Kind.BLOB, 8, "proc/device-tree/chosen/linux,crashkernel-size",
            "sys/firmware/devicetree/base/chosen/linux,crashkernel-size"),
    /**
     * The crash kernel's size, "%zd" (0: no crash kernel reserved). It exists only in a kernel with kexec crash
     * support (kernel/ksysfs.c: CONFIG_KEXEC_CORE in 6.1, CONFIG_CRASH_DUMP in 6.12); Linux 7.3 moved it to
     * /sys/kernel/kexec/crash_size and left kexec_crash_size as a link to it (kernel/kexec_core.c
     * init_kexec_sysctl()). A snapshot reads it as evidence of that support.
     */
    KEXEC_CRASH_SIZE(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/kernel/kexec_crash_size", "sys/kernel/kexec/crash_size"),
    /**
     * Linux 7.3's crashkernel CMA ranges, one "%08llx-%08llx" line each (kernel/kexec_core.c
     * crash_cma_ranges_show(), CONFIG_CRASH_RESERVE; kexec_crash_cma_ranges is a link to it): where
     * reserve_crashkernel_cma() placed them at boot, which no other file shows (crash: ReservedCrashKernel).
     */
    CRASH_CMA_RANGES(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/kernel/kexec/crash_cma_ranges",
            "sys/kernel/kexec_crash_cma_ranges"),
    /**
     * x86's firmware memory map (e820 as the firmware gave it, drivers/firmware/memmap.c): entry N's start,
     * end and type, read for x86's capture memory map (context FirmwareMemmap).
     */
    FIRMWARE_MEMMAP_START(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/firmware/memmap/{N}/start"),
    /** As {@link #FIRMWARE_MEMMAP_START}: the inclusive end. */
    FIRMWARE_MEMMAP_END(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/firmware/memmap/{N}/end"),
    /** As {@link #FIRMWARE_MEMMAP_START}: the type ("System RAM", "Reserved" ...). */
    FIRMWARE_MEMMAP_TYPE(Kind.ATTRIBUTE, Caps.ATTRIBUTE, "sys/firmware/memmap/{N}/type");

    /** What kind of file it is, which decides how it is read. */
    public enum Kind {
        /** binary, read whole */
        BLOB,
        /** text read line by line, possibly large */
        TEXT,
        /** one small value the kernel prints (a sysfs or procfs attribute): at most a page */
        ATTRIBUTE,
        /** a folder read whole, each file in it capped */
        FOLDER
    }

    /** The caps, each with why it is enough. */
    static final class Caps {
        /** A sysfs attribute is at most one page (PAGE_SIZE, 64 KiB at the largest). */
        static final int ATTRIBUTE = 64 << 10;
        /** /proc/iomem is a few KiB on real machines. */
        static final int TEXT = 16 << 20;
        /**
         * A System.map has ~100k lines and kallsyms with modules a few 100k, about 50 bytes each (a distribution
         * kernel's /proc/kallsyms is ~15 MiB): 512 MiB stops a file that never ends at a bounded cost.
         */
        static final int SYMBOLS = 512 << 20;
        /** A booted blob: arm64's MAX_FDT_SIZE is 2 MiB; powerpc's with 262,144 LMBs ~6 MiB; as FdtParser reads. */
        static final int BLOB = 256 << 20;
        /** One property of a device-tree folder (ibm,dynamic-memory of a 64 TiB partition is ~6 MiB). */
        static final int PROPERTY = 16 << 20;

        private Caps() {
        }
    }

    /** The placeholder of a numbered component. */
    static final String N = "{N}";

    private final Kind kind;
    private final int maxBytes;
    private final List<String> paths;

    RootFile(Kind kind, int maxBytes, String... paths) {
        this.kind = kind;
        this.maxBytes = maxBytes;
        this.paths = List.of(paths);
    }

    /**
     * How the file is read.
     *
     * @return what kind of file it is
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The cap on reading it.
     *
     * @return the most bytes read of it (of each file in it, for a folder); one more is an error
     */
    public int maxBytes() {
        return maxBytes;
    }

    /**
     * Where it lies under the root.
     *
     * @return its paths, relative and "/"-separated, in the order they are tried: the first one present is
     *         read; never empty
     */
    public List<String> paths() {
        return paths;
    }

    /**
     * Where Linux puts it.
     *
     * @return its first path, relative and "/"-separated, {@code {N}} left in for a numbered file
     */
    public String path() {
        return paths.get(0);
    }

    /**
     * Where one instance of a numbered file lies.
     *
     * @param n the instance's number in decimal ("0": cpu0)
     * @return its first path with {@code {N}} replaced by {@code n}; its first path when not numbered
     */
    public String path(String n) {
        return instance(paths.get(0), n);
    }

    /**
     * Whether the file exists once per number ({@code cpu{N}}); see {@link SystemRoot#instances}.
     *
     * @return true when its path holds {@code {N}}
     */
    public boolean numbered() {
        return paths.get(0).contains(N);
    }

    /**
     * The folder that holds a numbered file's instances.
     *
     * @return "sys/devices/system/cpu" for cpu{N}/crash_notes; the first path itself when not numbered
     */
    public String numberedFolder() {
        String p = paths.get(0);
        int at = p.indexOf(N);
        return at < 0 ? p : p.substring(0, Math.max(0, p.lastIndexOf('/', at)));
    }

    /** {@code path} with {@code {N}} replaced by {@code n} (unchanged when it has none). */
    static String instance(String path, String n) {
        return n == null ? path : path.replace(N, n);
    }

    /**
     * The declared file (or folder) that holds {@code relative} ("proc/device-tree/chosen/bootargs" is in
     * {@link #DEVICE_TREE}), the most specific one.
     *
     * @param relative a path under a system root, relative and "/"-separated
     * @return the file that holds it; empty when dtcore never reads it
     */
    public static Optional<RootFile> holding(String relative) {
        RootFile best = null;
        for (RootFile f : values()) {
            for (String p : f.paths) {
                if (matches(p, relative, f.kind == Kind.FOLDER) && (best == null || best.kind == Kind.FOLDER)) {
                    best = f;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    // component by component; "{N}" in a component stands for decimal digits without leading zeros
    private static boolean matches(String pattern, String path, boolean orBelow) {
        String[] want = pattern.split("/");
        String[] have = path.split("/");
        if (have.length < want.length || have.length > want.length && !orBelow) {
            return false;
        }
        for (int i = 0; i < want.length; i++) {
            if (!component(want[i], have[i])) {
                return false;
            }
        }
        return true;
    }

    static boolean component(String want, String have) {
        int at = want.indexOf(N);
        if (at < 0) {
            return want.equals(have);
        }
        String prefix = want.substring(0, at);
        String suffix = want.substring(at + N.length());
        if (!have.startsWith(prefix) || !have.endsWith(suffix) || have.length() <= prefix.length() + suffix.length()) {
            return false;
        }
        String digits = have.substring(prefix.length(), have.length() - suffix.length());
        return isNumber(digits);
    }

    /** Decimal digits, at most 9, without a leading zero ("0" itself is one): as the kernel names cpuN. */
    static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9 || s.charAt(0) == '0' && s.length() > 1) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
