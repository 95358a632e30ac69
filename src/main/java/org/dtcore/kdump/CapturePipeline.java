package org.dtcore.kdump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.DtcoreException;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.capture.CaptureRequest;
import org.dtcore.capture.CaptureTree;
import org.dtcore.capture.HeaderSegment;
import org.dtcore.context.CrashContext;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.MemoryRange;

/**
 * {@code dtcore capture-dtb} as a library call: the booted tree and the loader's placements → the capture
 * kernel's tree (SPEC §11), with sources chosen by {@link InputPrecedence} as for {@code header}.
 *
 * <pre>{@code
 * CaptureResult r = CapturePipeline.build(CaptureDtbRequest.of(
 *         KdumpInputs.of(Arch.ARM64, ContextSources.NONE.withSystemRoot(SystemRoot.of(dir))), 0xbd9f0000L));
 * Files.write(out, FdtWriter.write(r.tree()));
 * }</pre>
 */
public final class CapturePipeline {
    private CapturePipeline() {
    }

    /**
     * Builds the capture kernel's tree.
     *
     * @param request the board's inputs and the loader's placements
     * @return the capture tree, the file its booted tree came from and the notices
     * @throws KdumpException NO_MEMORY_SOURCE without a booted tree, NO_CRASH_KERNEL without a crash kernel
     *                        region, INPUT for a file that cannot be read or decoded, BAD_REQUEST when the header
     *                        size can be neither given nor worked out
     */
    public static CaptureResult build(CaptureDtbRequest request) {
        ResolvedInputs in = InputPrecedence.resolve(request.inputs());
        List<Wording> warnings = new ArrayList<>(in.warnings());
        DeviceTree booted = in.tree();
        if (booted == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "", Wording.of("capture-dtb: give ",
                    Given.BOOTED_TREE, ", or ", Given.SYSTEM_ROOT, " / ", Given.LIVE_SYSTEM, " to read it from"));
        }
        if (in.crashKernels().isEmpty()) {
            throw new KdumpException(KdumpException.Kind.NO_CRASH_KERNEL, "", Wording.of("capture-dtb: no crash"
                    + " kernel region: give ", Given.CRASH_KERNEL, ", or a system root whose /proc/iomem has"
                    + " \"Crash kernel\""));
        }
        long pageSize = in.scan().effectivePageSize();
        long headerSize = request.elfCoreHeaderSize().isPresent() ? request.elfCoreHeaderSize().getAsLong()
                : headerSize(in);
        CaptureRequest r = new CaptureRequest(in.arch(), in.crashKernels(), MemoryRange.ofSize(
                request.elfCoreHeader(), headerSize, "the core header segment"), request.initrd(), request.bootargs(),
                request.backupStart(), request.bootedFdtAddress(),
                pageSize, in.kernel().rngReadyAtLoad(), in.crashKernelCma());
        DeviceTree capture = SourceFile.read(in.treeWhere(), () -> CaptureTree.build(booted, r));
        return new CaptureResult(capture, in.treeSource(), headerSize, in.kernel(), warnings);
    }

    /** SPEC §9, §11: the segment the kernel reserves, which needs the context and the release. */
    private static long headerSize(ResolvedInputs in) {
        CrashContext ctx;
        try {
            ctx = in.context().collect(in.arch());
        } catch (DtcoreException e) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", Wording.of("capture-dtb: the header size"
                    + " comes from the crash context (", e.location().isEmpty() ? "" : e.location() + ": ", e.wording(),
                    "); give ", Given.ELF_CORE_HEADER_SIZE,
                    " or a context (", Given.SYSTEM_ROOT, ", ", Given.CONTEXT_FILE, ", ", Given.CPU_NOTE, " ...)"), e);
        }
        return SourceFile.read(in.treeWhere(), () -> HeaderSegment.size(
                KernelFileLoad.crashMemory(in, Optional.empty(), in.crashKernelCma()), ctx, in.kernel(),
                in.scan().effectivePageSize()));
    }
}
