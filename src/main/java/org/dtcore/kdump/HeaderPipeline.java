package org.dtcore.kdump;

import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.memory.MemoryMap;

/**
 * {@code dtcore header} as a library call: inputs → memory map → crash memory → encoded header
 * (SPEC §3–§9). The sources are chosen and read once by {@link InputPrecedence}; the header by the loader the
 * request names: {@link KernelFileLoad} for the kernel, {@link KexecToolsLoad} for kexec-tools.
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
        return switch (request.mode()) {
            case KERNEL -> KernelFileLoad.build(in, request);
            case KEXEC_TOOLS -> KexecToolsLoad.build(in, request);
        };
    }

    /** The memory map, which must hold RAM: a dump of nothing is refused. */
    static MemoryMap requireRam(ResolvedInputs in) {
        MemoryMap map = in.map();
        if (map == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "", Wording.of("header: give ",
                    Given.MEMORY_FILE, ", or ", Given.SYSTEM_ROOT, " / ", Given.LIVE_SYSTEM, " to read the system's"
                    + (in.root() == null ? "" : " (" + in.root() + " has no sys/firmware/fdt, proc/device-tree or,"
                    + " for x86_64, proc/iomem)")));
        }
        if (map.memory().isEmpty()) {
            String why = map.warnings().stream().filter(w -> w.startsWith("no RAM: ")).findFirst()
                    .map(w -> w.substring("no RAM: ".length())).orElse("the memory source lists none");
            throw new KdumpException(KdumpException.Kind.NO_RAM, in.treeWhere() == null ? "" : in.treeWhere(),
                    "no RAM (" + why + "), so the dump would cover nothing; refusing to write it");
        }
        return map;
    }
}
