package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.dtcore.DtcoreException;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.capture.CaptureMemmap;
import org.dtcore.capture.HeaderSegment;
import org.dtcore.capture.KernelCaptureMemmap;
import org.dtcore.capture.KexecToolsCaptureMemmap;
import org.dtcore.context.CrashContext;
import org.dtcore.context.FirmwareMemmap;
import org.dtcore.context.NoteSizeRule;
import org.dtcore.crash.CrashMemory;
import org.dtcore.crash.LoaderRange;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.MemorySourceKind;

/**
 * {@code dtcore capture-memmap} as a library call: what an x86_64 capture kernel gets instead of a device
 * tree (SPEC §11) — the e820 map in its boot parameters and the words on its command line — by the kernel's
 * rules ({@link KernelCaptureMemmap}) or kexec-tools' ({@link KexecToolsCaptureMemmap}). The first kernel's
 * /proc/iomem is what both walk; kexec-tools also reads /sys/firmware/memmap to place its segments.
 *
 * <pre>{@code
 * CaptureMemmapResult r = CaptureMemmapPipeline.build(CaptureMemmapRequest.of(
 *         KdumpInputs.of(Arch.X86_64, ContextSources.NONE.withSystemRoot(SystemRoot.of(dir)))));
 * List<String> lines = r.memmap().map().stream().map(E820Entry::line).toList(); // "0x1000 0x9fbff System RAM"
 * }</pre>
 */
public final class CaptureMemmapPipeline {
    /** x86's ELF_CORE_HEADER_ALIGN: kexec_file_load puts the header at the crash kernel's first such address. */
    static final long KERNEL_HEADER_ALIGN = 4096;
    static final long X86_PAGE = 4096;

    private CaptureMemmapPipeline() {
    }

