package org.dtcore.kdump;

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
}
