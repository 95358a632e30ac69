package org.dtcore.kdump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.dtcore.DtcoreException;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.context.ContextSources;
import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelText;
import org.dtcore.context.NoteSizeRule;
import org.dtcore.context.VmcoreinfoNote;
import org.dtcore.crash.KexecToolsRanges;
import org.dtcore.elf.DumpHead;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.input.RootFile;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.text.Numbers;

/**
 * {@code dtcore audit} as a library call: a dump's head (a raw core header, or the head of /proc/vmcore or a
 * saved vmcore) against the header its loader would have written for the system root, rebuilt by the same
 * pipeline as {@code header} ({@link InputPrecedence}, then {@link KernelFileLoad} or {@link KexecToolsLoad}),
 * every difference explained in the kernel's terms ({@link HeaderComparison}; docs/snapshot-audit.md).
 *
 * <p>Who built the header: the request's loader, else the one whose rebuilt header the dump matches (the
 * kernel when both or neither do equally well; an ELF32 header is kexec-tools', the kernel writes ELF64 only).
 * What only the dump can say is read from it: the vmcore's VMCOREINFO note (page size, VA_BITS, the release),
 * a raw header's backup copy offset (the PT_LOAD below 1 MiB whose p_offset is not its paddr: powerpc's first
 * 64 KiB, x86_64 kexec-tools' low RAM), and the kernel text's extent where the root's symbols cannot place it
 * (a running kernel's /proc/kallsyms lists no {@code _end}): the dump's own kernel-text segment then stands
 * for it, checked against what the root shows ({@link KernelTextCheck}).
 *
 * <pre>{@code
 * DumpHead dump = DumpHead.read(Path.of("vmcore"));
 * AuditResult r = AuditPipeline.audit(AuditRequest.of(dump, KdumpInputs.of(dump.arch().orElseThrow(),
 *         ContextSources.NONE.withSystemRoot(SystemRoot.of(Path.of("snapshot.tar.gz"))))));
 * boolean clean = r.clean();   // else r.findings(), each in the kernel's terms
 * }</pre>
 */
public final class AuditPipeline {
    /** Below this, a PT_LOAD whose p_offset is not its paddr reads from a loader's backup copy. */
    private static final long BACKUP_LIMIT = 0x100000;

    private AuditPipeline() {
    }

