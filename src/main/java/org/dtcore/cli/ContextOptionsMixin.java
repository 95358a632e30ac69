package org.dtcore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.KernelText;
import org.dtcore.context.PartialContext;
import org.dtcore.context.SystemRoot;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * Where the crash context comes from and the options that override any of its fields (SPEC §10), shared by
 * every command that needs a context. Precedence: these options, then --context, then --vmcoreinfo-note,
 * then --sysroot/--live, then the architecture's defaults. The page size is not here: it comes from
 * {@link ScanOptionsMixin}'s --page-size, which the memory scan shares.
 */
final class ContextOptionsMixin {
    static final class Root {
        @Option(names = "--sysroot", paramLabel = "DIR",
                description = "read /sys and /proc from a copy of them under DIR")
        Path sysroot;

        @Option(names = "--live", description = "read the running system's /sys and /proc (needs root)")
        boolean live;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Root root;

    @Option(names = "--context", paramLabel = "FILE", description = "JSON context file (docs/context.md)")
    Path contextFile;

    @Option(names = "--system-map", paramLabel = "FILE",
            description = "the kernel's System.map, for _text/_stext/_end (instead of /proc/kallsyms)")
    Path systemMap;

    @Option(names = "--vmcoreinfo-note", paramLabel = "FILE",
            description = "the VMCOREINFO text (PAGESIZE, VA_BITS, PHYS_OFFSET ...)")
    Path vmcoreinfoNote;

    @Option(names = "--vmcoreinfo", paramLabel = "ADDR[,SIZE]", converter = VmcoreinfoConverter.class,
            description = "the vmcoreinfo note's physical address and size (/sys/kernel/vmcoreinfo)")
    AddressAndSize vmcoreinfo;

    /** --vmcoreinfo's value; a record, since picocli would read a long[] field as a repeated option. */
    record AddressAndSize(long address, Long size) {
    }

    @Option(names = "--cpu-note", paramLabel = "ID,ADDR[,SIZE]", converter = CpuNoteConverter.class,
            description = "a CPU's crash note (repeat for each possible CPU); replaces every other source's CPU list")
    List<CpuNote> cpuNotes = new ArrayList<>();

    @Option(names = "--kernel-text", paramLabel = "VADDR,PADDR,SIZE", converter = KernelTextConverter.class,
            description = "the kernel-map PT_LOAD: virtual _text, physical _text, _end - _text")
    KernelText kernelText;

    @Option(names = "--no-kernel-text", description = "there is no kernel text (no kernel-map PT_LOAD)")
    boolean noKernelText;

    @Option(names = "--linear-map-base", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "virtual start of the linear map (PAGE_OFFSET)")
    Long linearMapBase;

    @Option(names = "--phys-offset", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "physical address at the linear map's start (arm64 PHYS_OFFSET, riscv64 phys_ram_base)")
    Long physOffset;

    @Option(names = "--va-bits", paramLabel = "N", description = "arm64/riscv64 VA_BITS (chooses PAGE_OFFSET)")
    Integer vaBits;

    @Option(names = "--e-flags", paramLabel = "N", converter = NumberConverter.class,
            description = "ELF e_flags (default 0; some ppc64 ELFv2 kernels write 2)")
    Long eFlags;

    /** The sources these options name; {@code pageSize} is --page-size (null when not given). */
    ContextSources sources(Long pageSize) {
        ContextSources s = ContextSources.NONE.withContextFile(contextFile).withSystemMap(systemMap)
                .withVmcoreinfoNote(vmcoreinfoNote).withOptions(overrides(pageSize));
        if (root != null && root.live) {
            s = s.withSystemRoot(SystemRoot.live());
        } else if (root != null && root.sysroot != null) {
            s = s.withSystemRoot(SystemRoot.of(root.sysroot));
        }
        return s;
    }

    /**
     * The inputs header, capture-dtb and context share ({@link KdumpInputs}); which source wins is the
     * library's one precedence (docs/kdump-inputs.md).
     */
    KdumpInputs inputs(Path file, ScanOptionsMixin scan, List<String> crashKernels, String command) {
        Arch arch = scan.requireArch(command);
        ContextSources sources = Inputs.gather(() -> sources(scan.pageSize));
        List<MemoryRange> regions = Inputs.gather(() -> crashKernels.stream().map(CrashKernelSpec::parse).toList());
        return new KdumpInputs(arch, file, sources, regions, scan.toScanOptions(), scan.kernelVersion,
                scan.bootLoaderView());
    }

    /** The options layer: only what was given on the command line. */
    PartialContext overrides(Long pageSize) {
        if (kernelText != null && noKernelText) {
            throw new CommandFailure("--kernel-text and --no-kernel-text contradict each other");
        }
        if (eFlags != null && Long.compareUnsigned(eFlags, 0xffff_ffffL) > 0) {
            throw new CommandFailure("--e-flags " + eFlags + " does not fit in 32 bits");
        }
        PartialContext p = PartialContext.EMPTY;
        if (!cpuNotes.isEmpty()) {
            p = p.withCpus(cpuNotes);
        }
        if (vmcoreinfo != null) {
            p = p.withVmcoreinfo(vmcoreinfo.address(), vmcoreinfo.size());
        }
        if (kernelText != null || noKernelText) {
            p = p.withKernelText(Optional.ofNullable(kernelText));
        }
        return p.withLinearMap(linearMapBase, physOffset).withPageSize(pageSize).withVaBits(vaBits)
                .withEFlags(eFlags == null ? null : (int) (long) eFlags);
    }

    /** "A,B,C" with each part a {@link NumberConverter} number; {@code min}..{@code max} parts. */
    static long[] numbers(String value, int min, int max, String form) {
        String[] parts = value.split(",", -1);
        if (parts.length < min || parts.length > max) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not " + form);
        }
        long[] out = new long[parts.length];
        NumberConverter n = new NumberConverter();
        for (int i = 0; i < parts.length; i++) {
            out[i] = n.convert(parts[i]);
        }
        return out;
    }

    static final class VmcoreinfoConverter implements CommandLine.ITypeConverter<AddressAndSize> {
        @Override
        public AddressAndSize convert(String value) {
            long[] n = numbers(value, 1, 2, "ADDR[,SIZE]");
            return new AddressAndSize(n[0], n.length > 1 ? n[1] : null);
        }
    }

    static final class CpuNoteConverter implements CommandLine.ITypeConverter<CpuNote> {
        @Override
        public CpuNote convert(String value) {
            long[] n = numbers(value, 2, 3, "ID,ADDR[,SIZE]");
            if (Long.compareUnsigned(n[0], Integer.MAX_VALUE) > 0) {
                throw new CommandLine.TypeConversionException("CPU id " + Long.toUnsignedString(n[0]) + " is too large");
            }
            if (n.length == 3 && n[2] == 0) {
                throw new CommandLine.TypeConversionException("'" + value + "': a note size of 0");
            }
            // size 0: not given; the architecture's note size fills it in (SPEC §9)
            return new CpuNote((int) n[0], n[1], n.length == 3 ? n[2] : 0);
        }
    }

    static final class KernelTextConverter implements CommandLine.ITypeConverter<KernelText> {
        @Override
        public KernelText convert(String value) {
            long[] n = numbers(value, 3, 3, "VADDR,PADDR,SIZE");
            return new KernelText(n[0], n[1], n[2]);
        }
    }
}
