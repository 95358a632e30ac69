package org.dtcore.context;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;

/**
 * What the inputs already read tell the context (SPEC §9, §10): the lowest RAM address (arm64's PHYS_OFFSET
 * is it rounded down, riscv64's phys_ram_base is it), the number of CPUs in the tree, and where /proc/iomem
 * says the kernel code starts. They come from the memory map and the tree the earlier stage built, never
 * from a scan of their own: a second scan would use other rules than the map's (its page size, its legacy
 * rule, riscv64's load address) and say something else.
 *
 * @param lowestRam       lowest RAM address, if known
 * @param lowestRamSource where it came from ("/proc/iomem" or the tree), for warnings
 * @param possibleCpus    CPUs the tree lists, if it has /cpus
 * @param kernelCode      /proc/iomem's "Kernel code", if known
 * @param riscvMmuMode    riscv64: the MMU mode the tree lets the kernel pick ({@link RiscvMmuMode})
 * @param kernel          the release whose rules read the tree, if known
 */
public record MachineFacts(OptionalLong lowestRam, String lowestRamSource, OptionalInt possibleCpus,
                           Optional<MemoryRange> kernelCode, RiscvMmuMode riscvMmuMode,
                           Optional<KernelVersion> kernel) {
    /** Nothing known: the defaults that need a fact then say what to supply. */
    public static final MachineFacts NONE = new MachineFacts(OptionalLong.empty(), "", OptionalInt.empty(),
            Optional.empty(), RiscvMmuMode.SV57, Optional.empty());

    /**
     * Facts as given; a null {@code kernelCode} or {@code kernel} is empty, a null {@code riscvMmuMode}
     * {@link RiscvMmuMode#SV57}.
     *
     * @param lowestRam       lowest RAM address, if known
     * @param lowestRamSource where it came from, for warnings
     * @param possibleCpus    CPUs the tree lists, if it has /cpus
     * @param kernelCode      /proc/iomem's "Kernel code", if known
     * @param riscvMmuMode    riscv64: the MMU mode the tree lets the kernel pick
     * @param kernel          the release whose rules read the tree, if known
     */
    public MachineFacts {
        kernelCode = kernelCode == null ? Optional.empty() : kernelCode;
        riscvMmuMode = riscvMmuMode == null ? RiscvMmuMode.SV57 : riscvMmuMode;
        kernel = kernel == null ? Optional.empty() : kernel;
    }

    /** Where the lowest RAM came from when it is the tree's. */
    static final String TREE_SOURCE = "the device tree's memory nodes";

    /**
     * From /proc/iomem's top-level "System RAM" (what the kernel actually uses, after SPEC §3.5's clipping)
     * when given, else from the memory map built from the tree; CPUs from the tree; the kernel code from
     * iomem; riscv64's MMU mode from the tree by {@code kernel}'s rules.
     *
     * @param iomem  /proc/iomem's entries; null when not read
     * @param map    the memory map built from the tree; null when none
     * @param tree   the booted tree; null when none
     * @param arch   the architecture (riscv64 reads the MMU mode)
     * @param kernel the release whose rules apply; null when unknown
     * @return what they say, each fact empty when no input gives it
     */

    public static MachineFacts of(List<IomemEntry> iomem, MemoryMap map, DeviceTree tree, Arch arch,
                                  KernelVersion kernel) {
        OptionalLong lowest = OptionalLong.empty();
        String source = "";
        if (iomem != null) {
            lowest = Iomem.named(iomem, Iomem.SYSTEM_RAM).stream().filter(IomemEntry::isTopLevel)
                    .mapToLong(e -> e.range().start()).reduce((a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b);
            source = Iomem.SOURCE;
        }
        if (lowest.isEmpty() && map != null && !map.memory().isEmpty()) {
            lowest = OptionalLong.of(map.memory().get(0).start());
            source = TREE_SOURCE;
        }
        return new MachineFacts(lowest, source, tree == null ? OptionalInt.empty() : PossibleCpus.count(tree, arch),
                iomem == null ? Optional.empty() : Iomem.kernelCode(iomem),
                arch == Arch.RISCV64 ? RiscvMmuMode.of(tree, kernel) : RiscvMmuMode.SV57, Optional.ofNullable(kernel));
    }
}
