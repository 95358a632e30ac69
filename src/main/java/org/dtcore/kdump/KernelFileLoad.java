package org.dtcore.kdump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.context.ContextWarning;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.CrashOptions;
import org.dtcore.crash.CrashPolicy;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.CoreHeaderBuilder;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * The header the kernel builds itself under kexec_file_load (SPEC §8, §9): the architecture's crash
 * memory policy with the release's crash_exclude_mem_range, then crash_prepare_elf64_headers().
 */
final class KernelFileLoad {
    private KernelFileLoad() {
    }

    static void noCrashKernel(ResolvedInputs in, List<Wording> warnings) {
        if (in.crashKernels().isEmpty()) {
            warnings.add(Wording.of("no crash kernel region (give ", Given.CRASH_KERNEL, "): the header covers all"
                    + " RAM"));
        }
    }

    /** The crash memory by the release's rules; {@code cma}: the crashkernel CMA ranges ({@link CrashKernelCma}). */
    static CrashMemory crashMemory(ResolvedInputs in, Optional<ExclusionRule> exclusion, List<MemoryRange> cma) {
        ExclusionRule rule = exclusion.orElseGet(() -> ExclusionRule.of(in.kernel()));
        return CrashPolicy.build(in.map(), in.arch(), in.crashKernels(), CrashOptions.DEFAULT.withRule(rule)
                .withKernel(in.kernel()).withCma(cma));
    }

    /** The context's notices, as warnings of a result. */
    static void addContext(List<Wording> warnings, List<ContextWarning> notices) {
        notices.forEach(w -> warnings.add(w.wording()));
    }

    static HeaderResult build(ResolvedInputs in, HeaderRequest request) {
        Arch arch = in.arch();
        if (!arch.is64Bit()) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", Wording.of("header: the kernel builds"
                    + " 64-bit headers only; use ", Given.KEXEC_TOOLS_MODE, " for " + arch));
        }
        in.requireRam();
        List<Wording> warnings = new ArrayList<>(in.warnings());
        noCrashKernel(in, warnings);
        CrashContext ctx = in.context().collect(arch);
        addContext(warnings, ctx.notices());
        CrashMemory crash = crashMemory(in, request.exclusion(), in.crashKernelCma());
        if (crash.ranges().isEmpty()) {
            throw new KdumpException(KdumpException.Kind.NO_RAM, "", "no RAM is left once " + crash.crashKernels()
                    + " is cut out, so the dump would cover nothing; refusing to write it");
        }
        boolean kernelMap = crash.kernelMap() && ctx.kernelText().isPresent();
        if (crash.kernelMap() && ctx.kernelText().isEmpty()) {
            warnings.add(Wording.of(arch + " writes a kernel-text PT_LOAD but the context has no kernel text (give ",
                    Given.SYSTEM_ROOT, ", ", Given.SYSTEM_MAP, " or ", Given.KERNEL_TEXT, "); left out"));
        }
        if (arch == Arch.PPC64 && request.backupOffset().isEmpty()) {
            warnings.add(Wording.of("ppc64: ", Given.BACKUP_OFFSET, " not given; the backup PT_LOAD keeps p_offset 0"
                    + " (the kernel writes where it copied the first 64 KiB)"));
        }
        EncodedCoreHeader header = CoreHeaderBuilder.kernel(arch, ctx, crash.ranges(), kernelMap, request.backupOffset());
        return new HeaderResult(header, Optional.of(crash), Optional.of(ctx), in.kernel(), LoaderMode.KERNEL, warnings);
    }
}
