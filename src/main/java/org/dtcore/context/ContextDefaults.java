package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_VALUE;
import static org.dtcore.context.ContextException.Kind.MISSING;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.memory.Arch;
import org.dtcore.memory.PageSize;
import org.dtcore.text.Numbers;

/**
 * Completes a stack of {@link PartialContext} layers into a {@link CrashContext} (SPEC §10): each field a
 * source did not give takes the architecture's default, and each default that could be wrong is named in
 * a warning with the input that overrides it ({@link Given}). What has no sensible default — where the CPU
 * notes and the vmcoreinfo note are — is an error that says what to supply.
 */
final class ContextDefaults {
    private ContextDefaults() {
    }

    /**
     * Per-CPU note buffer size (SPEC §9: sizeof the ELF prstatus note, seen on real kernels), or 0 when
     * dtcore knows none. loongarch64's 512 follows the same layout (45 general registers) but has not been
     * seen on a recorded kernel.
     */
    public static long noteSize(Arch arch) {
        return switch (arch) {
            case X86_64 -> 368;
            case ARM64 -> 424;
            case PPC64 -> 536;
            case RISCV64 -> 408;
            case LOONGARCH64 -> 512;
            default -> 0;
        };
    }

    /** SPEC §9: the vmcoreinfo note is 24 + 12 bytes of ELF note headers plus one page (4132 with 4 KiB). */
    public static long vmcoreinfoSize(long pageSize) {
        return 24 + 12 + pageSize;
    }

    /** Whether the kernel writes the kernel-map PT_LOAD on {@code arch} (SPEC §8: all but powerpc). */
    public static boolean hasKernelMap(Arch arch) {
        return arch != Arch.PPC64 && arch != Arch.PPC;
    }

    /**
     * The complete context. {@code facts} is asked only when a default needs it (so a system root's tree
     * is not parsed when the sources say everything).
     */
    public static CrashContext complete(Arch arch, PartialContext given, Supplier<MachineFacts> machine) {
        return complete(arch, given, machine, NoteSizeRule.kernel(arch));
    }

    /** {@link #complete(Arch, PartialContext, Supplier)} with the loader's size for a CPU note of unknown size. */
    public static CrashContext complete(Arch arch, PartialContext given, Supplier<MachineFacts> machine,
                                        NoteSizeRule noteSize) {
        Supplier<MachineFacts> facts = memo(machine);
        List<ContextWarning> warnings = new ArrayList<>(given.notices());
        long pageSize = pageSize(arch, given, warnings);
        List<CpuNote> cpus = cpus(arch, given, facts, warnings, noteSize);
        if (given.vmcoreinfoAddress() == null) {
            throw new ContextException(MISSING, "", Wording.of("the vmcoreinfo note's address is unknown: give ",
                    Given.VMCOREINFO, " (what /sys/kernel/vmcoreinfo prints), \"vmcoreinfo\" in a context file, or ",
                    Given.SYSTEM_ROOT));
        }
        long vmcoreinfoSize;
        if (given.vmcoreinfoSize() != null) {
            vmcoreinfoSize = given.vmcoreinfoSize();
        } else {
            vmcoreinfoSize = vmcoreinfoSize(pageSize);
            warnings.add(ContextWarning.general(Wording.of("vmcoreinfo note size: " + Numbers.hex(vmcoreinfoSize)
                    + " (24 + 12 + the page size, SPEC §9); override with ", Given.VMCOREINFO_SIZE)));
        }
        Optional<KernelText> text = kernelText(arch, given, warnings);
        LinearMap map = LinearMap.resolve(arch, given, facts.get(), warnings);
        int eFlags = 0;
        if (given.eFlags() != null) {
            eFlags = given.eFlags();
        } else if (arch == Arch.PPC64) {
            warnings.add(new ContextWarning(ContextWarning.Kind.E_FLAGS, Wording.of(
                    "ppc64 e_flags: 0 (ELFv2 kernels from 6.5 may write 2, SPEC §9); override with ", Given.E_FLAGS)));
        }
        return new CrashContext(cpus, given.vmcoreinfoAddress(), vmcoreinfoSize, text, map.base(), map.physOffset(),
                pageSize, eFlags, warnings);
    }

