package org.dtcore.context;

import java.util.Optional;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.memory.KernelVersion;

/**
 * The riscv64 MMU mode (and so VA_BITS and PAGE_OFFSET, SPEC §9) the kernel picks at boot, as far as the
 * booted tree says: set_satp_mode() (arch/riscv/mm/init.c) starts from sv57 and steps down to what the
 * hardware accepts, capped from 6.12 on by "no4lvl"/"no5lvl" in the early command line and from 7.3 on
 * also by the first available CPU's {@code mmu-type} ({@link KernelVersion#riscvSatpModeFromCommandLine},
 * {@link KernelVersion#riscvSatpModeFromTree}). What the hardware accepts is not in the tree: the cap is
 * the mode whenever the hardware goes that far (QEMU's default CPU does sv57).
 *
 * @param vaBits the cap: 57, 48 or 39
 * @param why    what set it, for the warning that names the default
 */
public record RiscvMmuMode(int vaBits, String why) {
    /** No cap: sv57, or less if the hardware does not have it. */
    public static final RiscvMmuMode SV57 = new RiscvMmuMode(57, "no cap in the tree or command line");

    /**
     * The cap a kernel's rules read from a booted tree.
     *
     * @param tree   the booted tree; null when there is none (then no cap)
     * @param kernel the release whose rules apply; null when unknown (then the newest's)
     * @return the cap, {@link #SV57} when nothing sets one
     */

    public static RiscvMmuMode of(DeviceTree tree, KernelVersion kernel) {
        if (tree == null) {
            return SV57;
        }
        KernelVersion k = kernel == null ? KernelVersion.NEWEST : kernel;
        RiscvMmuMode mode = SV57;
        if (k.riscvSatpModeFromCommandLine()) {
            mode = fromCommandLine(tree);
        }
        if (k.riscvSatpModeFromTree()) {
            RiscvMmuMode fromTree = fromMmuType(tree);
            // min_not_zero(cmdline cap, fdt cap)
            if (fromTree.vaBits < mode.vaBits) {
                mode = fromTree;
            }
        }
        return mode;
    }

    /**
     * arch/riscv/kernel/pi/cmdline_early.c match_noXlvl(): strstr on the early command line (the tree's
     * bootargs), "no4lvl" first; the kernel's CONFIG_CMDLINE is not in the tree.
     */
    private static RiscvMmuMode fromCommandLine(DeviceTree tree) {
        Optional<FdtNode> chosen = tree.node("/chosen");
        Optional<FdtProperty> bootargs = chosen.isPresent() ? chosen.get().property("bootargs") : Optional.empty();
        if (bootargs.isEmpty()) {
            return SV57;
        }
        String line = bootargs.get().asCString();
        if (line.contains("no4lvl")) {
            return new RiscvMmuMode(39, "\"no4lvl\" in /chosen/bootargs");
        }
        if (line.contains("no5lvl")) {
            return new RiscvMmuMode(48, "\"no5lvl\" in /chosen/bootargs");
        }
        return SV57;
    }

    /**
     * arch/riscv/kernel/pi/fdt_early.c set_satp_mode_from_fdt(): the /cpus children named "cpu" or "cpu@...",
     * skipping unavailable ones; the first available one decides: its mmu-type "riscv,sv39" or "riscv,sv48"
     * caps the mode, anything else (or none) does not.
     */
    private static RiscvMmuMode fromMmuType(DeviceTree tree) {
        Optional<FdtNode> cpus = tree.node("/cpus");
        if (cpus.isEmpty()) {
            return SV57;
        }
        for (FdtNode cpu : cpus.get().children()) {
            if (!cpu.name().equals("cpu") && !cpu.name().startsWith("cpu@")) {
                continue;
            }
            if (!cpu.isAvailable()) {
                continue;
            }
            Optional<FdtProperty> type = cpu.property("mmu-type");
            if (type.isEmpty()) {
                return SV57;
            }
            if (type.get().isCString("riscv,sv39")) {
                return new RiscvMmuMode(39, cpu.path() + "/mmu-type \"riscv,sv39\"");
            }
            if (type.get().isCString("riscv,sv48")) {
                return new RiscvMmuMode(48, cpu.path() + "/mmu-type \"riscv,sv48\"");
            }
            return SV57;
        }
        return SV57;
    }
}