    /**
     * Audits one dump against the system it came from.
     *
     * @param request the dump's head, the system (its root required) and any loader settings known
     * @return what the dump should be and each way it differs; {@link AuditResult#clean()} when none
     * @throws KdumpException BAD_REQUEST without a system root, INPUT for a root file that cannot be read or
     *                        decoded, and the other kinds as {@link HeaderPipeline#build} throws them
     */
    public static AuditResult audit(AuditRequest request) {
        DumpHead dump = request.dump();
        KdumpInputs inputs = request.inputs();
        List<Wording> notices = new ArrayList<>();
        if (dump.vmcoreinfoText().isPresent() && inputs.context().vmcoreinfoNote().isEmpty()) {
            // the note the crashed kernel wrote: its page size, VA_BITS, PHYS_OFFSET ... are the kernel's own
            inputs = withContext(inputs, inputs.context().withVmcoreinfoNote(VmcoreinfoNote.parse(
                    dump.vmcoreinfoText().get(), dump.source() + " VMCOREINFO note")));
        }
        ResolvedInputs in = InputPrecedence.resolve(inputs);
        if (in.root() == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", Wording.of("audit: give ",
                    Given.SYSTEM_ROOT, " or ", Given.LIVE_SYSTEM, ": the system the dump is checked against"));
        }
        OptionalLong backup = request.backupOffset().isPresent() ? request.backupOffset() : backupOffset(dump);
        if (request.backupOffset().isEmpty() && backup.isPresent()) {
            notices.add(Wording.of("the backup region's copy at " + Numbers.hex(backup.getAsLong()) + ": read from the"
                    + " dump (the backup PT_LOAD's p_offset), the one place that says it"));
        }
        List<LoaderMode> modes = new ArrayList<>();
        if (request.mode().isPresent()) {
            modes.add(request.mode().get());
        } else {
            if (dump.header().elfClass() == 64) {
                modes.add(LoaderMode.KERNEL);
            }
            if (KexecToolsRanges.models(in.arch()) || dump.header().elfClass() == 32) {
                modes.add(LoaderMode.KEXEC_TOOLS);
            }
        }
        Attempt best = null;
        DtcoreException failure = null;
        List<Wording> failed = new ArrayList<>();
        for (LoaderMode mode : modes) {
            Attempt a;
            try {
                a = attempt(mode, dump, in, request, backup, best == null ? Integer.MAX_VALUE : best.findings.size());
            } catch (DtcoreException e) {
                if (request.mode().isPresent()) {
                    throw e;
                }
                failure = failure == null ? e : failure;
                failed.add(Wording.of(mode.label() + "'s header could not be rebuilt (", e.wording(), ")"));
                continue;
            }
            if (best == null || closer(a, best)) {
                best = a;
            }
        }
        if (best == null) {
            throw failure;
        }
        List<AuditFinding> findings = new ArrayList<>(best.findings);
        if (dump.form() == DumpHead.Form.VMCORE) {
            release(dump, in, findings);
        } else if (!findings.isEmpty()) {
            otherRelease(dump, inputs, request, backup, best, findings);
        }
        if (!findings.isEmpty()) {
            notices.addAll(failed);
        }
        notices.addAll(best.notices);
        if (dump.form() == DumpHead.Form.VMCORE) {
            // offsets are /proc/vmcore's: no backup copy offset is compared, so none is wanted
            notices.removeIf(w -> w.inputs().contains(Given.BACKUP_OFFSET));
        }
        return new AuditResult(dump.source(), dump.form(), in.arch(), best.mode, request.mode().isEmpty(), in.kernel(),
                best.expected.header(), findings, best.remarks, notices);
    }

    /**
     * Whether {@code a} is nearer the dump than {@code b}: fewer findings, then more of its program headers
     * found in the dump as they are (the one that tells powerpc's loaders apart once a test adds the crash
     * kernel back is RTAS: 0x83c bytes in the kernel's header, a whole 64 KiB page in kexec-tools').
     */
    private static boolean closer(Attempt a, Attempt b) {
        if (a.findings.size() != b.findings.size()) {
            return a.findings.size() < b.findings.size();
        }
        return a.matches > b.matches;
    }

    /** One loader's header, rebuilt and compared. */
    private static final class Attempt {
        LoaderMode mode;
        HeaderComparison.Expected expected;
        List<AuditFinding> findings = new ArrayList<>();
        List<AuditFinding> remarks = new ArrayList<>();
        List<Wording> notices = new ArrayList<>();
        /** How many of its program headers the dump holds as they are. */
        int matches;
    }

    /** One loader's header against the dump; {@code limit}: no use finding more than that many differences. */
    private static Attempt attempt(LoaderMode mode, DumpHead dump, ResolvedInputs in, AuditRequest request,
                                   OptionalLong backup, int limit) {
        HeaderRequest h = new HeaderRequest(request.inputs(), mode, request.exclusion(), backup, request.kexecTools());
        Attempt a = new Attempt();
        a.mode = mode;
        ProgramHeader dumpText = HeaderComparison.kernelText(HeaderComparison.loads(dump.header()));
        HeaderResult r;
        List<Integer> cpus;
        List<MemoryChunk> chunks;
        boolean adopted = false;
        if (mode == LoaderMode.KERNEL) {
            r = KernelFileLoad.build(in, h);
            if (r.crash().orElseThrow().kernelMap() && r.context().orElseThrow().kernelText().isEmpty()
                    && dumpText != null) {
                r = KernelFileLoad.build(withKernelText(in, dumpText), h);
                adopted = true;
            }
            cpus = r.context().orElseThrow().cpus().stream().map(CpuNote::cpu).toList();
            chunks = r.crash().orElseThrow().chunks();
        } else {
            ResolvedInputs use = in;
            if (in.arch() == Arch.X86_64 && dumpText != null && in.context().systemMap().isEmpty()
                    && in.context().options().kernelText() == null && !kallsymsPlaceTheKernel(in)) {
                use = withKernelText(in, dumpText);
                adopted = true;
            }
            r = KexecToolsLoad.build(use, h);
            CrashContext ctx = use.context().collect(use.arch(), NoteSizeRule.kexecTools());
            cpus = ctx.cpus().stream().map(CpuNote::cpu).toList();
            chunks = in.map() == null ? List.of() : in.map().chunks();
        }
        a.expected = new HeaderComparison.Expected(r.header().header(), cpus, chunks);
        a.findings.addAll(HeaderComparison.compare(dump, a.expected, in, limit));
        a.matches = HeaderComparison.matches(dump, a.expected.header());
        if (mode == LoaderMode.KERNEL && dumpText == null && r.crash().orElseThrow().kernelMap()
                && r.context().orElseThrow().kernelText().isEmpty()) {
            // the root could not place the kernel text and the dump has none: the kernel writes one here
            a.findings.add(new AuditFinding(AuditFinding.Kind.KERNEL_TEXT_MISSING, Optional.empty(), "", "", "",
                    "the kernel writes a kernel-text PT_LOAD on " + in.arch() + " (SPEC §9); the dump has none"));
        }
        a.notices.addAll(r.notices());
        if (adopted) {
            a.notices.removeIf(w -> w.inputs().contains(Given.SYSTEM_MAP) || w.inputs().contains(Given.KERNEL_TEXT));
            a.notices.add(Wording.of("the kernel text (" + HeaderComparison.describe(dumpText, true) + ") is the dump's"
                    + " own segment: the root's /proc/kallsyms lists no _end, so only its place is checked (against"
                    + " \"Kernel code\" and the symbols listed); give ", Given.SYSTEM_MAP, " to check its size too"));
        }
        if (dumpText != null) {
            kernelTextChecks(a, dumpText, adopted, in);
        }
        return a;
    }

    /**
     * The dump's kernel-text PT_LOAD against what the root shows: taken from the dump, a problem is a finding;
     * equal to what kexec-tools writes, a remark that its own segment is wrong (2.0.25 on arm64 without _text).
     */
    private static void kernelTextChecks(Attempt a, ProgramHeader text, boolean adopted, ResolvedInputs in) {
        boolean compared = a.findings.stream().anyMatch(f -> f.kind() == AuditFinding.Kind.KERNEL_TEXT_WRONG
                || f.kind() == AuditFinding.Kind.KERNEL_TEXT_EXTRA);
        if (compared || !adopted && a.mode == LoaderMode.KERNEL) {
            return;
        }
        List<String> problems = KernelTextCheck.problems(text, in);
        if (problems.isEmpty()) {
            return;
        }
        boolean loaderFault = a.mode == LoaderMode.KEXEC_TOOLS && !adopted;
        AuditFinding f = new AuditFinding(AuditFinding.Kind.KERNEL_TEXT_WRONG, Optional.empty(), "", "",
                HeaderComparison.describe(text, true), (loaderFault ? "kexec-tools writes a kernel-text PT_LOAD that"
                + " is not the kernel's image: " : "the kernel-text PT_LOAD " + HeaderComparison.describe(text, true)
                + " is not the kernel's image: ") + String.join("; ", problems));
        (loaderFault ? a.remarks : a.findings).add(f);
    }

    /** True when the root's /proc/kallsyms lists both _text and _end (kexec-tools x86_64's text segment). */
    private static boolean kallsymsPlaceTheKernel(ResolvedInputs in) {
        Kallsyms k = SourceFile.read(in.root().where(RootFile.KALLSYMS), () -> Kallsyms.read(in.root(),
                Set.of("_text", "_end")));
        return k.address("_text").isPresent() && k.address("_end").isPresent();
    }

    /** A raw header's backup copy: the first PT_LOAD below 1 MiB whose p_offset is not its paddr. */
    static OptionalLong backupOffset(DumpHead dump) {
        if (dump.form() != DumpHead.Form.ELF_CORE_HEADER) {
            return OptionalLong.empty();
        }
        List<ProgramHeader> loads = HeaderComparison.loads(dump.header());
        ProgramHeader text = HeaderComparison.kernelText(loads);
        for (ProgramHeader p : loads) {
            if (p != text && Long.compareUnsigned(p.paddr(), BACKUP_LIMIT) < 0 && p.offset() != p.paddr()) {
                return OptionalLong.of(p.offset());
            }
        }
        return OptionalLong.empty();
    }

    /** A vmcore from another kernel than the root's: its VMCOREINFO OSRELEASE against proc/sys/kernel/osrelease. */
    private static void release(DumpHead dump, ResolvedInputs in, List<AuditFinding> findings) {
        Optional<String> dumped = dump.osrelease();
        Optional<String> root = in.root().text(RootFile.OSRELEASE).map(String::strip).filter(s -> !s.isEmpty());
        if (dumped.isPresent() && root.isPresent() && !dumped.get().equals(root.get())) {
            String where = in.root().where(RootFile.OSRELEASE);
            findings.add(0, new AuditFinding(AuditFinding.Kind.RELEASE_DIFFERS, Optional.empty(), where, root.get(),
                    dumped.get(), "the vmcore is from Linux " + dumped.get() + " (its VMCOREINFO OSRELEASE), the system"
                    + " root from " + root.get() + " (" + where + "): not the kernel this root was taken of"));
        }
    }

    /**
     * A raw header says no release: when another modelled release's rules give exactly this header from the
     * same root, that is the finding (a header from another kernel than the root's).
     */
    private static void otherRelease(DumpHead dump, KdumpInputs inputs, AuditRequest request, OptionalLong backup,
                                     Attempt best, List<AuditFinding> findings) {
        KernelVersion used = InputPrecedence.kernel(inputs, inputs.context().systemRoot().orElse(null), new ArrayList<>())
                .modelled();
        for (KernelVersion v : KernelVersion.MODELLED) {
            if (v.equals(used)) {
                continue;
            }
            KdumpInputs other = inputs.withKernelRelease(v.release());
            Attempt a;
            try {
                a = attempt(best.mode, dump, InputPrecedence.resolve(other), request, backup, 0);
            } catch (DtcoreException e) {
                continue;
            }
            if (a.findings.isEmpty()) {
                findings.add(0, new AuditFinding(AuditFinding.Kind.OTHER_RELEASE_RULES, Optional.empty(),
                        "", used.toString(), v.toString(), "the header is what " + v + "'s rules give for this"
                        + " system, not " + used + "'s (the system root's release): a header from another kernel"));
                return;
            }
        }
    }

    private static KdumpInputs withContext(KdumpInputs in, ContextSources context) {
        return new KdumpInputs(in.arch(), in.file(), context, in.crashKernels(), in.scan(), in.kernelRelease(),
                in.bootLoader(), in.crashKernelCma());
    }

    /** {@code in} with the dump's kernel-text segment given as the kernel text, as an option would give it. */
    private static ResolvedInputs withKernelText(ResolvedInputs in, ProgramHeader text) {
        ContextSources c = in.context().withOptions(in.context().options().withKernelText(Optional.of(
                new KernelText(text.vaddr(), text.paddr(), text.memsz()))));
        return new ResolvedInputs(in.arch(), in.kernel(), in.root(), in.iomem(), in.tree(), in.treeFile(),
                in.treeSource(), in.treeWhere(), in.map(), in.crashKernels(), in.crashKernelCma(), c, in.scan(),
                in.warnings(), in.releaseWarnings());
    }
}
