package org.dtcore.kdump;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.context.ContextSources;
import org.dtcore.context.ContextWarning;
import org.dtcore.context.CrashContext;
import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelText;
import org.dtcore.context.NoteSizeRule;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.KexecToolsInputs;
import org.dtcore.crash.KexecToolsMemory;
import org.dtcore.crash.KexecToolsRanges;
import org.dtcore.elf.BackupRegion;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.KexecToolsOptions;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * The header kexec-tools builds in user space under kexec_load (SPEC §9 kexec-tools mode, docs/kexec-tools.md).
 * With a system root, on the architectures whose kexec-tools rules are modelled, the system is read as
 * kexec-tools reads it: its own ranges ({@link KexecToolsRanges}), not the kernel's, laid out by
 * crash_create_elf64_headers() ({@link CoreHeaderBuilder#kexecTools}); the warnings name each place where the
 * result departs from what the kernel (kexec_file_load) writes. Otherwise the kernel's ranges are laid out by
 * kexec-tools' header rules, and a warning says so.
 */
final class KexecToolsLoad {
    /** The symbols kexec-tools' get_kernel_sym() asks /proc/kallsyms for, on the modelled architectures. */
    static final Set<String> SYMBOLS = Set.of("_text", "_stext", "__init_begin", "_sinittext", "_end");

    private KexecToolsLoad() {
    }

    static HeaderResult build(ResolvedInputs in, HeaderRequest request) {
        if (in.root() != null && KexecToolsRanges.models(in.arch())) {
            return fromRoot(in, request);
        }
        in.requireRam();
        List<Wording> warnings = new ArrayList<>(in.warnings());
        KernelFileLoad.noCrashKernel(in, warnings);
        CrashContext ctx = in.context().collect(in.arch(), NoteSizeRule.kexecTools());
        KernelFileLoad.addContext(warnings, ctx.notices());
        // kexec-tools hands no crashkernel CMA over: they are System RAM to it
        CrashMemory crash = KernelFileLoad.crashMemory(in, request.exclusion(), List.of());
        EncodedCoreHeader header = CoreHeaderBuilder.kexecTools(in.arch(), ctx, crash.ranges(),
                options(in, request, crash, ctx));
        warnings.add(Wording.of("kexec-tools mode without ", Given.SYSTEM_ROOT, " (or for " + in.arch() + "): the"
                + " ranges follow the kernel's rules, not kexec-tools' own; give ", Given.SYSTEM_ROOT, " for those"));
        if (in.arch() == Arch.PPC64 && request.kexecTools().byteOrder().isEmpty()) {
            warnings.add(Wording.of("ppc64 (kexec-tools): little-endian, as a ppc64le host writes; give ",
                    Given.BIG_ENDIAN, " for a big-endian host"));
        }
        return new HeaderResult(header, Optional.of(crash), Optional.of(ctx), in.kernel(), LoaderMode.KEXEC_TOOLS, warnings);
    }

    /** The system root read as kexec-tools reads the running system; what the root cannot give, from the request. */
    private static HeaderResult fromRoot(ResolvedInputs in, HeaderRequest request) {
        Arch arch = in.arch();
        SystemRoot root = in.root();
        KexecToolsSettings s = request.kexecTools();
        // kexec-tools places the kernel text from its own reading of kallsyms (below): the kernel's is not
        // used, so the context does not read the symbols a second time for it
        ContextSources sources = in.context().options().kernelText() != null ? in.context()
                : in.context().withOptions(in.context().options().withKernelText(Optional.empty()));
        CrashContext ctx = sources.collect(arch, NoteSizeRule.kexecTools());
        List<Wording> warnings = new ArrayList<>(in.releaseWarnings());
        ctx.notices().stream().filter(w -> !concernsKernelRules(arch, w)).forEach(w -> warnings.add(w.wording()));

        Kallsyms kallsyms = SourceFile.read(root.where(RootFile.KALLSYMS), () -> Kallsyms.read(root, SYMBOLS));
        Optional<Path> systemMap = in.context().systemMap();
        Kallsyms kcore = systemMap.isEmpty() ? kcoreText(in.context().options().kernelText())
                : SourceFile.read(systemMap.get(), () -> Kallsyms.read(systemMap.get(), SYMBOLS));
        KexecToolsInputs inputs = new KexecToolsInputs(Optional.ofNullable(in.iomem()), kallsyms,
                Optional.ofNullable(kcore), Optional.ofNullable(arch == Arch.PPC64 ? liveTree(in, request) : null),
                ctx.pageSize(), request.inputs().crashKernels(),
                ctx.linearMapBase());
        KexecToolsMemory mem = KexecToolsRanges.of(arch, inputs);
        mem.warnings().forEach(w -> warnings.add(Wording.of(w)));

        CrashContext loader = new CrashContext(ctx.cpus(), ctx.vmcoreinfoAddress(), ctx.vmcoreinfoSize(),
                mem.kernelText(), mem.pageOffset(), mem.physOffset(), ctx.pageSize(), 0, List.of());
        KexecToolsOptions o = KexecToolsOptions.defaults(arch, byteOrder(arch, root, s, warnings))
                .withKernelText(mem.kernelText().filter(t -> t.size() != 0).isPresent())
                .withLowmemLimit(mem.lowmemLimit())
                .withCountedRanges(mem.countedRanges());
        if (s.elfClass().isPresent()) {
            o = o.withElfClass(s.elfClass().getAsInt());
            if (arch == Arch.PPC64 && s.elfClass().getAsInt() == 32) {
                // crashdump-ppc64.c elf_info32: ELF32 headers are big-endian whatever the host
                o = o.withByteOrder(ByteOrder.BIG_ENDIAN);
            }
        }
        MemoryRange backup = mem.backupSource().orElse(null);
        if (backup != null) {
            if (request.backupOffset().isPresent()) {
                o = o.withBackup(new BackupRegion(backup, request.backupOffset().getAsLong()));
            } else if (mem.ranges().contains(backup)) {
                warnings.add(Wording.of(arch + " (kexec-tools): ", Given.BACKUP_OFFSET, " not given, so the backup"
                        + " PT_LOAD " + backup + " keeps p_offset = paddr (kexec-tools writes where it copied that"
                        + " memory, which `kexec -d -p` prints)"));
            }
        }
        return new HeaderResult(CoreHeaderBuilder.kexecTools(arch, loader, mem.ranges(), o), Optional.empty(),
                Optional.empty(), in.kernel(), LoaderMode.KEXEC_TOOLS, warnings);
    }

    /**
     * A kernel text given outright stands for x86_64's /proc/kcore text segment, which is [_text, _end)
     * (fs/proc/kcore.c): what kexec-tools takes the kernel's mapping from when no System.map says it.
     */
    private static Kallsyms kcoreText(Optional<KernelText> given) {
        if (given == null || given.isEmpty()) {
            return null;
        }
        KernelText t = given.get();
        return new Kallsyms(Map.of("_text", t.vaddr(), "_end", t.vaddr() + t.size()), "the kernel text given");
    }

    /**
     * The tree powerpc kexec-tools reads (/proc/device-tree): FILE's tree or one the boot loader's edits
     * changed replaces the root's live tree; the booted tree is reused when it is the live folder already.
     */
    private static DeviceTree liveTree(ResolvedInputs in, HeaderRequest request) {
        boolean edited = !request.inputs().bootLoader().isEmpty();
        if (in.tree() != null && (in.treeFile() != RootFile.FDT_BLOB || edited)) {
            return in.tree();
        }
        SystemRoot root = in.root();
        return SourceFile.read(root.where(RootFile.DEVICE_TREE), () -> SystemTree.live(root)).orElse(null);
    }

    /**
     * kexec-tools writes its host's byte order (the elf_info tables); only powerpc hosts differ: ppc64le
     * is little-endian, ppc64 big-endian. The host is the root's proc/sys/kernel/arch when not given.
     */
    private static ByteOrder byteOrder(Arch arch, SystemRoot root, KexecToolsSettings s, List<Wording> warnings) {
        if (s.byteOrder().isPresent()) {
            return s.byteOrder().get();
        }
        if (arch != Arch.PPC64) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String machine = root.text(RootFile.MACHINE).map(String::strip).orElse("");
        if ("ppc64".equals(machine)) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (!"ppc64le".equals(machine)) {
            warnings.add(Wording.of("ppc64 (kexec-tools): the host's byte order is unknown (no "
                    + RootFile.MACHINE.path() + "): little-endian, as on ppc64le; give ", Given.BIG_ENDIAN,
                    " for a big-endian host"));
        }
        return ByteOrder.LITTLE_ENDIAN;
    }

    /** Context warnings about what only the kernel's header uses (its linear map, kernel text, e_flags). */
    private static boolean concernsKernelRules(Arch arch, ContextWarning w) {
        return switch (w.kind()) {
            case GENERAL -> false;
            // x86_64 kexec-tools takes page_offset_base (the linear map base) from /proc/kcore: still an input
            case LINEAR_MAP -> arch != Arch.X86_64;
            case KERNEL_TEXT, E_FLAGS -> true;
        };
    }

    /** kexec-tools' header options when its ranges are the kernel's (no system root). */
    static KexecToolsOptions options(ResolvedInputs in, HeaderRequest request, CrashMemory crash, CrashContext ctx) {
        KexecToolsSettings s = request.kexecTools();
        KexecToolsOptions o = KexecToolsOptions.defaults(in.arch());
        if (s.elfClass().isPresent()) {
            o = o.withElfClass(s.elfClass().getAsInt());
        }
        if (s.byteOrder().isPresent()) {
            o = o.withByteOrder(s.byteOrder().get());
        }
        if (s.lowmemLimit().isPresent()) {
            o = o.withLowmemLimit(s.lowmemLimit().getAsLong());
        }
        if (request.backupOffset().isPresent()) {
            o = o.withBackup(new BackupRegion(new MemoryRange(0, 0xffff), request.backupOffset().getAsLong()));
        }
        return o.withKernelText(crash.kernelMap() && ctx.kernelText().isPresent());
    }
}
