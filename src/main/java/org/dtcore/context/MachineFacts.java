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
import org.dtcore.memory.MemoryScan;
import org.dtcore.memory.ScanOptions;

/**
 * What the memory map and the tree tell the defaults (SPEC §9): the lowest RAM address (arm64's
 * PHYS_OFFSET is it rounded down, riscv64's phys_ram_base is it) and the number of CPUs in the tree.
 *
 * @param lowestRam       lowest RAM address, if known
 * @param lowestRamSource where it came from ("/proc/iomem" or the tree), for warnings
 * @param possibleCpus    CPUs the tree lists, if it has /cpus
 * @param riscvMmuMode    riscv64: the MMU mode the tree lets the kernel pick ({@link RiscvMmuMode})
 * @param kernel          the release whose rules read the tree, if known
 */
public record MachineFacts(OptionalLong lowestRam, String lowestRamSource, OptionalInt possibleCpus,
                           RiscvMmuMode riscvMmuMode, Optional<KernelVersion> kernel) {
    public static final MachineFacts NONE = new MachineFacts(OptionalLong.empty(), "", OptionalInt.empty());

    public MachineFacts {
        riscvMmuMode = riscvMmuMode == null ? RiscvMmuMode.SV57 : riscvMmuMode;
        kernel = kernel == null ? Optional.empty() : kernel;
    }

    /** Facts without a tree's MMU cap or a known release. */
    public MachineFacts(OptionalLong lowestRam, String lowestRamSource, OptionalInt possibleCpus) {
        this(lowestRam, lowestRamSource, possibleCpus, RiscvMmuMode.SV57, Optional.empty());
    }

    /**
     * From /proc/iomem's top-level "System RAM" (what the kernel actually uses, after SPEC §3.5's
     * clipping) when given, else from the tree's memory scan; CPUs from the tree. Either may be null.
     */
    public static MachineFacts of(List<IomemEntry> iomem, DeviceTree tree, Arch arch) {
        return of(iomem, tree, arch, null);
    }

    /**
     * As above, the tree scanned by {@code kernel}'s rules (null: unknown), since they decide whether riscv64
     * keeps the RAM below its load address ({@link KernelVersion#riscvDropsRamBelowKernel()}).
     */
    public static MachineFacts of(List<IomemEntry> iomem, DeviceTree tree, Arch arch, KernelVersion kernel) {
        OptionalLong lowest = OptionalLong.empty();
        String source = "";
        if (iomem != null) {
            lowest = Iomem.named(iomem, Iomem.SYSTEM_RAM).stream().filter(IomemEntry::isTopLevel)
                    .mapToLong(e -> e.range().start()).reduce((a, b) -> Long.compareUnsigned(a, b) <= 0 ? a : b);
            source = Iomem.SOURCE;
        }
        if (lowest.isEmpty() && tree != null) {
            MemoryMap map = MemoryScan.scan(tree, ScanOptions.forArch(arch).withKernel(kernel));
            if (!map.memory().isEmpty()) {
                lowest = OptionalLong.of(map.memory().get(0).start());
                source = "the device tree's memory nodes";
            }
        }
        return new MachineFacts(lowest, source, tree == null ? OptionalInt.empty() : PossibleCpus.count(tree, arch),
                arch == Arch.RISCV64 ? RiscvMmuMode.of(tree, kernel) : RiscvMmuMode.SV57, Optional.ofNullable(kernel));
    }
}
