package org.dtcore.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;
import org.dtcore.text.Numbers;

/** What /chosen (or /chosen@0) says about memory (SPEC §6). */
final class ChosenScan {
    private final ScanState state;

    ChosenScan(ScanState state) {
        this.state = state;
    }

    /** {@code totalRam} resolves the range form of crashkernel= (only needed when it has an offset). */
    Chosen scan(long totalRam) {
        Optional<FdtNode> found = state.tree.root().child("chosen");
        if (found.isEmpty()) {
            // powerpc 6.12 trims RAM to whole 16 MiB even without a /chosen (MemoryLimit)
            Optional<Long> limit = new MemoryLimit(state).limit(Optional.empty(), Optional.empty(), totalRam, List.of());
            return limit.isEmpty() ? Chosen.NONE : new Chosen(List.of(), Optional.empty(), Optional.empty(), List.of(),
                    limit, Optional.empty(), Optional.empty());
        }
        FdtNode chosen = found.get();
        List<MemoryRange> usable = new ArrayList<>();
        // plain Optional checks rather than lambdas: this runs once per tree, in every one-shot run
        Optional<FdtProperty> usableRaw = chosen.property("linux,usable-memory-range");
        if (usableRaw.isPresent()) {
            state.warnPartialTuple(usableRaw.get());
        }
        Optional<FdtProperty> usableProperty = state.props.tuples(usableRaw, state.addressCells, state.sizeCells);
        if (usableProperty.isPresent()) {
            FdtProperty p = usableProperty.get();
            for (RegEntry e : state.tuples(p)) {
                if (e.size() != 0) {
                    usable.add(MemoryRange.ofSize(e.address(), e.size(), p.path()));
                }
            }
        }
        Optional<FdtProperty> elfcorehdrProperty = chosen.property("linux,elfcorehdr");
        Optional<MemoryRange> elfcorehdr = elfcorehdrProperty.isPresent() ? firstTuple(elfcorehdrProperty.get())
                : Optional.empty();
        Optional<MemoryRange> initrd = initrd(chosen);
        List<MemoryRange> crash = new ArrayList<>();
        Optional<Long> crashBase = number(chosen, "linux,crashkernel-base");
        Optional<Long> crashSize = number(chosen, "linux,crashkernel-size");
        if (crashBase.isPresent() && crashSize.isPresent() && crashSize.get() != 0) {
            crash.add(MemoryRange.ofSize(crashBase.get(), crashSize.get(), chosen.path() + "/linux,crashkernel-base"));
        }
        Optional<FdtProperty> bootargsProperty = chosen.property("bootargs");
        Optional<String> bootargs = bootargsProperty.isPresent() ? Optional.of(bootargs(bootargsProperty.get()))
                : Optional.empty();
        OptionalLong cma = OptionalLong.empty();
        if (bootargs.isPresent()) {
            String where = chosen.path() + "/bootargs";
            List<String> notes = new ArrayList<>();
            List<CrashKernelArgument> args;
            if (crash.isEmpty()) {
                args = CrashKernelArgument.fromCommandLine(bootargs.get(), totalRam, where, state.options.kernel(),
                        notes);
            } else {
                // powerpc's linux,crashkernel-base/-size say where the crash kernel is; bootargs only add CMA,
                // and a word the kernel would reject does not fail a tree that needs none of it
                try {
                    args = CrashKernelArgument.fromCommandLine(bootargs.get(), totalRam, where,
                            state.options.kernel(), new ArrayList<>());
                } catch (MemoryMapException e) {
                    args = List.of();
                }
            }
            for (CrashKernelArgument a : args) {
                if (a.kind() == CrashKernelArgument.Kind.CMA) {
                    // reserve_crashkernel_cma (kernel/crash_reserve.c 7.3): placed at boot, shown in no tree
                    cma = OptionalLong.of(a.size());
                    state.warn(where + ": crashkernel=...,cma asks for " + Numbers.hex(a.size()) + " bytes of CMA,"
                            + " placed at boot in up to " + KernelVersion.CRASH_CMA_RANGES_MAX + " ranges that only the"
                            + " running kernel knows; the dump leaves them out and the capture kernel gets them (give"
                            + " the ranges themselves to apply that)");
                } else if (!crash.isEmpty()) {
                    continue; // powerpc's linux,crashkernel-base/-size already say where it is
                } else if (a.hasOffset() && a.size() != 0) {
                    crash.add(MemoryRange.ofSize(a.offset().getAsLong(), a.size(), where));
                } else if (a.size() != 0) {
                    state.warn(where + ": " + Chosen.UNPLACED_CRASH_KERNEL + "; the running kernel chooses the place"
                            + " (give the crash kernel region, or read it from /proc/iomem)");
                }
            }
            notes.forEach(state::warn);
        }
        // SPEC §6: powerpc's linux,memory-limit is read only by powerpc (prom.c early_init_dt_scan_chosen_ppc)
        Arch arch = state.options.arch();
        Optional<Long> deviceLimit = arch != null && arch.isPowerPc()
                ? number(chosen, "linux,memory-limit") : Optional.empty();
        Optional<Long> limit = new MemoryLimit(state).limit(bootargs, deviceLimit, totalRam, crash);
        Optional<Long> kernelEnd = number(chosen, "linux,kernel-end");
        return new Chosen(usable, elfcorehdr, initrd, crash, limit, kernelEnd, bootargs, cma);
    }

