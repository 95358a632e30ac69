package org.dtcore.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.text.Memparse;
import org.dtcore.text.TextException;
import org.dtcore.text.Numbers;

/**
 * {@code mem=} in bootargs and powerpc's {@code /chosen linux,memory-limit} (SPEC §6): a cap on the
 * AMOUNT of RAM, not on an address. memblock's __find_max_addr walks the regions from the bottom and cuts
 * where the running total reaches the limit (memblock_enforce_memory_limit; arm64's
 * memblock_mem_limit_remove_map), so {@code mem=768M} on 1 GiB at 0x40000000 keeps 0x40000000-0x6fffffff.
 * Each architecture reads and rounds the value its own way (Linux 6.1, 6.12 and 7.3):
 * <ul>
 * <li>arm64 (arch/arm64/mm/init.c early_mem): the last {@code mem=}, {@code & PAGE_MASK}; then the kernel
 *     image and the initrd are added back (arm64_memblock_init);</li>
 * <li>riscv64 (arch/riscv/mm/init.c early_mem): the smallest {@code mem=}, {@code & PAGE_MASK};</li>
 * <li>powerpc (arch/powerpc/kernel/prom.c): the last {@code mem=}, PAGE_ALIGN'ed, else
 *     {@code linux,memory-limit}; a limit inside a fixed crash kernel is raised to its end (not on 7.3,
 *     {@link KernelVersion#powerPcCrashKernelRaisesMemoryLimit}). Linux 6.1 then
 *     aligns it up to the page; 6.12 takes a limit above the RAM as none and aligns the limit (or the
 *     whole RAM) down to 16 MiB ({@link ScanState#powerPcLimitIn16MiB}).</li>
 * </ul>
 * A limit of 0 (also what memparse makes of a word that is not a number) is no limit. Other
 * architectures' {@code mem=} means something else (arm and loongarch: {@code size@start} replaces RAM;
 * x86 trims its e820 map, which /proc/iomem already shows) and is not modelled: the map says so.
 */
final class MemoryLimit {
    /** powerpc's hash MMU maps the linear map in 16 MiB pages: prom.c aligns the limit down to them. */
    static final long POWERPC_LIMIT_ALIGN = 16L << 20;

    private final ScanState state;

    MemoryLimit(ScanState state) {
        this.state = state;
    }

    /**
     * The limit the kernel enforces, rounded as it rounds it, or empty for none.
     *
     * @param bootargs    the command line as the kernel copied it
     * @param deviceLimit powerpc's {@code linux,memory-limit}
     * @param totalRam    the RAM memblock holds when the limit is enforced
     * @param crashKernels fixed crash kernel regions (powerpc raises a limit below one to its end)
     */
    Optional<Long> limit(Optional<String> bootargs, Optional<Long> deviceLimit, long totalRam,
                         List<MemoryRange> crashKernels) {
        List<Long> words = memWords(bootargs.orElse(""));
        Arch arch = state.options.arch();
        if (arch == null || !(arch == Arch.ARM64 || arch == Arch.RISCV64 || arch.isPowerPc())) {
            if (!words.isEmpty()) {
                state.warn("/chosen/bootargs: mem= is not applied: "
                        + (arch == null ? "its meaning depends on the architecture (give the architecture)"
                        : arch + "'s mem= is not modelled"));
            }
            return Optional.empty();
        }
        long page = state.options.effectivePageSize();
        if (arch == Arch.ARM64) {
            return positive(words.isEmpty() ? 0 : words.get(words.size() - 1) & -page);
        }
        if (arch == Arch.RISCV64) {
            // memory_limit starts at the linear map's size (setup_vm); each mem= takes min_t with it, so a
            // mem=0 leaves 0, which memblock_enforce_memory_limit takes as no limit
            long min = -1L;
            for (long w : words) {
                min = Long.compareUnsigned(w & -page, min) < 0 ? w & -page : min;
            }
            return words.isEmpty() ? Optional.empty() : positive(min);
        }
        return powerPc(words, deviceLimit, totalRam, crashKernels, page);
    }

