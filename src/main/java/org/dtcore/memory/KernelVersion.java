package org.dtcore.memory;

import java.util.List;

/**
 * The Linux release whose rules apply, and every rule that differs between the releases dtcore models:
 * Linux 6.1, 6.12 and 7.3 (SPEC §3.5, §6, §8, §9, §11; docs/kernel-releases.md lists them all). Each rule
 * below cites the source file and function it comes from in Debian's linux-source-6.1, -6.12 and -7.3,
 * and the release where it changed.
 *
 * <p>A release between two modelled ones takes the rules of the older one ({@link #modelled()}): dtcore
 * has the three source trees, not the kernel's history, so a change first seen in 6.12's source applies
 * from 6.12 and one first seen in 7.3's from 7.3. A rule whose change is dated by a release outside the
 * three (crash_exclude_mem_range's rewrite, 6.8, SPEC §8) says so and uses that release. A release older
 * than 6.1 gets 6.1's rules and one newer than 7.3 gets 7.3's; the callers say so in a warning.
 *
 * @param major   e.g. 6
 * @param minor   e.g. 12
 * @param release the text it was read from ("6.12.117-kt"), for messages
 */
public record KernelVersion(int major, int minor, String release) {
    /** Linux 6.1, the oldest release modelled: its rules apply to every older one. */
    public static final KernelVersion LINUX_6_1 = new KernelVersion(6, 1, "6.1");
    /** Linux 6.12. */
    public static final KernelVersion LINUX_6_12 = new KernelVersion(6, 12, "6.12");
    /** Linux 7.3, the newest release modelled: its rules apply to every newer one. */
    public static final KernelVersion LINUX_7_3 = new KernelVersion(7, 3, "7.3");
    /** The releases whose sources the rules were read from, oldest first. */
    public static final List<KernelVersion> MODELLED = List.of(LINUX_6_1, LINUX_6_12, LINUX_7_3);
    /** What is assumed when nothing says which kernel runs (callers warn). */
    public static final KernelVersion NEWEST = LINUX_7_3;

    /**
     * A uname release ("6.1.192-kt", /proc/sys/kernel/osrelease, vmcoreinfo OSRELEASE): optional blanks,
     * MAJOR.MINOR of 1-4 digits each, then nothing but blanks or one of {@code . - + ~ _} and anything.
     * Read by hand, not with a regex: Pattern costs ~35 classes on the header path (docs/performance.md).
     *
     * @param release the release text; anything after MAJOR.MINOR and a separator is kept for messages only
     * @param where   what messages name as the text's place (a file, or "vmcoreinfo OSRELEASE")
     * @return the release, {@link #release()} stripped of blanks
     * @throws MemoryMapException when the text does not start with MAJOR.MINOR
     */
    public static KernelVersion parse(String release, String where) {
        int i = 0;
        int n = release.length();
        while (i < n && isBlank(release.charAt(i))) {
            i++;
        }
        int majorEnd = digitsEnd(release, i);
        int minorEnd = majorEnd > i && majorEnd < n && release.charAt(majorEnd) == '.'
                ? digitsEnd(release, majorEnd + 1) : -1;
        if (minorEnd <= majorEnd + 1 || !validTail(release, minorEnd)) {
            // what was expected and where, never what was found: the file may be a link to anything
            throw new MemoryMapException(where, "the kernel release does not start with MAJOR.MINOR (like"
                    + " 6.12.117: 1-4 digits, a dot, 1-4 digits)");
        }
        return new KernelVersion(Integer.parseInt(release, i, majorEnd, 10),
                Integer.parseInt(release, majorEnd + 1, minorEnd, 10), release.strip());
    }