    /** {@link Cells#whole}, saying so when the value is wider than 64 bits. */
    private long wholeNumber(FdtProperty p) {
        return state.number(p, 0, p.length() / 4);
    }

    /** A property read as one u32 or u64, if the node has it. */
    private static Optional<Long> number(FdtNode node, String name) {
        Optional<FdtProperty> p = node.property(name);
        return p.isPresent() ? Optional.of(p.get().asU32OrU64()) : Optional.empty();
    }

    /**
     * SPEC §6: early_init_dt_scan_chosen copies bootargs with strscpy(cmdline, p, min(l, COMMAND_LINE_SIZE)):
     * the bytes before the first NUL, at most min(l, COMMAND_LINE_SIZE) − 1 of them. So trailing NULs
     * (kexec-tools writes them) are nothing, text after a NUL is dropped, a value without its NUL loses its
     * last byte, and an empty value leaves the command line empty. Each is said once, never refused.
     */
    private String bootargs(FdtProperty p) {
        int length = p.length();
        if (length == 0) {
            return "";
        }
        Arch arch = state.options.arch();
        // without an architecture there is no COMMAND_LINE_SIZE to cut at
        int room = (arch == null ? length : Math.min(length, arch.commandLineSize())) - 1;
        int nul = p.cStringLength();
        byte[] all = p.bytes();
        if (nul <= room) {
            for (int i = nul; i < length; i++) {
                if (all[i] != 0) {
                    state.warn(p.path() + ": text after the NUL at byte " + nul
                            + " is ignored, as Linux copies bootargs up to the first NUL");
                    break;
                }
            }
            return new String(all, 0, nul, StandardCharsets.UTF_8);
        }
        if (room == length - 1) {
            state.warn(p.path() + ": not NUL-terminated; Linux's strscpy keeps the first " + room + " of its "
                    + length + " bytes, dropping the last");
        } else {
            state.warn(p.path() + ": longer than " + arch + "'s COMMAND_LINE_SIZE (" + arch.commandLineSize()
                    + "); Linux keeps the first " + room + " bytes");
        }
        return new String(all, 0, room, StandardCharsets.UTF_8);
    }

    private Optional<MemoryRange> firstTuple(FdtProperty p) {
        List<RegEntry> tuples = state.tuples(p);
        if (state.props.wholeTuples() && (tuples.size() != 1 || state.cells.remainder(p) != 0)) {
            // 7.3 early_init_dt_check_for_elfcorehdr: of_flat_dt_get_addr_size wants exactly one tuple
            state.warn(p.path() + ": not exactly one (address, size) tuple; " + state.options.kernel()
                    + " ignores it (drivers/of/fdt.c of_flat_dt_get_addr_size)");
            return Optional.empty();
        }
        if (tuples.isEmpty() || tuples.get(0).size() == 0) {
            return Optional.empty();
        }
        return Optional.of(MemoryRange.ofSize(tuples.get(0).address(), tuples.get(0).size(), p.path()));
    }

    /**
     * SPEC §6: start and end are u32 or u64 by length (early_init_dt_check_for_initrd reads each whole,
     * {@link Cells#whole}); end is exclusive.
     */
    private Optional<MemoryRange> initrd(FdtNode chosen) {
        Optional<FdtProperty> start = chosen.property("linux,initrd-start");
        Optional<FdtProperty> end = chosen.property("linux,initrd-end");
        if (start.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        long s = wholeNumber(start.get());
        long e = wholeNumber(end.get());
        if (Long.compareUnsigned(e, s) <= 0) {
            state.warn(chosen.path() + ": linux,initrd-end is not above linux,initrd-start; initrd ignored");
            return Optional.empty();
        }
        return Optional.of(new MemoryRange(s, e - 1));
    }
}
