package org.dtcore.kdump;

import java.util.List;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemory;
import org.dtcore.elf.BackupRegion;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.KexecToolsOptions;
import org.dtcore.memory.MemoryRange;

/**
 * The header kexec-tools builds in user space under kexec_load (SPEC §9 kexec-tools mode): its options
 * assembled from the request. The crash memory is still the kernel's policy here; kexec-tools' own range
 * rules per architecture (kexec/arch/*&#47;crashdump-*.c) belong in {@link #crashMemory}.
 */
final class KexecToolsLoad {
    private KexecToolsLoad() {
    }

    /** The ranges kexec-tools would write. */
    static CrashMemory crashMemory(ResolvedInputs in, HeaderRequest request) {
        return KernelFileLoad.crashMemory(in, request.exclusion());
    }

    /** kexec-tools' header options for this request. */
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

    static HeaderResult build(ResolvedInputs in, HeaderRequest request, CrashContext ctx, List<String> warnings) {
        CrashMemory crash = crashMemory(in, request);
        EncodedCoreHeader header = CoreHeaderBuilder.kexecTools(in.arch(), ctx, crash.ranges(),
                options(in, request, crash, ctx));
        return new HeaderResult(header, crash, ctx, in.kernel(), LoaderMode.KEXEC_TOOLS, warnings);
    }
}
