package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * The crash memory kexec-tools (kexec_load) builds, per architecture, from what it reads of the running
 * system (SPEC §9 kexec-tools mode). These are kexec-tools' own rules, not the kernel's
 * (crash_prepare_elf64_headers, {@link CrashPolicy}): each architecture's model names where they differ.
 * <ul>
 *   <li>arm64 — {@link KexecToolsArm64}, kexec-tools 2.0.25 kexec/arch/arm64/crashdump-arm64.c</li>
 *   <li>ppc64 — {@link KexecToolsPpc64}, kexec-tools 2.0.25 kexec/arch/ppc64/crashdump-ppc64.c</li>
 *   <li>x86_64 — {@link KexecToolsX86}, kexec-tools 2.0.25 kexec/arch/i386/crashdump-x86.c</li>
 *   <li>riscv64 — {@link KexecToolsRiscv}, kexec-tools 2.0.32 kexec/arch/riscv/crashdump-riscv.c</li>
 * </ul>
 */
public final class KexecToolsRanges {
    private KexecToolsRanges() {
    }

    /**
     * Whether dtcore models kexec-tools' crash memory for an architecture.
     *
     * @param arch the architecture
     * @return true for arm64, ppc64, x86_64 and riscv64
     */
    public static boolean models(Arch arch) {
        return arch == Arch.ARM64 || arch == Arch.PPC64 || arch == Arch.X86_64 || arch == Arch.RISCV64;
    }

    /**
     * kexec-tools' ranges for an architecture.
     *
     * @param arch the architecture ({@link #models} must be true)
     * @param in   what kexec-tools reads of the running system
     * @return the ranges and the elf_info values kexec-tools hands crash_create_elf64_headers()
     * @throws CrashException where kexec-tools would refuse to load (no crash kernel, no "Kernel code" ...)
     *                        and for an architecture not modelled
     */
    public static KexecToolsMemory of(Arch arch, KexecToolsInputs in) {
        return switch (arch) {
            case ARM64 -> KexecToolsArm64.memory(in);
            case PPC64 -> KexecToolsPpc64.memory(in);
            case X86_64 -> KexecToolsX86.memory(in, in.directMapBase());
            case RISCV64 -> KexecToolsRiscv.memory(in);
            default -> throw new CrashException("", "kexec-tools' crash memory is not modelled for " + arch
                    + " (arm64, ppc64, x86_64 and riscv64 are)");
        };
    }

    /**
     * x86_64: kexec-tools 2.0.25's crash memory ranges with their types (kexec/arch/i386/crashdump-x86.c
     * get_crash_memory_ranges()): every RAM, ACPI, NVS, persistent-memory and reserved line of /proc/iomem in
     * file order, minus each crash kernel region ({@code crashKernels}, in /proc/iomem's order) and GART.
     *
     * @param iomem        /proc/iomem's lines in file order
     * @param crashKernels the crash kernel regions to cut out, in /proc/iomem's order
     * @return the ranges in kexec-tools' order, each with its RANGE_* type
     */
    public static List<LoaderRange> x86CrashRanges(List<IomemEntry> iomem, List<MemoryRange> crashKernels) {
        return List.copyOf(KexecToolsX86.crashRanges(iomem, crashKernels));
    }

    /**
     * x86_64: get_backup_area(): the first RAM range of {@code ranges} ending at or below 640 KiB, else
     * [0, 0x9ffff] (BACKUP_SRC_START .. BACKUP_SRC_END).
     *
     * @param ranges the crash ranges ({@link #x86CrashRanges})
     * @return the backup area: the range the core header's backup PT_LOAD reads from the copy
     */

    public static MemoryRange x86BackupArea(List<LoaderRange> ranges) {
        return KexecToolsX86.backup(ranges);
    }

    /** The iomem lines, or a failure saying kexec-tools needs them. */
    static List<IomemEntry> iomem(KexecToolsInputs in, String arch) {
        if (in.iomem().isEmpty()) {
            throw new CrashException(CrashException.Kind.LOADER_REFUSES, Iomem.SOURCE, Wording.of(arch + ": kexec-tools"
                    + " reads the memory layout from /proc/iomem; give ", Given.SYSTEM_ROOT, " with proc/iomem"));
        }
        return in.iomem().get();
    }

    /**
     * parse_iomem_single() (kexec/kexec-iomem.c): the one line named exactly {@code name}; kexec-tools fails
     * when there is none or more than one.
     */
    static MemoryRange single(List<IomemEntry> iomem, String name, String why) {
        List<IomemEntry> found = iomem.stream().filter(e -> e.name().equals(name)).toList();
        if (found.size() != 1) {
            throw new CrashException(Iomem.SOURCE, found.size() + " lines named \"" + name
                    + "\"; kexec-tools needs exactly one (" + why + ")");
        }
        return found.get(0).range();
    }

    /**
     * The crash kernel regions: those given, else /proc/iomem's "Crash kernel" lines (kexec-tools matches the
     * name exactly, so "Crash kernel (low)" is not one).
     */
    static List<MemoryRange> crashKernels(KexecToolsInputs in, List<IomemEntry> iomem) {
        if (!in.crashKernels().isEmpty()) {
            return in.crashKernels();
        }
        List<MemoryRange> out = new ArrayList<>();
        for (IomemEntry e : iomem) {
            if (e.name().equals(Iomem.CRASH_KERNEL)) {
                out.add(e.range());
            }
        }
        if (out.isEmpty()) {
            throw new CrashException(CrashException.Kind.LOADER_REFUSES, Iomem.SOURCE, Wording.of("no \"Crash kernel\""
                    + " line: kexec -p needs the region crashkernel= reserved (or give ", Given.CRASH_KERNEL, ")"));
        }
        return out;
    }

    /**
     * The RAM ranges as PT_LOADs see them: crashdump-elf.c skips other types and [0, 0]; a range whose end
     * fell below its start (kexec-tools writes such a size without checking) is refused.
     */
    static List<MemoryRange> ram(List<LoaderRange> ranges) {
        List<MemoryRange> out = new ArrayList<>();
        for (LoaderRange r : ranges) {
            if (r.type() != LoaderRange.Type.RAM || (r.start() == 0 && r.end() == 0)) {
                continue;
            }
            if (Long.compareUnsigned(r.end(), r.start()) < 0) {
                throw new CrashException("", "kexec-tools' arithmetic leaves range [" + Numbers.hex(r.start()) + ", "
                        + Numbers.hex(r.end()) + "], which ends before it starts: it would write a PT_LOAD of 2^64 − "
                        + Numbers.hex(r.start() - r.end() - 1) + " bytes");
            }
            out.add(new MemoryRange(r.start(), r.end()));
        }
        return out;
    }

    /** Whether the ranges are in ascending order of start (the kernel always writes them so). */
    static boolean sorted(List<MemoryRange> ranges) {
        for (int i = 1; i < ranges.size(); i++) {
            if (Long.compareUnsigned(ranges.get(i - 1).start(), ranges.get(i).start()) > 0) {
                return false;
            }
        }
        return true;
    }
}