    /**
     * Works out an x86_64 capture kernel's e820 map and command-line words.
     *
     * @param request the first kernel's inputs, the loader and what it placed where known
     * @return the map, the words and the notices
     * @throws KdumpException BAD_REQUEST for an architecture other than x86_64, NO_MEMORY_SOURCE without a
     *                        /proc/iomem, NO_CRASH_KERNEL without a crash kernel region, INPUT for a file that
     *                        cannot be read or decoded
     */
    public static CaptureMemmapResult build(CaptureMemmapRequest request) {
        if (request.inputs().arch() != Arch.X86_64) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "capture-memmap: only an x86_64 capture"
                    + " kernel gets an e820 map; " + request.inputs().arch() + "'s gets a device tree (capture-dtb)");
        }
        ResolvedInputs in = InputPrecedence.resolve(request.inputs());
        List<Wording> warnings = new ArrayList<>(in.warnings());
        List<IomemEntry> iomem = iomem(request.inputs(), in);
        if (in.crashKernels().isEmpty()) {
            throw new KdumpException(KdumpException.Kind.NO_CRASH_KERNEL, "", Wording.of("capture-memmap: no crash"
                    + " kernel region: give ", Given.CRASH_KERNEL, ", or a system root whose /proc/iomem has"
                    + " \"Crash kernel\""));
        }
        CaptureMemmap memmap = switch (request.mode()) {
            case KERNEL -> kernel(request, in, iomem, warnings);
            case KEXEC_TOOLS -> kexecTools(request, in, iomem, warnings);
        };
        memmap.notes().forEach(n -> warnings.add(Wording.of(n)));
        return new CaptureMemmapResult(memmap, in.kernel(), request.mode(), warnings);
    }

    /** The first kernel's /proc/iomem: FILE when it is iomem text, else the system root's (read once, upstream). */
    private static List<IomemEntry> iomem(KdumpInputs given, ResolvedInputs in) {
        Path file = given.file().orElse(null);
        if (file != null && in.iomem() == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, file.toString(), "capture-memmap reads"
                    + " the first kernel's /proc/iomem, and this is not /proc/iomem text");
        }
        if (in.iomem() == null) {
            SystemRoot root = in.root();
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, root == null ? "" : root.toString(),
                    Wording.of("capture-memmap: give the first kernel's /proc/iomem as ", Given.MEMORY_FILE, ", or ",
                    Given.SYSTEM_ROOT, " / ", Given.LIVE_SYSTEM, " with proc/iomem (crash_setup_memmap_entries()"
                    + " and kexec-tools both walk it)"));
        }
        return in.iomem();
    }

    private static CaptureMemmap kernel(CaptureMemmapRequest request, ResolvedInputs in, List<IomemEntry> iomem,
                                        List<Wording> warnings) {
        KernelVersion kernel = in.kernel();
        List<MemoryRange> cma = in.crashKernelCma();
        MemoryRange crash = in.crashKernels().get(0);
        // crash_load_segments(): the first segment, bottom-up in the crash kernel, ELF_CORE_HEADER_ALIGN aligned
        long address = request.elfCoreHeader().isPresent() ? request.elfCoreHeader().getAsLong()
                : (crash.start() + KERNEL_HEADER_ALIGN - 1) & -KERNEL_HEADER_ALIGN;
        long size = request.elfCoreHeaderSize().isPresent() ? request.elfCoreHeaderSize().getAsLong()
                : headerSize(in, cma);
        MemoryRange header = MemoryRange.ofSize(address, size, "the core header segment");
        return KernelCaptureMemmap.build(iomem, in.crashKernels(), cma, header, kernel);
    }

    /**
     * image->elf_headers_sz: from 6.12 Ehdr + (ranges + 2 + NR_CPUS_DEFAULT) program headers, from the crash
     * memory alone; on 6.1 the header buffer, which counts the possible CPUs and so needs the context.
     */
    private static long headerSize(ResolvedInputs in, List<MemoryRange> cma) {
        if (in.map() == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "", "capture-memmap: the header size"
                    + " counts the crash memory ranges, and there is no /proc/iomem to count them in");
        }
        CrashMemory crash = KernelFileLoad.crashMemory(in, Optional.empty(), cma);
        KernelVersion kernel = in.kernel();
        if (kernel.x86HeaderSegmentFromRanges(Arch.X86_64)) {
            return kernel.headerSegmentSize(Arch.X86_64, 0, crash.ranges().size(), X86_PAGE);
        }
        CrashContext ctx;
        try {
            ctx = in.context().collect(Arch.X86_64);
        } catch (DtcoreException e) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", Wording.of("capture-memmap: on " + kernel
                    + " the header segment is the header's buffer, which counts the possible CPUs (" + e.oneLine()
                    + "); give ", Given.ELF_CORE_HEADER_SIZE, " or a context (", Given.SYSTEM_ROOT, ", ",
                    Given.CONTEXT_FILE, ", ", Given.CPU_NOTE, " ...)"), e);
        }
        return HeaderSegment.size(crash, ctx, kernel, X86_PAGE);
    }

    private static CaptureMemmap kexecTools(CaptureMemmapRequest request, ResolvedInputs in, List<IomemEntry> iomem,
                                            List<Wording> warnings) {
        if (!request.inputs().crashKernelCma().isEmpty()) {
            warnings.add(Wording.of("crashkernel CMA ranges ignored: kexec-tools 2.0.25 does not hand them over (they"
                    + " are System RAM in /proc/iomem, so its header dumps them)"));
        }
        SystemRoot root = in.root();
        List<String> notes = new ArrayList<>();
        Optional<List<KexecToolsCaptureMemmap.FirmwareEntry>> firmware = Optional.empty();
        // get_memory_ranges(): /sys/firmware/memmap unless the command line has add_efi_memmap
        boolean efiMap = root != null && root.text(RootFile.CMDLINE).map(c -> c.contains("add_efi_memmap"))
                .orElse(false);
        if (root != null && !efiMap) {
            Optional<List<FirmwareMemmap.Entry>> entries = SourceFile.read(
                    root.where(RootFile.FIRMWARE_MEMMAP_START.numberedFolder()), () -> FirmwareMemmap.read(root));
            firmware = entries.map(l -> l.stream()
                    .map(e -> new KexecToolsCaptureMemmap.FirmwareEntry(e.range(), e.type())).toList());
        }
        if (firmware.isEmpty()) {
            notes.add("no /sys/firmware/memmap: kexec-tools reads the memory it places segments in from /proc/iomem");
        }
        List<LoaderRange> memory = KexecToolsCaptureMemmap.memoryRanges(firmware, iomem, notes);
        notes.forEach(n -> warnings.add(Wording.of(n)));
        OptionalInt cpus = OptionalInt.empty();
        try {
            cpus = OptionalInt.of(in.context().collect(Arch.X86_64, NoteSizeRule.kexecTools()).cpus().size());
        } catch (DtcoreException e) {
            // the CPU count only matters past 291 program headers; the builder says what it assumed
        }
        KexecToolsCaptureMemmap.Inputs k = new KexecToolsCaptureMemmap.Inputs(iomem, in.crashKernels(), memory, cpus,
                request.backupStart(), request.elfCoreHeader(), request.acpiRsdp(), request.passMemmapCmdline());
        return KexecToolsCaptureMemmap.build(k);
    }
}