    private static long pageSize(Arch arch, PartialContext given, List<ContextWarning> warnings) {
        if (given.pageSize() != null) {
            long p = given.pageSize();
            if (PageSize.problem(p).isPresent()) {
                throw new ContextException(BAD_VALUE, "", PageSize.problem(p).get());
            }
            return p;
        }
        warnings.add(ContextWarning.general(Wording.of("page size: " + arch.defaultPageSize() + " (the usual " + arch
                + " kernel); override with ", Given.PAGE_SIZE, " or a vmcoreinfo note (PAGESIZE)")));
        return arch.defaultPageSize();
    }

    private static List<CpuNote> cpus(Arch arch, PartialContext given, Supplier<MachineFacts> facts,
                                      List<ContextWarning> warnings, NoteSizeRule rule) {
        if (given.cpus() == null || given.cpus().isEmpty()) {
            // a tree counts CPUs but cannot say where their notes are: nothing to default to
            String counted = facts.get().possibleCpus().isPresent()
                    ? "the device tree lists " + facts.get().possibleCpus().getAsInt() + " CPUs, but "
                    : "";
            throw new ContextException(MISSING, "", Wording.of("no CPU crash notes: " + counted + "a note's address is"
                    + " only in /sys/devices/system/cpu/cpuN/crash_notes; give ", Given.SYSTEM_ROOT, ", ",
                    Given.CPU_NOTE, " for each CPU, or \"cpus\" in a context file"));
        }
        List<CpuNote> sorted = new ArrayList<>(given.cpus());
        sorted.sort(CpuNote.BY_CPU);
        List<Integer> defaulted = new ArrayList<>();
        long size = rule.size();
        for (int i = 0; i < sorted.size(); i++) {
            CpuNote n = sorted.get(i);
            if (i > 0 && sorted.get(i - 1).cpu() == n.cpu()) {
                throw new ContextException(BAD_VALUE, "", "CPU " + n.cpu() + " is given twice");
            }
            if (n.cpu() < 0) {
                throw new ContextException(BAD_VALUE, "", "CPU number " + n.cpu() + " is negative");
            }
            if (n.size() == 0) {
                if (size == 0) {
                    throw new ContextException(MISSING, "", Wording.of("CPU " + n.cpu() + ": crash note size unknown"
                            + " and " + arch + " has no default; give ", Given.CPU_NOTE_SIZE));
                }
                sorted.set(i, new CpuNote(n.cpu(), n.address(), size));
                defaulted.add(n.cpu());
            }
        }
        if (!defaulted.isEmpty()) {
            warnings.add(ContextWarning.general(Wording.of("crash note size of CPUs " + defaulted + ": " + size + " ("
                    + rule.why() + "; no crash_notes_size); override with ", Given.CPU_NOTE_SIZE)));
        }
        return sorted;
    }

    private static Optional<KernelText> kernelText(Arch arch, PartialContext given, List<ContextWarning> warnings) {
        Optional<KernelText> text = given.kernelText();
        if (text == null) {
            if (hasKernelMap(arch)) {
                warnings.add(new ContextWarning(ContextWarning.Kind.KERNEL_TEXT, Wording.of("kernel text unknown, so"
                        + " no kernel-map PT_LOAD can be written: give ", Given.SYSTEM_ROOT, " with /proc/kallsyms (or ",
                        Given.SYSTEM_MAP, ") and /proc/iomem, or ", Given.KERNEL_TEXT)));
            }
            return Optional.empty();
        }
        return text;
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = s.get();
                }
                return value;
            }
        };
    }
}
