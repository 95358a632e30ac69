package org.dtcore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.KernelText;
import org.dtcore.context.PartialContext;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.input.SystemRoot;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * Where the crash context comes from and the options that override any of its fields (SPEC §10), shared by
 * every command that needs a context: declared once here, read back with {@link #from}. Precedence: these
 * options, then --context, then --vmcoreinfo-note, then --sysroot/--live, then the architecture's defaults.
 * The page size is not here: it comes from {@link MemoryRuleOptions}'s --page-size, which the memory scan
 * shares.
 */
final class ContextOptions {
    Path sysroot;
    boolean live;
    Path contextFile;
    Path systemMap;
    Path vmcoreinfoNote;
    Placement vmcoreinfo;
    final List<CpuNote> cpuNotes = new ArrayList<>();
    KernelText kernelText;
    boolean noKernelText;
    Long linearMapBase;
    Long physOffset;
    Integer vaBits;
    Long eFlags;

    static void declare(OptionTable t) {
        t.value("sysroot", "DIR|ARCHIVE", "read /sys and /proc from a copy of them: a folder, or a .tar or .tar.gz archive"
                + " of one (docs/context.md)").files();
        t.flag("live", "read the running system's /sys and /proc (needs root)");
        t.exclusive("sysroot", "live");
        t.value("context", "FILE", "JSON context file (docs/context.md); - for standard input").files();
        t.value("system-map", "FILE", "the kernel's System.map, for _text/_stext/_end (instead of /proc/kallsyms)")
                .files();
        t.value("vmcoreinfo-note", "FILE", "the VMCOREINFO text (PAGESIZE, VA_BITS, PHYS_OFFSET ...)").files();
        t.value("vmcoreinfo", "ADDR[,SIZE]", "the vmcoreinfo note's physical address and size"
                + " (/sys/kernel/vmcoreinfo)");
        t.value("cpu-note", "ID,ADDR[,SIZE]", "a CPU's crash note (repeat for each possible CPU); replaces every"
                + " other source's CPU list").repeatable();
        t.value("kernel-text", "VADDR,PADDR,SIZE", "the kernel-map PT_LOAD: virtual _text, physical _text,"
                + " _end - _text");
        t.flag("no-kernel-text", "there is no kernel text (no kernel-map PT_LOAD)");
        t.value("linear-map-base", "ADDR", "virtual start of the linear map (PAGE_OFFSET)");
        t.value("phys-offset", "ADDR", "physical address at the linear map's start (arm64 PHYS_OFFSET, riscv64"
                + " phys_ram_base)");
        t.value("va-bits", "N", "arm64/riscv64 VA_BITS (chooses PAGE_OFFSET)");
        t.value("e-flags", "N", "ELF e_flags (default 0; some ppc64 ELFv2 kernels write 2)");
    }

    static ContextOptions from(Arguments a) {
        ContextOptions c = new ContextOptions();
        c.sysroot = a.path("sysroot");
        c.live = a.flag("live");
        if (c.live && c.sysroot != null) {
            throw CommandFailure.usage("--sysroot and --live exclude each other: choose one system root");
        }
        c.contextFile = a.inputPath("context", StandardInput.Kind.CONTEXT);
        c.systemMap = a.inputPath("system-map", StandardInput.Kind.SYSTEM_MAP);
        c.vmcoreinfoNote = a.inputPath("vmcoreinfo-note", StandardInput.Kind.VMCOREINFO_NOTE);
        String v = a.text("vmcoreinfo");
        if (v != null) {
            c.vmcoreinfo = Placement.parse("--vmcoreinfo", v);
        }
        for (String note : a.texts("cpu-note")) {
            c.cpuNotes.add(cpuNote(note));
        }
        String kt = a.text("kernel-text");
        if (kt != null) {
            long[] n = numbers("--kernel-text", kt, 3, 3, "VADDR,PADDR,SIZE");
            c.kernelText = new KernelText(n[0], n[1], n[2]);
        }
        c.noKernelText = a.flag("no-kernel-text");
        c.linearMapBase = a.number("linear-map-base");
        c.physOffset = a.number("phys-offset");
        String va = a.text("va-bits");
        if (va != null) {
            long n = NumberConverter.parse("--va-bits", va);
            if (n > Integer.MAX_VALUE) {
                throw CommandFailure.usage("--va-bits " + va + " is too large");
            }
            c.vaBits = (int) n;
        }
        c.eFlags = a.number("e-flags");
        return c;
    }

    /** The system root --sysroot (a folder or an archive) or --live names, if any. */
    Optional<SystemRoot> systemRoot() {
        if (live) {
            return Optional.of(SystemRoot.live());
        }
        return sysroot == null ? Optional.empty() : Optional.of(SystemRoot.of(sysroot));
    }

    /** The sources these options name; {@code pageSize} is --page-size (null when not given). */
    ContextSources sources(Long pageSize) {
        ContextSources s = ContextSources.NONE.withContextFile(contextFile).withSystemMap(systemMap)
                .withVmcoreinfoNote(vmcoreinfoNote).withOptions(overrides(pageSize));
        Optional<SystemRoot> root = systemRoot();
        return root.isPresent() ? s.withSystemRoot(root.get()) : s;
    }

    /**
     * The inputs header, capture-dtb and context share ({@link KdumpInputs}); which source wins is the
     * library's one precedence (docs/kdump-inputs.md).
     */
    KdumpInputs inputs(Path file, MemoryRuleOptions scan, List<String> crashKernels, String command) {
        Arch arch = scan.requireArch(command);
        ContextSources sources = Inputs.gather(() -> sources(scan.pageSize()));
        List<MemoryRange> regions = new ArrayList<>();
        for (String spec : crashKernels) {
            regions.add(Inputs.gather(() -> CrashKernelSpec.parse(spec)));
        }
        // Linux reserves at most two crash kernel regions, crashkernel= and crashkernel=,low, and never
        // one over the other (kernel/crash_reserve.c: crashk_res and crashk_low_res)
        if (regions.size() > 2) {
            throw CommandFailure.usage("--crashkernel is given " + regions.size() + " times: a kernel has at most two"
                    + " crash kernel regions (crashkernel=, then crashkernel=,low)");
        }
        if (regions.size() == 2 && regions.get(0).overlaps(regions.get(1))) {
            throw CommandFailure.usage("--crashkernel " + crashKernels.get(0) + " and --crashkernel "
                    + crashKernels.get(1) + (regions.get(0).equals(regions.get(1)) ? " are the same region"
                    : " overlap") + ": a kernel's two crash kernel regions are apart");
        }
        return new KdumpInputs(arch, file, sources, regions, scan.toScanOptions(), scan.kernelVersion(),
                scan.bootLoaderView());
    }

    /** The options layer: only what was given on the command line. */
    PartialContext overrides(Long pageSize) {
        if (kernelText != null && noKernelText) {
            throw CommandFailure.usage("--kernel-text and --no-kernel-text contradict each other");
        }
        if (eFlags != null && Long.compareUnsigned(eFlags, 0xffff_ffffL) > 0) {
            throw CommandFailure.usage("--e-flags " + Long.toUnsignedString(eFlags) + " does not fit in 32 bits");
        }
        PartialContext p = PartialContext.EMPTY;
        if (!cpuNotes.isEmpty()) {
            p = p.withCpus(cpuNotes);
        }
        if (vmcoreinfo != null) {
            p = p.withVmcoreinfo(vmcoreinfo.address(), vmcoreinfo.sizeOrNull());
        }
        if (kernelText != null || noKernelText) {
            p = p.withKernelText(Optional.ofNullable(kernelText));
        }
        return p.withLinearMap(linearMapBase, physOffset).withPageSize(pageSize).withVaBits(vaBits)
                .withEFlags(eFlags == null ? null : (int) (long) eFlags);
    }

    /** "A,B,C" with each part a number; {@code min}..{@code max} parts, else a usage error naming {@code form}. */
    static long[] numbers(String option, String value, int min, int max, String form) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= value.length(); i++) {
            if (i == value.length() || value.charAt(i) == ',') {
                parts.add(value.substring(from, i));
                from = i + 1;
            }
        }
        if (parts.size() < min || parts.size() > max) {
            throw CommandFailure.usage(option + " '" + value + "' is not " + form);
        }
        long[] out = new long[parts.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = NumberConverter.parse(option, parts.get(i));
        }
        return out;
    }

    private static CpuNote cpuNote(String value) {
        long[] n = numbers("--cpu-note", value, 2, 3, "ID,ADDR[,SIZE]");
        if (Long.compareUnsigned(n[0], Integer.MAX_VALUE) > 0) {
            throw CommandFailure.usage("--cpu-note: CPU id " + Long.toUnsignedString(n[0]) + " is too large");
        }
        if (n.length == 3 && n[2] == 0) {
            throw CommandFailure.usage("--cpu-note '" + value + "': a note size of 0");
        }
        // size 0: not given; the architecture's note size fills it in (SPEC §9)
        return new CpuNote((int) n[0], n[1], n.length == 3 ? n[2] : 0);
    }
}
