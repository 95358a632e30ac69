package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;

/**
 * Which memory a dump covers, per architecture (SPEC §8): RAM → the kernel's memblock regions →
 * exclusions → the ordered list the header builder receives.
 */
public final class CrashPolicy {
    private CrashPolicy() {
    }

    /**
     * The chunk list the kernel of {@code arch} hands its header builder for this map (SPEC §8).
     *
     * @param map          the memory map (a device tree's, or /proc/iomem's for x86_64)
     * @param arch         whose policy applies
     * @param crashKernels the crash kernel region, then crashkernel-low if any (may be empty: then nothing
     *                     is cut, and a note says so)
     * @param options      the exclusion rule, the capacity and the release whose rules apply
     * @return the chunks in program-header order, with the notes of how they were made
     * @throws CrashException when a cut needs more crash_mem slots than the kernel has ({@link
     *                        CrashException.Kind#CAPACITY})
     */

    public static CrashMemory build(MemoryMap map, Arch arch, List<MemoryRange> crashKernels, CrashOptions options) {
        List<String> notes = new ArrayList<>();
        if (crashKernels.isEmpty()) {
            notes.add("no crash kernel region given: nothing is cut out of RAM");
        }
        for (MemoryRange ck : crashKernels) {
            boolean inRam = map.memory().stream().anyMatch(r -> r.contains(ck));
            if (!inRam) {
                notes.add("crash kernel region " + ck + " is not inside RAM");
            }
        }
        List<MemoryRange> noMap = new ArrayList<>();
        for (ReservedRegion r : map.reserved()) {
            if (r.noMap()) {
                noMap.add(r.range());
            }
        }
        // crash_exclude_core_ranges (kernel/crash_core.c 7.3): the crash kernel, crashkernel-low, then CMA
        List<MemoryRange> cma = options.release().crashKernelCma() ? options.cma() : List.of();
        List<MemoryRange> cuts = new ArrayList<>(crashKernels);
        cuts.addAll(cma);
        KernelVersion release = options.release();
        switch (arch) {
            case ARM64:
            case LOONGARCH64:
                // SPEC §8: RAM minus no-map, minus crashkernel and crashkernel-low; kernel map: yes.
                return new CrashMemory(arch, cut(arch, Memblock.withoutNoMap(Memblock.regions(map.chunks()), noMap),
                        release.crashMemSpareSlots(arch, cma.size()), cuts, options, notes), true, crashKernels,
                        notes);
            case RISCV64:
                // SPEC §8: System RAM (already clipped below the kernel, §3.5) minus no-map, minus the
                // crash kernel. Its System RAM resources are made during boot, so hotplug boundaries stay there.
                return new CrashMemory(arch, cut(arch, Memblock.withoutNoMap(Memblock.bootRegions(map.chunks()),
                        noMap), release.crashMemSpareSlots(arch, cma.size()), cuts, options, notes), true,
                        crashKernels, notes);
            case X86_64:
                return x86(map, crashKernels, cma, options, notes);
            case PPC64:
                return PowerPcCrashRanges.build(map, noMap, cuts, crashKernels, options, notes);
            case ARM:
            case PPC:
            default:
                // 32-bit: kexec-tools builds these headers (SPEC §9 kexec-tools mode): RAM minus the crash
                // kernel, no capacity of its own.
                notes.add(arch + ": kexec-tools policy (RAM minus crash kernel); no kernel builds this header");
                return new CrashMemory(arch, cut(arch, Memblock.regions(map.chunks()), -1, crashKernels, options,
                        notes), false, crashKernels, notes);
        }
    }

    /**
     * SPEC §8 x86_64: System RAM minus [0, 1 MiB−1], crashkernel and crashkernel-low (and 7.3's CMA). 6.1 and
     * 6.12 cut the first MiB first (elf_header_exclude_ranges()), 7.3 last (arch_crash_exclude_ranges() after
     * crash_exclude_core_ranges()); with every overlap removed the order changes nothing but which split
     * would run out of room.
     */
    private static CrashMemory x86(MemoryMap map, List<MemoryRange> crashKernels, List<MemoryRange> cma,
                                   CrashOptions options, List<String> notes) {
        KernelVersion release = options.release();
        MemoryRange lowMiB = new MemoryRange(0, 0xfffff);
        List<MemoryRange> cuts = new ArrayList<>();
        if (!release.crashKernelCma()) {
            cuts.add(lowMiB);
        }
        cuts.addAll(crashKernels);
        cuts.addAll(cma);
        if (release.crashKernelCma()) {
            cuts.add(lowMiB);
        }
        // the first 1 MiB is cut too, but it is no crash kernel: CrashMemory lists only those
        return new CrashMemory(Arch.X86_64, cut(Arch.X86_64, map.chunks(),
                release.crashMemSpareSlots(Arch.X86_64, cma.size()), cuts, options, notes), true, crashKernels, notes);
    }

    /**
     * Loads {@code regions} into a crash_mem of capacity regions + extra (or unbounded), takes every cut
     * out, and returns what remains; the caller says which of the cuts are crash kernels.
     */
    static List<MemoryChunk> cut(Arch arch, List<MemoryChunk> regions, int extra, List<MemoryRange> cuts,
                                 CrashOptions options, List<String> notes) {
        OptionalInt capacity = extra < 0 || !options.kernelCapacity() ? OptionalInt.empty()
                : OptionalInt.of(regions.size() + extra);
        CrashMemRanges mem = CrashMemRanges.of(regions, options.rule(), capacity);
        for (MemoryRange c : cuts) {
            try {
                mem.exclude(c);
            } catch (CrashException e) {
                throw new CrashException(e.kind(), "crash_mem", "excluding " + c + ": " + e.detail()
                        + " (the kernel fails here with -ENOMEM)");
            }
        }
        // concatenation, not String.format: Formatter costs ~40 classes on every header run
        notes.add(arch + ": " + regions.size() + " memblock region" + (regions.size() == 1 ? "" : "s") + ", "
                + cuts.size() + " cut" + (cuts.size() == 1 ? "" : "s") + ", " + mem.nrRanges() + " range"
                + (mem.nrRanges() == 1 ? "" : "s"));
        return mem.chunks();
    }
}
