package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.DtcoreException;
import org.dtcore.capture.CaptureRequest;
import org.dtcore.capture.CaptureTree;
import org.dtcore.capture.HeaderSegment;
import org.dtcore.capture.Segment;
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

    public static CaptureResult build(CaptureDtbRequest request) {
        ResolvedInputs in = InputPrecedence.resolve(request.inputs());
        List<String> warnings = new ArrayList<>(in.warnings());
        DeviceTree booted = in.tree();
        Path source = in.treeSource();
        if (booted == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "",
                    "capture-dtb: give the booted FILE, or --sysroot/--live to read it from");
        }
        if (in.crashKernels().isEmpty()) {
            throw new KdumpException(KdumpException.Kind.NO_CRASH_KERNEL, "", "capture-dtb: no crash kernel region:"
                    + " give --crashkernel START-END (or SIZE@OFFSET), or a system root whose /proc/iomem has"
                    + " \"Crash kernel\"");
        }
        long pageSize = in.scan().effectivePageSize();
        List<MemoryRange> cma = CrashKernelCma.of(request.inputs(), in.kernel(), in.crashKernels(), warnings);
        long headerSize = request.elfCoreHeaderSize().isPresent() ? request.elfCoreHeaderSize().getAsLong()
                : headerSize(in, source, cma);
        CaptureRequest r = new CaptureRequest(in.arch(), in.crashKernels(), new Segment(request.elfCoreHeader(),
                headerSize), request.initrd(), request.bootargs(), request.backupStart(), request.bootedFdtAddress(),
                pageSize, in.kernel().rngReadyAtLoad(), cma);
        DeviceTree capture = SourceFile.read(source, () -> CaptureTree.build(booted, r));
        return new CaptureResult(capture, source, headerSize, in.kernel(), warnings);
    }

    /** SPEC §9, §11: the segment the kernel reserves, which needs the context and the release. */
    private static long headerSize(ResolvedInputs in, Path source, List<MemoryRange> cma) {
        CrashContext ctx;
        try {
            ctx = in.context().collect(in.arch());
        } catch (DtcoreException e) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "capture-dtb: the header size comes from"
                    + " the crash context (" + e.oneLine() + "); give --elfcorehdr ADDR,SIZE or a context (--sysroot,"
                    + " --context, --cpu-note ...)", e);
        }
        return SourceFile.read(source, () -> HeaderSegment.size(KernelFileLoad.crashMemory(in, null, cma), ctx,
                in.kernel(), in.scan().effectivePageSize()));
    }
}
