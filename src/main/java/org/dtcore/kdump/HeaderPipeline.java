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

    /**
     * Builds the core header the request's loader would write.
     *
     * @param request the board's inputs, the loader and its settings
     * @return the header's bytes and model, with what it was built from and the notices
     * @throws KdumpException NO_MEMORY_SOURCE or NO_RAM when the inputs give no RAM to dump, BAD_REQUEST for a
     *                        mode the architecture has not (the kernel writes ELF64 only), INPUT for a file that
     *                        cannot be read or decoded
     */
    public static HeaderResult build(HeaderRequest request) {
        ResolvedInputs in = InputPrecedence.resolve(request.inputs());
        return switch (request.mode()) {
            case KERNEL -> KernelFileLoad.build(in, request);
            case KEXEC_TOOLS -> KexecToolsLoad.build(in, request);
        };
    }
}