    private Optional<Long> powerPc(List<Long> words, Optional<Long> deviceLimit, long totalRam,
                                   List<MemoryRange> crashKernels, long page) {
        long limit;
        if (!words.isEmpty()) {
            // early_parse_mem runs after the /chosen scan: "mem=x on the command line is the preferred mechanism"
            long w = words.get(words.size() - 1);
            limit = Long.compareUnsigned(w, -page) > 0 ? 0 : (w + page - 1) & -page; // PAGE_ALIGN wraps to 0
        } else {
            limit = deviceLimit.orElse(0L);
        }
        // reserve_crashkernel (arch/powerpc/kexec/core.c, 6.1 and 6.12): a limit inside the crash kernel
        // moves past it; 7.3 leaves the limit alone (KernelVersion#powerPcCrashKernelRaisesMemoryLimit)
        KernelVersion kernel = state.options.kernel();
        boolean raises = kernel == null || kernel.powerPcCrashKernelRaisesMemoryLimit();
        for (MemoryRange ck : crashKernels) {
            if (!raises && limit != 0 && Long.compareUnsigned(limit, ck.end()) <= 0) {
                state.warn("powerpc: memory limit " + Numbers.hex(limit) + " lies below the crash kernel's end "
                        + Numbers.hex(ck.end()) + "; " + kernel + " no longer raises it (arch/powerpc/kexec/core.c"
                        + " arch_reserve_crashkernel), so RAM from the limit up goes, crash kernel and all");
                continue;
            }
            if (raises && limit != 0 && Long.compareUnsigned(limit, ck.end()) <= 0 && ck.end() != -1L) {
                state.warn("powerpc: memory limit " + Numbers.hex(limit)
                        + " lies below the crash kernel's end; the kernel raises it to " + Numbers.hex(ck.end() + 1));
                limit = ck.end() + 1;
            }
        }
        if (!state.powerPcLimitIn16MiB()) {
            // 6.1 early_init_devtree: limit = ALIGN(memory_limit ?: memblock_phys_mem_size(), PAGE_SIZE);
            // a limit at or above the RAM removes nothing
            long aligned = limit == 0 ? 0 : (limit + page - 1) & -page;
            return aligned == 0 || Long.compareUnsigned(aligned, totalRam) >= 0 ? Optional.empty()
                    : Optional.of(aligned);
        }
        // 6.12 early_init_devtree: a limit above the RAM is none; then memory_limit =
        // ALIGN_DOWN(memory_limit ?: memblock_phys_mem_size(), SZ_16M), enforced even without a limit
        if (Long.compareUnsigned(limit, totalRam) > 0) {
            limit = 0;
        }
        if (limit != 0) {
            return positive(limit & -POWERPC_LIMIT_ALIGN);
        }
        long whole = totalRam & -POWERPC_LIMIT_ALIGN;
        if (whole == 0 || whole == totalRam) {
            return Optional.empty();
        }
        state.warn("powerpc: RAM of " + Numbers.hex(totalRam) + " bytes is cut to " + Numbers.hex(whole)
                + ", a whole number of 16 MiB (arch/powerpc/kernel/prom.c early_init_devtree, Linux 6.12)");
        return Optional.of(whole);
    }

    private static Optional<Long> positive(long v) {
        return v == 0 ? Optional.empty() : Optional.of(v);
    }

    /** The values of every {@code mem=} word, in order, read with the kernel's memparse. */
    private List<Long> memWords(String cmdline) {
        List<Long> out = new ArrayList<>();
        for (String word : CommandLineWords.of(cmdline)) {
            if (!word.startsWith("mem=")) {
                continue;
            }
            String value = word.substring(4);
            try {
                out.add(Memparse.parse(value)); // the kernel's own syntax (docs/numbers.md)
            } catch (TextException e) {
                // memparse reads no digits as 0, which every architecture takes as "no limit"
                state.warn("/chosen/bootargs: mem=: " + e.detail() + "; the kernel reads it as 0 (no limit)");
                out.add(0L);
            }
        }
        return out;
    }

    /**
     * SPEC §6: RAM above the memory limit goes (below). arm64 then adds back the kernel image, whose place
     * is not in the tree (arm64_memblock_init); the initrd is {@link Arm64Initrd}'s.
     */
    List<MemoryChunk> applyTo(List<MemoryChunk> chunks, long limit) {
        List<MemoryChunk> out = apply(chunks, limit);
        if (state.options.arch() == Arch.ARM64 && out != chunks) {
            state.warn("arm64: the kernel image is added back to RAM above the memory limit; its place is not in"
                    + " the tree, so it is not shown");
        }
        return out;
    }

    /**
     * Cuts {@code chunks} where the running total of RAM (bottom up, overlaps counted once, as memblock
     * holds it) reaches {@code limit}; nothing when the RAM is smaller.
     */
    private List<MemoryChunk> apply(List<MemoryChunk> chunks, long limit) {
        List<MemoryRange> ram = Ranges.merged(MemoryScan.ranges(chunks));
        long left = limit;
        long maxAddr = 0;
        boolean reached = false;
        for (MemoryRange r : ram) {
            long size = r.size();
            if (size == 0 || Long.compareUnsigned(left, size) <= 0) {
                maxAddr = r.start() + left; // __find_max_addr: the first address past the limit
                reached = true;
                break;
            }
            left -= size;
        }
        // the limit reaches the RAM's end (a live tree's linux,memory-limit often is the whole RAM): no cut
        if (!reached || maxAddr == 0 || Long.compareUnsigned(maxAddr - 1, ram.get(ram.size() - 1).end()) >= 0) {
            return chunks;
        }
        List<MemoryChunk> out = new ArrayList<>();
        for (MemoryChunk c : chunks) {
            MemoryRange r = c.range();
            if (Long.compareUnsigned(r.start(), maxAddr) >= 0) {
                continue;
            }
            out.add(Long.compareUnsigned(r.end(), maxAddr) < 0 ? c : c.withRange(new MemoryRange(r.start(), maxAddr - 1)));
        }
        state.warn("memory limit " + Numbers.hex(limit) + ": RAM from " + Numbers.hex(maxAddr)
                + " up is removed, as memblock does");
        return out;
    }
}
