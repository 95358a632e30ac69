package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.context.CrashContext;
import org.dtcore.context.NoteSizeRule;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.KexecToolsRanges;
import org.dtcore.elf.BackupRegion;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.KexecToolsHeader;
import org.dtcore.elf.KexecToolsOptions;
import org.dtcore.elf.KexecToolsRequest;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemorySourceKind;

/**
 * The header kexec-tools builds in user space under kexec_load (SPEC §9 kexec-tools mode, docs/kexec-tools.md).
 * With a system root, on the architectures whose kexec-tools rules are modelled, {@link KexecToolsHeader}
 * reads the system as kexec-tools does (its own ranges, not the kernel's); otherwise the kernel's ranges
 * are laid out by kexec-tools' header rules, and a warning says so.
 */
final class KexecToolsLoad {
    private KexecToolsLoad() {
    }

    static HeaderResult build(ResolvedInputs in, HeaderRequest request) {
        if (in.root() != null && KexecToolsRanges.models(in.arch())) {
            KexecToolsHeader.Result r = KexecToolsHeader.build(in.arch(), in.context(), kexecRequest(in, request));
            List<String> warnings = new ArrayList<>(in.releaseWarnings());
            warnings.addAll(r.warnings());
            return new HeaderResult(r.header(), Optional.empty(), Optional.empty(), in.kernel(), LoaderMode.KEXEC_TOOLS, warnings);
        }
        HeaderPipeline.requireRam(in);
        List<String> warnings = new ArrayList<>(in.warnings());
        KernelFileLoad.noCrashKernel(in, warnings);
        CrashContext ctx = in.context().collect(in.arch(), NoteSizeRule.kexecTools());
        warnings.addAll(ctx.warnings());
        CrashMemory crash = KernelFileLoad.crashMemory(in, request.exclusion(), List.of());
        EncodedCoreHeader header = CoreHeaderBuilder.kexecTools(in.arch(), ctx, crash.ranges(),
                options(in, request, crash, ctx));
        warnings.add("kexec-tools mode without --sysroot (or for " + in.arch() + "): the ranges follow the kernel's"
                + " rules, not kexec-tools' own; give --sysroot for those");
        if (in.arch() == Arch.PPC64 && request.kexecTools().byteOrder() == null) {
            warnings.add("ppc64 (kexec-tools): little-endian, as a ppc64le host writes; give --byte-order big"
                    + " for a big-endian host");
        }
        return new HeaderResult(header, Optional.of(crash), Optional.of(ctx), in.kernel(), LoaderMode.KEXEC_TOOLS, warnings);
    }

    /** SPEC §9 kexec-tools mode: what a system root cannot give, from the request. */
    private static KexecToolsRequest kexecRequest(ResolvedInputs in, HeaderRequest request) {
        KexecToolsSettings s = request.kexecTools();
        Path file = request.inputs().file();
        // only a tree given as FILE replaces the root's live tree: kexec-tools reads /proc/device-tree
        boolean fileIsTree = file != null && in.treeSource() != null && in.treeSource().equals(file);
        // a tree the boot loader's edits changed replaces it too
        boolean edited = !request.inputs().bootLoader().isEmpty();
        KexecToolsRequest r = KexecToolsRequest.DEFAULT.withTree(fileIsTree || edited ? in.tree() : null)
                .withBackupCopy(request.backupOffset().isPresent() ? request.backupOffset().getAsLong() : null)
                .withElfClass(s.elfClass()).withByteOrder(s.byteOrder())
                .withCrashKernels(request.inputs().crashKernels());
        if (file != null && !fileIsTree) {
            boolean iomem = SourceFile.read(file, () -> MemorySourceKind.detect(file)) == MemorySourceKind.IOMEM;
            if (iomem) {
                r = r.withIomem(SourceFile.read(file, () -> Iomem.read(file)));
            }
        }
        return r;
    }

    /** kexec-tools' header options when its ranges are the kernel's (no system root). */
    static KexecToolsOptions options(ResolvedInputs in, HeaderRequest request, CrashMemory crash, CrashContext ctx) {
        KexecToolsSettings s = request.kexecTools();
        KexecToolsOptions o = KexecToolsOptions.defaults(in.arch());
        if (s.elfClass() != null) {
            o = o.withElfClass(s.elfClass());
        }
        if (s.byteOrder() != null) {
            o = o.withByteOrder(s.byteOrder());
        }
        if (s.lowmemLimit() != null) {
            o = o.withLowmemLimit(s.lowmemLimit());
        }
        if (request.backupOffset().isPresent()) {
            o = o.withBackup(new BackupRegion(new MemoryRange(0, 0xffff), request.backupOffset().getAsLong()));
        }
        return o.withKernelText(crash.kernelMap() && ctx.kernelText() != null);
    }
}
