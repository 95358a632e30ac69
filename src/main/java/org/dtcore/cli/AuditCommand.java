package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dtcore.TerminalText;
import org.dtcore.Wording;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.DumpHead;
import org.dtcore.kdump.AuditFinding;
import org.dtcore.kdump.AuditPipeline;
import org.dtcore.kdump.AuditRequest;
import org.dtcore.kdump.AuditResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.kdump.KexecToolsSettings;
import org.dtcore.kdump.LoaderMode;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * {@code dtcore audit HEADER_OR_VMCORE --sysroot DIR}: a dump's head against the header its loader writes for
 * the system root, every difference explained ({@link AuditPipeline}; docs/snapshot-audit.md). Exit 0 when the
 * dump is what the loader writes, 1 when it is not.
 */
final class AuditCommand implements Subcommand {
    @Override
    public String name() {
        return "audit";
    }

    @Override
    public String synopsis() {
        return "HEADER_OR_VMCORE";
    }

    @Override
    public String purpose() {
        return "Check a core header or vmcore against what the kernel (or kexec-tools) writes for a system root,"
                + " and explain every difference.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"HEADER_OR_VMCORE", "a raw core header (elfcorehdr), /proc/vmcore, a saved vmcore or"
                + " its head, or - for standard input; only its headers and notes are read"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("mode", "MODE", "who built the header: kernel (kexec_file_load) or kexec-tools (kexec_load)"
                + " (default: found from the header)").words("kernel", "kexec-tools");
        t.value("format", "FORMAT", "table (default) or json").words("table", "json");
        t.value("crashkernel", "SPEC", "crash kernel region, SIZE@OFFSET or START-END; repeat for crashkernel-low"
                + " (default: the system root's)").repeatable();
        t.value("exclusion", "RULE", "crash_exclude_mem_range: current (>= 6.8) or legacy (default: the kernel"
                + " release's)").words("current", "legacy");
        t.value("backup-region-offset", "ADDR", "where the loader copied the backup region (default: the dump's"
                + " backup PT_LOAD p_offset)");
        LoaderOptions.declareKexecTools(t);
        t.flag("quiet", "print no warnings");
        MemoryRuleOptions.declare(t, false);
        ContextOptions.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path file = a.paths(1, 1, "one HEADER_OR_VMCORE").get(0);
        String mode = a.choice("mode", null, "kernel", "kexec-tools");
        String format = a.choice("format", "table", "table", "json");
        ExclusionRule exclusion = LoaderOptions.exclusion(a);
        Long backupOffset = a.number("backup-region-offset");
        KexecToolsSettings kexecTools = LoaderOptions.kexecTools(a);
        boolean quiet = a.flag("quiet");
        MemoryRuleOptions given = MemoryRuleOptions.from(a);
        ContextOptions context = ContextOptions.from(a);
        if (context.sysroot == null && !context.live) {
            throw CommandFailure.usage("audit needs --sysroot DIR (a folder or archive, as dtcore snapshot writes it)"
                    + " or --live: the system the dump is checked against");
        }
        DumpHead dump = Inputs.isStdin(file) ? Inputs.read(file, () -> DumpHead.read(Inputs.stdin(io), "-"))
                : Inputs.read(file, () -> DumpHead.read(file));
        Arch arch = given.arch() != null ? given.arch() : dump.arch().orElseThrow(() -> CommandFailure.usage(
                "audit needs --arch: " + file + "'s e_machine " + dump.header().machine() + " is none dtcore knows"));
        MemoryRuleOptions scan = new MemoryRuleOptions(arch, given.pageSize(), given.legacy(),
                given.kernelLoadAddress(), given.kernelVersion(), given.bootLoader());
        KdumpInputs inputs = context.inputs(null, scan, a.texts("crashkernel"), "audit");
        AuditRequest request = AuditRequest.of(dump, inputs)
                .withMode(mode == null ? null : mode.equals("kernel") ? LoaderMode.KERNEL : LoaderMode.KEXEC_TOOLS)
                .withExclusion(exclusion)
                .withKexecTools(kexecTools);
        if (backupOffset != null) {
            request = request.withBackupOffset(backupOffset);
        }
        AuditRequest r = request;
        AuditResult result = Inputs.gather(() -> AuditPipeline.audit(r));
        for (int i = 0; i < result.notices().size() && !quiet; i++) {
            io.warn(result.notices().get(i));
        }
        String root = context.live ? "the running system" : context.sysroot.toString();
        if (format.equals("json")) {
            json(result, root, io.out());
        } else {
            table(result, root, io.out());
        }
        return result.clean() ? 0 : 1;
    }

    /** The report: one line saying what the dump was compared with, then each finding and remark. */
    static void table(AuditResult r, String root, PrintWriter out) {
        String against = r.dump() + " (" + r.form().words() + ", " + r.arch() + ") against " + root + ": ";
        String loader = r.loader() == LoaderMode.KERNEL ? "the kernel" : "kexec-tools";
        String how = " (" + r.kernel() + " rules; " + (r.detected() ? "loader found from the header" : "loader given")
                + ")";
        if (r.clean()) {
            out.println(TerminalText.escape(against + "what " + loader + " writes for this system" + how));
        } else {
            out.println(TerminalText.escape(against + r.findings().size() + " difference"
                    + (r.findings().size() == 1 ? "" : "s") + " from what " + loader + " writes" + how));
        }
        rows(r.findings(), "", out);
        rows(r.remarks(), "remark: ", out);
    }

    private static void rows(List<AuditFinding> findings, String lead, PrintWriter out) {
        int width = 0;
        for (AuditFinding f : findings) {
            width = Math.max(width, f.kind().label().length());
        }
        for (AuditFinding f : findings) {
            StringBuilder b = new StringBuilder("  ").append(lead).append(f.kind().label());
            while (b.length() < 2 + lead.length() + width + 2) {
                b.append(' ');
            }
            out.println(TerminalText.escape(b.append(f.text()).toString()));
        }
    }

    /** One document (schemas/audit-report.schema.json). */
    static void json(AuditResult r, String root, PrintWriter out) {
        try (JsonGenerator g = JsonOutput.on(out, true)) {
            g.writeStartObject();
            g.writeStringField("dump", r.dump());
            g.writeStringField("form", r.form() == DumpHead.Form.VMCORE ? "vmcore" : "core-header");
            g.writeStringField("sysroot", root);
            g.writeStringField("arch", r.arch().cliName());
            g.writeStringField("loader", r.loader().label());
            g.writeBooleanField("loaderDetected", r.detected());
            g.writeStringField("kernelVersion", r.kernel().release());
            g.writeBooleanField("clean", r.clean());
            findings(g, "findings", r.findings());
            findings(g, "remarks", r.remarks());
            g.writeArrayFieldStart("warnings");
            for (Wording w : r.notices()) {
                g.writeString(StdinFile.unmask(w.render(Flags::of)));
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw JsonOutput.writeFailure(e);
        }
        out.println();
    }

    private static void findings(JsonGenerator g, String name, List<AuditFinding> findings) throws IOException {
        g.writeArrayFieldStart(name);
        for (AuditFinding f : findings) {
            g.writeStartObject();
            g.writeStringField("kind", f.kind().label());
            Optional<MemoryRange> range = f.range();
            if (range.isPresent()) {
                g.writeFieldName("range");
                MemoryMapJson.range(g, range.get());
            } else {
                g.writeNullField("range");
            }
            g.writeStringField("origin", f.origin());
            g.writeStringField("expected", f.expected());
            g.writeStringField("found", f.found());
            g.writeStringField("text", f.text());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