    /** The end of 1-4 ASCII digits from {@code from}, or {@code from} when there are none or more than 4. */
    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && i - from < 5 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from > 4 ? from : i;
    }

    private static boolean validTail(String s, int from) {
        if (from < s.length() && ".-+~_".indexOf(s.charAt(from)) >= 0) {
            return true;
        }
        for (int i = from; i < s.length(); i++) {
            if (!isBlank(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Java's {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    /**
     * Compares by major and minor number.
     *
     * @param maj the major number to compare with
     * @param min the minor number to compare with
     * @return true when this release is {@code maj.min} or newer (the patch level is not compared)
     */
    public boolean atLeast(int maj, int min) {
        return major > maj || major == maj && minor >= min;
    }

    private boolean atLeast(KernelVersion v) {
        return atLeast(v.major, v.minor);
    }

    /**
     * The modelled release whose rules this one gets: the newest of {@link #MODELLED} not newer than it, or
     * 6.1 for an older release.
     *
     * @return one of {@link #MODELLED}
     */
    public KernelVersion modelled() {
        KernelVersion found = LINUX_6_1;
        for (KernelVersion v : MODELLED) {
            if (atLeast(v)) {
                found = v;
            }
        }
        return found;
    }

    /**
     * True for 6.1.x, 6.12.x and 7.3.x, whose rules were read from the source and checked on real kdumps.
     *
     * @return true when this release's major and minor are one of {@link #MODELLED}
     */
    public boolean isModelled() {
        for (KernelVersion v : MODELLED) {
            if (major == v.major && minor == v.minor) {
                return true;
            }
        }
        return false;
    }

    /** From 6.12's rules on (6.12 and every later release). */
    private boolean from612() {
        return modelled().atLeast(LINUX_6_12);
    }

    /** From 7.3's rules on. */
    private boolean from73() {
        return modelled().atLeast(LINUX_7_3);
    }

    /**
     * SPEC §3.5, riscv64: is RAM below the kernel's load address dropped? 6.1 sets va_pa_offset from the
     * load address in setup_vm() (arch/riscv/mm/init.c) before the memory scan, so MIN_MEMBLOCK_ADDR =
     * __pa(PAGE_OFFSET) is the load address and early_init_dt_add_memory_arch() clips below it; 6.12 and
     * 7.3 set phys_ram_base = memblock_start_of_DRAM() &amp; PMD_MASK in setup_bootmem(), after the scan, and
     * keep that RAM (recorded: System RAM from 0x80200000 on 6.1, from 0x80000000 on 6.12).
     *
     * @return true for 6.1's rules
     */
    public boolean riscvDropsRamBelowKernel() {
        return !from612();
    }

    /**
     * SPEC §6, powerpc's memory limit (mem= or linux,memory-limit), early_init_devtree()
     * (arch/powerpc/kernel/prom.c): 6.1 enforces ALIGN(memory_limit ?: memblock_phys_mem_size(), PAGE_SIZE);
     * 6.12 and 7.3 drop a limit above the RAM and enforce ALIGN_DOWN(memory_limit ?:
     * memblock_phys_mem_size(), SZ_16M), which trims RAM that is not a whole number of 16 MiB even without
     * a limit.
     *
     * @return true for 6.12's rules and later (16 MiB), false for 6.1's (the page)
     */
    public boolean powerPcMemoryLimitIn16MiB() {
        return from612();
    }

    /**
     * SPEC §6, powerpc: does a memory limit inside a fixed crash kernel move to its end? reserve_crashkernel()
     * (arch/powerpc/kexec/core.c, 6.1 and 6.12: "Crash kernel trumps memory limit") raises memory_limit to
     * crashk_res.end + 1 before early_init_devtree() enforces it; 7.3's arch_reserve_crashkernel() hands the
     * region to the generic reserve_crashkernel_generic() and no longer touches the limit, so RAM above it
     * goes, crash kernel and all.
     *
     * @return true before 7.3's rules
     */
    public boolean powerPcCrashKernelRaisesMemoryLimit() {
        return !from73();
    }

    /**
     * SPEC §9, arm64: where /proc/iomem's "Kernel code" starts. request_standard_resources()
     * (arch/arm64/kernel/setup.c) sets kernel_code.start = __pa_symbol(_stext) on 6.1 and
     * __pa_symbol(_text) on 6.12 and 7.3; the kernel-text PT_LOAD is at __pa_symbol(_text) in every release
     * (recorded on all three).
     *
     * @return true from 6.12's rules on (_text), false for 6.1's (_stext)
     */
    public boolean arm64KernelCodeStartsAtText() {
        return from612();
    }

    /**
     * SPEC §9, arm64: can KASLR move the linear map's physical base (PHYS_OFFSET, memstart_addr)?
     * arm64_memblock_init() (arch/arm64/mm/init.c) of 6.1 and 6.12 lowers memstart_addr by a random number
     * of ARM64_MEMSTART_ALIGN steps (memstart_offset_seed) when the linear region is larger than the CPU's
     * physical range and the kernel was not booted with nokaslr; 7.3's has no such step, so PHYS_OFFSET is
     * the lowest RAM rounded down to ARM64_MEMSTART_ALIGN whatever KASLR does.
     *
     * @return true before 7.3's rules
     */
    public boolean arm64LinearMapRandomized() {
        return !from73();
    }

    /**
     * SPEC §9, riscv64 VA_BITS: may the command line cap the MMU mode? 6.12's and 7.3's set_satp_mode()
     * (arch/riscv/mm/init.c) read "no4lvl" (sv39) and "no5lvl" (sv48) from the early command line
     * (arch/riscv/kernel/pi/cmdline_early.c set_satp_mode_from_cmdline()); 6.1 only probes the hardware.
     *
     * @return true from 6.12's rules on
     */
    public boolean riscvSatpModeFromCommandLine() {
        return from612();
    }

    /**
     * SPEC §9, riscv64 VA_BITS: does the tree cap the MMU mode? 7.3's set_satp_mode() takes the smaller of
     * the command line's cap and set_satp_mode_from_fdt() (arch/riscv/kernel/pi/fdt_early.c): the first
     * available /cpus/cpu node's "mmu-type" ("riscv,sv39" or "riscv,sv48"; anything else is no cap). 6.1 and
     * 6.12 try sv57 whatever the tree says (QEMU virt's tree says sv48 and the recorded 6.12 kernel ran sv57,
     * VA_BITS 57).
     *
     * @return true from 7.3's rules on
     */
    public boolean riscvSatpModeFromTree() {
        return from73();
    }

    /**
     * SPEC §9, riscv64 PAGE_OFFSET for sv39 (PAGE_OFFSET_L3, arch/riscv/include/asm/page.h): 6.1 has
     * 0xffffffd800000000, 6.12 and 7.3 0xffffffd600000000 (sv48 0xffffaf8000000000 and sv57
     * 0xff60000000000000 are the same in all three).
     *
     * @return the virtual address of the linear map's start under sv39
     */
    public long riscvSv39PageOffset() {
        return from612() ? 0xffff_ffd6_0000_0000L : 0xffff_ffd8_0000_0000L;
    }

    /**
     * SPEC §3.1, §3.2: are string properties read as libfdt string lists? 7.3's early_init_dt_scan_memory()
     * and of_fdt_device_is_available() (drivers/of/fdt.c) read device_type and status with
     * fdt_stringlist_get(.., 0): the value must end in a NUL, and its first string counts, so a value without
     * its NUL is no value (no device_type: not memory; no status: available). 6.1 and 6.12 read them with
     * strcmp, which stops at the first NUL or the value's end (an empty or unterminated "disabled" status
     * hides the node there, not on 7.3).
     *
     * @return true from 7.3's rules on
     */
    public boolean stringPropertiesAsStringLists() {
        return from73();
    }

    /**
     * SPEC §2, §3.3, §6: must an (address, size) property be whole tuples? 7.3's
     * of_flat_dt_get_addr_size_prop() (drivers/of/fdt.c) ignores a reg, linux,usable-memory or
     * linux,usable-memory-range whose length is not a whole number of tuples (a memory node then falls back
     * from linux,usable-memory to reg), and of_flat_dt_get_addr_size() takes linux,elfcorehdr only when it
     * is exactly one tuple. 6.1 and 6.12 read the whole tuples and ignore the rest.
     *
     * @return true from 7.3's rules on
     */
    public boolean addressSizePropertiesNeedWholeTuples() {
        return from73();
    }

    /**
     * SPEC §5: how many tuples of a /reserved-memory child's reg are reserved. 6.1's and 6.12's
     * __reserved_mem_reserve_reg() (drivers/of/fdt.c, drivers/of/of_reserved_mem.c) reserve every one, 7.3's
     * only the first ("only the first is used"), so the rest stay RAM and, with no-map, in the dump; 7.3 also
     * takes a reg that is empty or not whole tuples as no reg (a node with a size is then placed at boot),
     * where 6.12 skips the node.
     *
     * @return true from 7.3's rules on (the first tuple only)
     */
    public boolean reservedMemoryFirstRegOnly() {
        return from73();
    }

    /**
     * SPEC §8: the spare slots the kernel gives its crash_mem array beyond one per RAM range, for the splits
     * that excluding the crash kernel (and crashkernel-low, and CMA) may make; a split past them fails with
     * -ENOMEM. arm64 (arch/arm64/kernel/machine_kexec_file.c): 2 in 6.1 and 6.12, 2 + the CMA ranges in 7.3
     * (arch_get_system_nr_ranges()); riscv64: 1 in 6.1 (arch/riscv/kernel/elf_kexec.c), 2 in 6.12
     * (machine_kexec_file.c), 2 + CMA in 7.3; x86_64 (arch/x86/kernel/crash.c): 2 in 6.1 and 6.12
     * (fill_up_crash_elf_data()), 3 + CMA in 7.3. powerpc grows its array as needed
     * (realloc_mem_ranges()), so it has no such limit ({@code -1}).
     *
     * @param arch      the architecture whose kexec_file loader builds the array
     * @param cmaRanges the crashkernel CMA ranges reserved at boot (counted from 7.3 on)
     * @return the spare slots; -1 when the architecture has no fixed limit (powerpc)
     */
    public int crashMemSpareSlots(Arch arch, int cmaRanges) {
        int cma = from73() ? cmaRanges : 0;
        return switch (arch) {
            case ARM64, LOONGARCH64 -> 2 + cma;
            case RISCV64 -> from612() ? 2 + cma : 1;
            case X86_64 -> from73() ? 3 + cma : 2;
            default -> -1;
        };
    }

    /** CRASHK_CMA_RANGES_MAX (include/linux/crash_reserve.h, 7.3): crashkernel=,cma reserves at most 4 ranges. */
    public static final int CRASH_CMA_RANGES_MAX = 4;

    /**
     * SPEC §6: how many linux,usable-memory-range entries a capture kernel reads:
     * early_init_dt_check_for_usable_mem_range() (drivers/of/fdt.c) reads MAX_USABLE_RANGES, 2 in 6.1 and
     * 6.12 (the crash kernel, then crashkernel-low) and 2 + CRASHK_CMA_RANGES_MAX = 6 in 7.3 (then the
     * crashkernel CMA ranges). The first caps RAM, the rest are added back.
     *
     * @return 2 before 7.3's rules, 6 from them on
     */
    public int usableMemoryRangesRead() {
        return from73() ? 2 + CRASH_CMA_RANGES_MAX : 2;
    }

    /**
     * SPEC §6, §8, §11: {@code crashkernel=SIZE,cma}. 7.3's parse_crashkernel() (kernel/crash_reserve.c)
     * takes the last ",cma" word, apart from the plain and ",high"/",low" ones, and
     * reserve_crashkernel_cma() reserves that much CMA in up to CRASHK_CMA_RANGES_MAX ranges (halving the
     * request when it cannot be had whole) that the first kernel keeps using. crash_exclude_core_ranges()
     * (kernel/crash_core.c) leaves them out of the dump; the capture kernel gets them as usable memory:
     * appended to linux,usable-memory-range (drivers/of/kexec.c), to powerpc's usable memory
     * (get_usable_memory_ranges(), arch/powerpc/kexec/ranges.c) and as e820 RAM on x86
     * (crash_setup_memmap_entries(), arch/x86/kernel/crash.c). 6.1 and 6.12 know no ",cma": the word is a
     * plain one there and parse_crashkernel_simple() rejects it ("unrecognized char").
     *
     * @return true from 7.3's rules on
     */
    public boolean crashKernelCma() {
        return from73();
    }

    /**
     * SPEC §8: crash_exclude_mem_range() removes every overlap (6.8 on, kernel/crash_core.c in 6.12 and
     * 7.3), where 6.1's (kernel/kexec_file.c) trims or splits only the first range it covers partly. The one
     * rule dated by a release outside the three sources: SPEC puts the rewrite in 6.8, so 6.2 to 6.7 keep
     * the old one.
     *
     * @return true from 6.8 on
     */
    public boolean excludesEveryOverlap() {
        return atLeast(6, 8);
    }

    /**
     * SPEC §11: was the kernel's RNG ready when the capture kernel was loaded? of_kexec_alloc_and_setup_fdt()
     * (drivers/of/kexec.c, the same in all three releases) writes kaslr-seed and rng-seed only when
     * rng_is_initialized(). That is runtime state, not a release rule in the source: the recorded 6.1
     * kernels' RNG was not ready at load (no seeds in any of their capture trees), the 6.12 and 7.3 ones' was
     * (kaslr-seed, and rng-seed NOPped by the capture kernel, in all four), so the release's observed
     * behaviour is the default.
     *
     * @return true from 6.12's rules on
     */
    public boolean rngReadyAtLoad() {
        return from612();
    }

    /** CONFIG_CRASH_MAX_MEMORY_RANGES as Debian builds 6.12 and 7.3 (its Kconfig default). */
    public static final int CRASH_MAX_MEMORY_RANGES = 8192;
    /** CONFIG_NR_CPUS_DEFAULT on x86_64 without MAXSMP (Debian's 6.12: crash_elfcorehdr_size 3696 = 66 × 56). */
    public static final int X86_NR_CPUS_DEFAULT = 64;
    private static final long EHDR = 64;
    private static final long PHDR = 56;

    /**
     * SPEC §11: the size the kernel reserves for the core header segment, which the capture tree's
     * linux,elfcorehdr and its /memreserve/ carry and x86's capture e820 map leaves out (image->elf_headers_sz).
     * {@code buffer} is what crash_prepare_elf64_headers() allocated (ALIGN(.., 4096)); {@code ranges} the
     * crash_mem ranges in it.
     * <ul>
     * <li>6.1, every architecture, and 6.12/7.3 arm64/riscv64 (no ARCH_SUPPORTS_CRASH_HOTPLUG): the buffer
     *     (load_other_segments());</li>
     * <li>6.12 and 7.3 powerpc with crash hotplug: load_elfcorehdr_segment() (arch/powerpc/kexec/file_load_64.c)
     *     adds room for CRASH_MAX_MEMORY_RANGES − ranges more program headers
     *     (kdump_extra_elfcorehdr_size()), and kexec_add_buffer() rounds it up to the page;</li>
     * <li>6.12 and 7.3 x86_64: crash_load_segments() (arch/x86/kernel/crash.c) sets it to Ehdr + (ranges + 2
     *     + NR_CPUS_DEFAULT) program headers (without CONFIG_MEMORY_HOTPLUG, as Debian's amd64 shows),
     *     not page aligned: the capture kernel's e820 map leaves exactly that out (recorded: 0xf20).</li>
     * </ul>
     *
     * @param arch     the architecture whose loader sets the size
     * @param buffer   the bytes crash_prepare_elf64_headers() allocated for the header
     * @param ranges   the crash_mem ranges the header describes
     * @param pageSize the page size in bytes, for powerpc's rounding
     * @return the segment's size in bytes
     */
    public long headerSegmentSize(Arch arch, long buffer, int ranges, long pageSize) {
        if (x86HeaderSegmentFromRanges(arch)) {
            return EHDR + (ranges + 2L + X86_NR_CPUS_DEFAULT) * PHDR;
        }
        if (!from612()) {
            return buffer;
        }
        if (arch == Arch.PPC64) {
            long extra = ranges >= CRASH_MAX_MEMORY_RANGES ? 0 : (CRASH_MAX_MEMORY_RANGES - ranges) * PHDR;
            long memsz = buffer + extra;
            return (memsz + pageSize - 1) & -pageSize;
        }
        return buffer;
    }

    /**
     * Whether {@link #headerSegmentSize} of {@code arch} depends on the crash memory ranges alone, not on the
     * buffer (so not on the CPUs): x86_64 from 6.12 (crash_load_segments(), CONFIG_CRASH_HOTPLUG).
     *
     * @param arch the architecture
     * @return true for x86_64 from 6.12's rules on
     */
    public boolean x86HeaderSegmentFromRanges(Arch arch) {
        return arch == Arch.X86_64 && from612();
    }

    @Override
    public String toString() {
        return "Linux " + release;
    }
}
