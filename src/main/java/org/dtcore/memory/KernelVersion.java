package org.dtcore.memory;

/**
 * The Linux release whose rules apply, and every rule that differs between the releases dtcore models
 * (Linux 6.1 and 6.12, SPEC §3.5, §8, §9, §11). Each rule below cites the source file and function it
 * comes from in Debian's linux-source-6.1 and linux-source-6.12; a release that is not one of the two is
 * read with the rules of the newest modelled release not newer than it ({@link #modelled()}), which the
 * callers say in a warning.
 *
 * @param major   e.g. 6
 * @param minor   e.g. 12
 * @param release the text it was read from ("6.12.117-kt"), for messages
 */
public record KernelVersion(int major, int minor, String release) {
    public static final KernelVersion LINUX_6_1 = new KernelVersion(6, 1, "6.1");
    public static final KernelVersion LINUX_6_12 = new KernelVersion(6, 12, "6.12");
    /** What is assumed when nothing says which kernel runs (callers warn). */
    public static final KernelVersion NEWEST = LINUX_6_12;

    /**
     * A uname release ("6.1.192-kt", /proc/sys/kernel/osrelease, vmcoreinfo OSRELEASE): optional blanks,
     * MAJOR.MINOR of 1-4 digits each, then nothing but blanks or one of {@code . - + ~ _} and anything.
     * Read by hand, not with a regex: Pattern costs ~35 classes on the header path (docs/performance.md).
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

    public boolean atLeast(int maj, int min) {
        return major > maj || major == maj && minor >= min;
    }

    /** The modelled release whose rules this one gets: 6.12 from 6.12 on, else 6.1. */
    public KernelVersion modelled() {
        return atLeast(6, 12) ? LINUX_6_12 : LINUX_6_1;
    }

    /** True when this is 6.1.x or 6.12.x, whose rules were read from the source and checked on real kdumps. */
    public boolean isModelled() {
        return major == 6 && (minor == 1 || minor == 12);
    }

    /**
     * SPEC §3.5, riscv64: is RAM below the kernel's load address dropped? 6.1 sets va_pa_offset from the
     * load address in setup_vm() (arch/riscv/mm/init.c) before the memory scan, so MIN_MEMBLOCK_ADDR =
     * __pa(PAGE_OFFSET) is the load address and early_init_dt_add_memory_arch() clips below it; 6.12 sets
     * va_pa_offset = PAGE_OFFSET − phys_ram_base in setup_bootmem(), after the scan, and keeps that RAM
     * (seen: System RAM from 0x80200000 on 6.1, from 0x80000000 on 6.12).
     */
    public boolean riscvDropsRamBelowKernel() {
        return !modelled().atLeast(6, 12);
    }

    /**
     * SPEC §6, powerpc's memory limit (mem= or linux,memory-limit), early_init_devtree()
     * (arch/powerpc/kernel/prom.c): 6.1 enforces ALIGN(memory_limit ?: memblock_phys_mem_size(), PAGE_SIZE);
     * 6.12 drops a limit above the RAM and enforces ALIGN_DOWN(memory_limit ?: memblock_phys_mem_size(),
     * SZ_16M), which trims RAM that is not a whole number of 16 MiB even without a limit.
     */
    public boolean powerPcMemoryLimitIn16MiB() {
        return modelled().atLeast(6, 12);
    }

    /**
     * SPEC §9, arm64: where /proc/iomem's "Kernel code" starts. request_standard_resources()
     * (arch/arm64/kernel/setup.c) sets kernel_code.start = __pa_symbol(_stext) on 6.1 and
     * __pa_symbol(_text) on 6.12; the kernel-text PT_LOAD is at __pa(_text) either way.
     */
    public boolean arm64KernelCodeStartsAtText() {
        return modelled().atLeast(6, 12);
    }

    /**
     * SPEC §11: was the kernel's RNG ready when the capture kernel was loaded? of_kexec_alloc_and_setup_fdt()
     * (drivers/of/kexec.c, the same in both releases) writes kaslr-seed and rng-seed only when
     * rng_is_initialized(). That is runtime state, not a release rule in the source: the recorded 6.1
     * kernels' RNG was not ready at load (no seeds in any of their capture trees), the 6.12 ones' was
     * (kaslr-seed, and rng-seed NOPped by the capture kernel, in all three), so the release's observed
     * behaviour is the default.
     */
    public boolean rngReadyAtLoad() {
        return modelled().atLeast(6, 12);
    }

    /** CONFIG_CRASH_MAX_MEMORY_RANGES as Debian builds 6.12 (its Kconfig default). */
    public static final int CRASH_MAX_MEMORY_RANGES = 8192;
    /** CONFIG_NR_CPUS_DEFAULT on x86_64 without MAXSMP (Debian's 6.12: crash_elfcorehdr_size 3696 = 66 × 56). */
    public static final int X86_NR_CPUS_DEFAULT = 64;
    private static final long EHDR = 64;
    private static final long PHDR = 56;

    /**
     * SPEC §11: the size the kernel reserves for the core header segment, which the capture tree's
     * linux,elfcorehdr and its /memreserve/ carry (image->elf_headers_sz). {@code buffer} is what
     * crash_prepare_elf64_headers() allocated (ALIGN(.., 4096)); {@code ranges} the crash_mem ranges in it.
     * <ul>
     * <li>6.1, every architecture, and 6.12 arm64/riscv64: the buffer (load_other_segments());</li>
     * <li>6.12 powerpc with crash hotplug: load_elfcorehdr_segment() (arch/powerpc/kexec/file_load_64.c)
     *     adds room for CRASH_MAX_MEMORY_RANGES − ranges more program headers
     *     (kdump_extra_elfcorehdr_size()), and kexec_add_buffer() rounds it up to the page;</li>
     * <li>6.12 x86_64: crash_load_segments() (arch/x86/kernel/crash.c) sets it to Ehdr + (ranges + 2 +
     *     NR_CPUS_DEFAULT) program headers (without CONFIG_MEMORY_HOTPLUG, as Debian's amd64 shows),
     *     not page aligned: the capture kernel's e820 map leaves exactly that out.</li>
     * </ul>
     */
    public long headerSegmentSize(Arch arch, long buffer, int ranges, long pageSize) {
        if (!modelled().atLeast(6, 12)) {
            return buffer;
        }
        if (arch == Arch.PPC64) {
            long extra = ranges >= CRASH_MAX_MEMORY_RANGES ? 0 : (CRASH_MAX_MEMORY_RANGES - ranges) * PHDR;
            long memsz = buffer + extra;
            return (memsz + pageSize - 1) & -pageSize;
        }
        if (arch == Arch.X86_64) {
            return EHDR + (ranges + 2L + X86_NR_CPUS_DEFAULT) * PHDR;
        }
        return buffer;
    }

    @Override
    public String toString() {
        return "Linux " + release;
    }
}
