package org.dtcore.elf;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.dtcore.context.ContextSources;
import org.dtcore.context.ContextWarning;
import org.dtcore.context.CrashContext;
import org.dtcore.context.Kallsyms;
import org.dtcore.context.NoteSizeRule;
import org.dtcore.context.SystemRoot;
import org.dtcore.crash.CrashException;
import org.dtcore.crash.KexecToolsInputs;
import org.dtcore.crash.KexecToolsMemory;
import org.dtcore.crash.KexecToolsRanges;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * The core header `kexec -p` (kexec_load) writes, built from a system root as kexec-tools reads the running
 * system (SPEC §9 kexec-tools mode): the ranges by kexec-tools' per-architecture rules
 * ({@link KexecToolsRanges}), laid out by crash_create_elf64_headers() ({@link KexecToolsCoreHeader}).
 * The warnings name each place where the result departs from what the kernel (kexec_file_load) writes.
 */
public final class KexecToolsHeader {
    /** The symbols kexec-tools' get_kernel_sym() asks /proc/kallsyms for, on the modelled architectures. */
    static final Set<String> SYMBOLS = Set.of("_text", "_stext", "__init_begin", "_sinittext", "_end");

    private KexecToolsHeader() {
    }

    /** The header and what to tell the user. */
    public record Result(EncodedCoreHeader header, List<String> warnings) {
        public Result {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * Builds the header for {@code arch} from {@code sources}' system root (required).
     *
     * @throws org.dtcore.DtcoreException where kexec-tools would fail, or an input is unreadable
     */
    public static Result build(Arch arch, ContextSources sources, KexecToolsRequest request) {
        SystemRoot root = sources.systemRoot();
        if (root == null) {
            throw new CrashException("", "kexec-tools mode reads the system as kexec-tools does: give --sysroot DIR"
                    + " (or --live)");
        }
        if (!KexecToolsRanges.models(arch)) {
            throw new CrashException("", "kexec-tools' crash memory is not modelled for " + arch);
        }
        CrashContext ctx = sources.collect(arch, NoteSizeRule.kexecTools());
        List<String> warnings = new ArrayList<>();
        ctx.notices().stream().filter(w -> !concernsKernelRules(arch, w)).map(ContextWarning::text)
                .forEach(warnings::add);

        Path kallsymsFile = root.file(SystemRoot.KALLSYMS); // a link out of the root is refused
        Kallsyms kallsyms = kallsymsFile.toFile().isFile()
                ? Kallsyms.read(kallsymsFile, SYMBOLS)
                : Kallsyms.none(kallsymsFile.toString());
        Kallsyms kcore = sources.systemMap() == null ? null : Kallsyms.read(sources.systemMap(), SYMBOLS);
        KexecToolsInputs in = new KexecToolsInputs(
                request.iomem() != null ? request.iomem() : root.iomem().orElse(null), kallsyms, kcore,
                arch == Arch.PPC64 ? (request.tree() != null ? request.tree() : root.liveDeviceTree().orElse(null)) : null,
                ctx.pageSize(), request.crashKernels(), ctx.linearMapBase());
        KexecToolsMemory mem = KexecToolsRanges.of(arch, in);
        warnings.addAll(mem.warnings());

        CrashContext loader = new CrashContext(ctx.cpus(), ctx.vmcoreinfoAddress(), ctx.vmcoreinfoSize(),
                mem.kernelText(), mem.pageOffset(), mem.physOffset(), ctx.pageSize(), 0, List.of());
        KexecToolsOptions o = KexecToolsOptions.defaults(arch, byteOrder(arch, root, request, warnings))
                .withKernelText(mem.kernelText() != null && mem.kernelText().size() != 0)
                .withLowmemLimit(mem.lowmemLimit())
                .withCountedRanges(mem.countedRanges());
        if (request.elfClass() != null) {
            o = o.withElfClass(request.elfClass());
            if (arch == Arch.PPC64 && request.elfClass() == 32) {
                // crashdump-ppc64.c elf_info32: ELF32 headers are big-endian whatever the host
                o = o.withByteOrder(ByteOrder.BIG_ENDIAN);
            }
        }
        MemoryRange backup = mem.backupSource();
        if (backup != null) {
            if (request.backupCopy() != null) {
                o = o.withBackup(new BackupRegion(backup, request.backupCopy()));
            } else if (mem.ranges().contains(backup)) {
                warnings.add(arch + " (kexec-tools): --backup-region-offset not given, so the backup PT_LOAD "
                        + backup + " keeps p_offset = paddr (kexec-tools writes where it copied that memory,"
                        + " which `kexec -d -p` prints)");
            }
        }
        return new Result(CoreHeaderBuilder.kexecTools(arch, loader, mem.ranges(), o), warnings);
    }

    /**
     * kexec-tools writes its host's byte order (the elf_info tables); only powerpc hosts differ: ppc64le
     * is little-endian, ppc64 big-endian. The host is the root's proc/sys/kernel/arch when not given.
     */
    private static ByteOrder byteOrder(Arch arch, SystemRoot root, KexecToolsRequest request, List<String> warnings) {
        if (request.byteOrder() != null) {
            return request.byteOrder();
        }
        if (arch != Arch.PPC64) {
            return ByteOrder.LITTLE_ENDIAN;
        }
        String machine = root.machine().orElse(null);
        if ("ppc64".equals(machine)) {
            return ByteOrder.BIG_ENDIAN;
        }
        if (!"ppc64le".equals(machine)) {
            warnings.add("ppc64 (kexec-tools): the host's byte order is unknown (no " + SystemRoot.MACHINE
                    + "): little-endian, as on ppc64le; give --byte-order big for a big-endian host");
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
}
