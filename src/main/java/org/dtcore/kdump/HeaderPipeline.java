package org.dtcore.kdump;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.context.CrashContext;
import org.dtcore.memory.MemoryMap;

/**
 * {@code dtcore header} as a library call: inputs → memory map → crash memory → encoded header
 * (SPEC §3–§9). The sources are chosen by {@link InputPrecedence}; the header by the loader the request
 * names: {@link KernelFileLoad} for the kernel, {@link KexecToolsLoad} for kexec-tools.
 *
 * <pre>{@code
 * HeaderResult r = HeaderPipeline.build(HeaderRequest.kernel(
 *         KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withSystemRoot(SystemRoot.of(dir)))));
 * Files.write(out, r.header().bytes());
 * }</pre>
 */
public final class HeaderPipeline {
    private HeaderPipeline() {
    }

    public static HeaderResult build(HeaderRequest request) {
        ResolvedInputs in = InputPrecedence.resolve(request.inputs());
        List<String> warnings = new ArrayList<>(in.warnings());
        MemoryMap map = in.map();
        if (map == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "", "header: give a FILE, or --sysroot DIR"
                    + " / --live to read the system's" + (in.root() == null ? "" : " (" + in.root().dir()
                    + " has no sys/firmware/fdt, proc/device-tree or, for x86_64, proc/iomem)"));
        }
        if (map.memory().isEmpty()) {
            String why = map.warnings().stream().filter(w -> w.startsWith("no RAM: ")).findFirst()
                    .map(w -> w.substring("no RAM: ".length())).orElse("the memory source lists none");
            throw new KdumpException(KdumpException.Kind.NO_RAM, in.treeSource() == null ? "" : in.treeSource().toString(),
                    "no RAM (" + why + "), so the dump would cover nothing; refusing to write it");
        }
        if (in.crashKernels().isEmpty()) {
            warnings.add("no crash kernel region (give --crashkernel SIZE@OFFSET or START-END): the header covers all RAM");
        }
        CrashContext ctx = in.context().collect(in.arch());
        warnings.addAll(ctx.warnings());
        return switch (request.mode()) {
            case KERNEL -> KernelFileLoad.build(in, request, ctx, warnings);
            case KEXEC_TOOLS -> KexecToolsLoad.build(in, request, ctx, warnings);
        };
    }
}
