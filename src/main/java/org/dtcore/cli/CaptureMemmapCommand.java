package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.dtcore.Wording;
import org.dtcore.capture.CaptureMemmap;
import org.dtcore.capture.E820Entry;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.kdump.CaptureMemmapPipeline;
import org.dtcore.kdump.CaptureMemmapRequest;
import org.dtcore.kdump.CaptureMemmapResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.kdump.LoaderMode;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * {@code dtcore capture-memmap [IOMEM] --arch x86_64 [--mode kernel|kexec-tools] ...}: the e820 map and
 * command-line words a kdump loader gives an x86_64 capture kernel (SPEC §11). The library's
 * {@link CaptureMemmapPipeline} works it out; this class reads the options and prints.
 */
final class CaptureMemmapCommand implements Subcommand {
    @Override
    public String name() {
        return "capture-memmap";
    }

    @Override
    public String synopsis() {
        return "[IOMEM]";
    }

    @Override
    public String purpose() {
        return "Print the e820 map and command line a kdump loader hands an x86_64 capture kernel.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"IOMEM", "the first kernel's /proc/iomem, or - (default: the system root's)"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("mode", "MODE", "kernel (kexec_file_load, kexec -s -p; default) or kexec-tools (kexec_load, kexec -p)")
                .words("kernel", "kexec-tools");
        t.value("crashkernel", "SPEC", "crash kernel region, START-END or SIZE@OFFSET; repeat for crashkernel-low"
                + " (default: the system root's \"Crash kernel\" lines)").repeatable();
        t.value("crash-cma", "SPEC", "a range crashkernel=SIZE,cma reserved (Linux 7.3), START-END or SIZE@OFFSET;"
                + " repeat for each (default: a Linux 7.3 system root's sys/kernel/kexec/crash_cma_ranges)").repeatable();
        t.value("elfcorehdr", "ADDR[,SIZE]", "where the core header segment is, and the bytes the map leaves out for"
                + " it (default: where the loader puts it, the size the release reserves)");
        t.value("backup-region-offset", "ADDR", "kexec-tools: where it copied the low RAM (kexec -d -p prints"
                + " \"Created backup segment at\"; default: where add_buffer() puts it)");
        t.value("acpi-rsdp", "ADDR", "kexec-tools: the acpi_rsdp= it appends (default: not shown)");
        t.flag("pass-memmap-cmdline", "kexec-tools: as kexec --pass-memmap-cmdline (memmap= words, the whole"
                + " firmware map in the boot parameters)");
        t.flag("boot-params", "list the entries as the loader wrote them, not as the capture kernel keeps them");
        t.value("format", "FORMAT", "table (default) or json").words("table", "json");
        t.flag("quiet", "print no warnings");
        MemoryRuleOptions.declare(t, true);
        ContextOptions.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> files = a.paths(0, 1, "at most one IOMEM");
        Path file = files.isEmpty() ? null : files.get(0);
        LoaderMode mode = "kexec-tools".equals(a.choice("mode", "kernel", "kernel", "kexec-tools"))
                ? LoaderMode.KEXEC_TOOLS : LoaderMode.KERNEL;
        String format = a.choice("format", "table", "table", "json");
        String h = a.text("elfcorehdr");
        Placement header = h == null ? null : Placement.parse("--elfcorehdr", h);
        Long backup = a.number("backup-region-offset");
        Long rsdp = a.number("acpi-rsdp");
        boolean pass = a.flag("pass-memmap-cmdline");
        if (mode == LoaderMode.KERNEL && (backup != null || rsdp != null || pass)) {
            throw CommandFailure.usage("capture-memmap: --backup-region-offset, --acpi-rsdp and --pass-memmap-cmdline"
                    + " are kexec-tools' (give --mode kexec-tools)");
        }
        List<MemoryRange> cma = new ArrayList<>();
        for (String spec : a.texts("crash-cma")) {
            cma.add(Inputs.gather(() -> CrashKernelSpec.parse(spec)));
        }
        boolean bootParams = a.flag("boot-params");
        boolean quiet = a.flag("quiet");
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        ContextOptions context = ContextOptions.from(a);
        StdinFile stdin = StdinFile.of(file, io, StandardInput.Kind.BOARD);
        try {
            KdumpInputs inputs = context.inputs(stdin == null ? file : stdin.path(), scan, a.texts("crashkernel"),
                    "capture-memmap").withCrashKernelCma(cma);
            CaptureMemmapRequest request = new CaptureMemmapRequest(inputs, mode,
                    header == null ? OptionalLong.empty() : OptionalLong.of(header.address()),
                    header == null ? OptionalLong.empty() : header.size(),
                    backup == null ? OptionalLong.empty() : OptionalLong.of(backup),
                    rsdp == null ? OptionalLong.empty() : OptionalLong.of(rsdp), pass);
            CaptureMemmapResult result = Inputs.gather(() -> CaptureMemmapPipeline.build(request));
            for (int w = 0; w < result.notices().size() && !quiet; w++) {
                io.warn(result.notices().get(w));
            }
            print(result, format, bootParams, io.out());
            return 0;
        } catch (CommandFailure e) {
            throw stdin == null ? e : stdin.unmasked(e);
        } finally {
            if (stdin != null) {
                stdin.close();
            }
        }
    }

    private static void print(CaptureMemmapResult result, String format, boolean bootParams, PrintWriter out) {
        if (format.equals("json")) {
            json(result, out);
            return;
        }
        CaptureMemmap m = result.memmap();
        for (E820Entry e : bootParams ? m.bootParams() : m.map()) {
            out.println(e.line());
        }
        out.println("command line: " + String.join(" ", m.commandLine()));
    }

    /**
     * One document (schemas/capture-memmap.schema.json): the release and loader, the header segment, both
     * entry lists, the command-line words, the warnings.
     */
    static void json(CaptureMemmapResult r, PrintWriter out) {
        CaptureMemmap m = r.memmap();
        try (JsonGenerator g = JsonOutput.on(out, true)) {
            g.writeStartObject();
            g.writeStringField("kernelVersion", r.kernel().release());
            g.writeStringField("mode", r.mode().label());
            g.writeObjectFieldStart("elfcorehdr");
            g.writeStringField("address", Numbers.hex(m.elfCoreHeader()));
            g.writeStringField("size", Numbers.hex(m.headerSegment()));
            g.writeEndObject();
            entries(g, "map", m.map());
            entries(g, "bootParams", m.bootParams());
            g.writeArrayFieldStart("commandLine");
            for (String w : m.commandLine()) {
                g.writeString(w);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("warnings");
            for (Wording w : r.notices()) {
                g.writeString(w.render(Flags::of));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw JsonOutput.writeFailure(e);
        }
        out.println();
    }

    private static void entries(JsonGenerator g, String name, List<E820Entry> entries) throws IOException {
        g.writeArrayFieldStart(name);
        for (E820Entry e : entries) {
            g.writeStartObject();
            g.writeStringField("start", Numbers.hex(e.range().start()));
            g.writeStringField("end", Numbers.hex(e.range().end()));
            g.writeStringField("size", Numbers.hex(e.range().size()));
            g.writeStringField("type", e.type().text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
