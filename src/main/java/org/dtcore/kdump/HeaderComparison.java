package org.dtcore.kdump;

import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.DumpHead;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.input.RootFile;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.text.Numbers;

/**
 * A dump's head against the header its loader writes for the system ({@link AuditPipeline}), every difference
 * said in the kernel's terms: which RAM is missing and which node or /proc/iomem line declares it, what an
 * extra range is (the crash kernel, RAM the rules leave out, no RAM at all), which CPU's note is missing.
 *
 * <p>The kernel-text PT_LOAD is told from RAM by its shape (SPEC §9): both loaders write it first of the
 * PT_LOADs, and its vaddr − paddr is not the linear map's, which every RAM PT_LOAD shares (or its vaddr is
 * 0xffffffffffffffff, kexec-tools' "no address"). A vmcore head is compared without p_offset, which
 * /proc/vmcore rewrote, and by its notes' kinds, since their addresses are gone.
 */
final class HeaderComparison {
    private HeaderComparison() {
    }

    /**
     * What the comparison knows of the expected header.
     *
     * @param header  the header the loader writes
     * @param cpus    the CPU id of each of its CPU notes, in order
     * @param chunks  the RAM its PT_LOADs cover, with the node or line each came from
     */
    record Expected(CoreHeader header, List<Integer> cpus, List<MemoryChunk> chunks) {
    }

    static List<AuditFinding> compare(DumpHead d, Expected e, ResolvedInputs in) {
        return compare(d, e, in, Integer.MAX_VALUE);
    }

    /**
     * As {@link #compare(DumpHead, Expected, ResolvedInputs)}, stopping once more than {@code limit} findings are
     * found: a loader's header already farther from the dump than another's is not worth the rest (a header of
     * 65,534 PT_LOADs compared with the other loader's can differ in every one).
     */
    static List<AuditFinding> compare(DumpHead d, Expected e, ResolvedInputs in, int limit) {
        List<AuditFinding> out = new ArrayList<>();
        header(d.header(), e.header(), d.form(), out);
        if (d.form() == DumpHead.Form.ELF_CORE_HEADER) {
            rawNotes(d.header(), e, in, out);
        } else {
            mergedNotes(d, e, in, out);
        }
        if (out.size() > limit) {
            return out;
        }
        List<ProgramHeader> dLoads = loads(d.header());
        List<ProgramHeader> eLoads = loads(e.header());
        boolean vmcore = d.form() == DumpHead.Form.VMCORE;
        ProgramHeader dText = kernelText(dLoads);
        ProgramHeader eText = kernelText(eLoads);
        if (eText != null && dText == null) {
            out.add(new AuditFinding(AuditFinding.Kind.KERNEL_TEXT_MISSING, range(eText), "", describe(eText, vmcore),
                    "", "the kernel-text PT_LOAD " + describe(eText, vmcore) + " is not in the dump"));
        } else if (eText == null && dText != null) {
            out.add(new AuditFinding(AuditFinding.Kind.KERNEL_TEXT_EXTRA, range(dText), "", "",
                    describe(dText, vmcore), "the dump has a kernel-text PT_LOAD " + describe(dText, vmcore)
                    + " the loader does not write"));
        } else if (eText != null && !same(eText, dText, vmcore)) {
            List<String> problems = KernelTextCheck.problems(dText, in);
            out.add(new AuditFinding(AuditFinding.Kind.KERNEL_TEXT_WRONG, range(dText), "", describe(eText, vmcore),
                    describe(dText, vmcore), "the kernel-text PT_LOAD is " + describe(dText, vmcore)
                    + ", not the kernel's image " + describe(eText, vmcore) + " (" + fields(eText, dText, vmcore) + ")"
                    + (problems.isEmpty() ? "" : ": " + String.join("; ", problems))));
        }
        List<ProgramHeader> dRam = new ArrayList<>(dLoads);
        dRam.remove(dText);
        List<ProgramHeader> eRam = new ArrayList<>(eLoads);
        eRam.remove(eText);
        if (out.size() <= limit) {
            ram(dRam, eRam, e, in, vmcore, out, limit);
        }
        return out;
    }

    /**
     * How many of {@code e}'s program headers the dump holds as they are (p_offset aside in a vmcore): both
     * tables sorted by every field, then walked side by side.
     */
    static int matches(DumpHead d, CoreHeader e) {
        boolean vmcore = d.form() == DumpHead.Form.VMCORE;
        List<ProgramHeader> have = new ArrayList<>();
        d.header().programHeaders().forEach(p -> have.add(key(p, vmcore)));
        List<ProgramHeader> want = new ArrayList<>();
        e.programHeaders().forEach(p -> want.add(key(p, vmcore)));
        have.sort(FIELDS);
        want.sort(FIELDS);
        int n = 0;
        for (int i = 0, j = 0; i < have.size() && j < want.size(); ) {
            int c = FIELDS.compare(have.get(i), want.get(j));
            if (c == 0) {
                n++;
                i++;
                j++;
            } else if (c < 0) {
                i++;
            } else {
                j++;
            }
        }
        return n;
    }

    /** Program headers by every field, unsigned; a class, not a lambda chain (docs/performance.md). */
    private static final Comparator<ProgramHeader> FIELDS = new Comparator<>() {
        @Override
        public int compare(ProgramHeader a, ProgramHeader b) {
            long[] x = {a.type(), a.flags(), a.offset(), a.vaddr(), a.paddr(), a.filesz(), a.memsz(), a.align()};
            long[] y = {b.type(), b.flags(), b.offset(), b.vaddr(), b.paddr(), b.filesz(), b.memsz(), b.align()};
            for (int k = 0; k < x.length; k++) {
                int c = Long.compareUnsigned(x[k], y[k]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
    };

    /** The fields {@link #same} compares: p_offset cleared in a vmcore head. */
    private static ProgramHeader key(ProgramHeader p, boolean vmcore) {
        return vmcore ? new ProgramHeader(p.type(), p.flags(), 0, p.vaddr(), p.paddr(), p.filesz(), p.memsz(),
                p.align()) : p;
    }

    // ---- the ELF header ----

    private static void header(CoreHeader d, CoreHeader e, DumpHead.Form form, List<AuditFinding> out) {
        field(out, "ELF class", "ELF" + e.elfClass(), "ELF" + d.elfClass());
        field(out, "byte order", order(e.byteOrder()), order(d.byteOrder()));
        field(out, "e_machine", String.valueOf(e.machine()), String.valueOf(d.machine()));
        field(out, "e_type", String.valueOf(e.type()), String.valueOf(d.type()));
        field(out, "e_flags", Numbers.hex(e.eFlags()), Numbers.hex(d.eFlags()));
    }

    private static String order(ByteOrder o) {
        return o == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian";
    }

    private static void field(List<AuditFinding> out, String name, String expected, String found) {
        if (!expected.equals(found)) {
            out.add(new AuditFinding(AuditFinding.Kind.HEADER_DIFFERS, Optional.empty(), name, expected, found,
                    name + " is " + found + ", the loader writes " + expected));
        }
    }

    // ---- notes ----

    /** A raw header's notes, by address: each CPU's crash_notes, then the vmcoreinfo note. */
    private static void rawNotes(CoreHeader d, Expected e, ResolvedInputs in, List<AuditFinding> out) {
        List<ProgramHeader> dNotes = notes(d);
        List<ProgramHeader> eNotes = notes(e.header());
        Map<Long, Deque<Integer>> byAddress = new HashMap<>();
        for (int i = 0; i < dNotes.size(); i++) {
            byAddress.computeIfAbsent(dNotes.get(i).paddr(), k -> new ArrayDeque<>()).add(i);
        }
        boolean[] matched = new boolean[dNotes.size()];
        boolean inOrder = true;
        int last = -1;
        for (int i = 0; i < eNotes.size(); i++) {
            ProgramHeader want = eNotes.get(i);
            boolean cpu = i < e.cpus().size();
            String origin = cpu ? where(in, RootFile.CRASH_NOTES, String.valueOf(e.cpus().get(i)))
                    : where(in, RootFile.VMCOREINFO, null);
            String what = cpu ? "CPU " + e.cpus().get(i) + "'s crash note" : "the vmcoreinfo note";
            Deque<Integer> at = byAddress.get(want.paddr());
            if (at == null || at.isEmpty()) {
                out.add(new AuditFinding(cpu ? AuditFinding.Kind.CPU_NOTE_MISSING
                        : AuditFinding.Kind.VMCOREINFO_MISSING, note(want), origin, describe(want, false), "",
                        what + " at " + Numbers.hex(want.paddr()) + " (" + Numbers.hex(want.memsz())
                        + " bytes, " + origin + ") is not in the dump"));
                continue;
            }
            int index = at.poll();
            matched[index] = true;
            inOrder &= index > last;
            last = index;
            ProgramHeader got = dNotes.get(index);
            if (!got.equals(want)) {
                out.add(new AuditFinding(AuditFinding.Kind.NOTE_DIFFERS, note(want), origin, describe(want, false),
                        describe(got, false), what + " at " + Numbers.hex(want.paddr()) + " differs: "
                        + fields(want, got, false)));
            }
        }
        for (int i = 0; i < dNotes.size(); i++) {
            ProgramHeader p = dNotes.get(i);
            if (!matched[i]) {
                out.add(new AuditFinding(AuditFinding.Kind.CPU_NOTE_EXTRA, note(p), "", "", describe(p, false),
                        "a PT_NOTE at " + Numbers.hex(p.paddr()) + " (" + Numbers.hex(p.memsz()) + " bytes) is no"
                        + " possible CPU's crash_notes and not the vmcoreinfo note of this system (a header from"
                        + " another boot or machine?)"));
            }
        }
        if (!inOrder) {
            out.add(new AuditFinding(AuditFinding.Kind.ORDER_DIFFERS, Optional.empty(), "", "", "",
                    "the notes are in another order than the loader writes them (each CPU by id, then vmcoreinfo)"));
        }
    }

    /** A vmcore's merged notes: how many CPUs saved their registers, and whether VMCOREINFO is there. */
    private static void mergedNotes(DumpHead d, Expected e, ResolvedInputs in, List<AuditFinding> out) {
        long cpus = d.notes().stream().filter(DumpHead.Note::isCpu).count();
        boolean vmcoreinfo = d.notes().stream().anyMatch(DumpHead.Note::isVmcoreinfo);
        int want = e.cpus().size();
        String folder = in.root() == null ? "crash_notes" : in.root().where(RootFile.CRASH_NOTES.numberedFolder());
        if (cpus < want) {
            out.add(new AuditFinding(AuditFinding.Kind.CPU_NOTE_MISSING, Optional.empty(), folder,
                    want + " NT_PRSTATUS", cpus + " NT_PRSTATUS", want + " possible CPUs have crash notes (" + folder
                    + "/cpuN/crash_notes), the vmcore holds " + cpus + " NT_PRSTATUS notes: the header left "
                    + (want - cpus) + " out, or those CPUs saved no registers (offline when the kernel crashed)"));
        } else if (cpus > want) {
            out.add(new AuditFinding(AuditFinding.Kind.CPU_NOTE_EXTRA, Optional.empty(), folder,
                    want + " NT_PRSTATUS", cpus + " NT_PRSTATUS", "the vmcore holds " + cpus + " NT_PRSTATUS notes,"
                    + " but only " + want + " possible CPUs have crash notes (" + folder + ")"));
        }
        if (notes(e.header()).size() > want && !vmcoreinfo) {
            String origin = where(in, RootFile.VMCOREINFO, null);
            out.add(new AuditFinding(AuditFinding.Kind.VMCOREINFO_MISSING, Optional.empty(), origin, "VMCOREINFO", "",
                    "the vmcore holds no VMCOREINFO note, which the loader writes (" + origin + ")"));
        }
    }

    private static String where(ResolvedInputs in, RootFile f, String n) {
        return in.root() == null ? f.path(n) : in.root().where(f, n);
    }

    // ---- RAM ----

    private static void ram(List<ProgramHeader> dRam, List<ProgramHeader> eRam, Expected e, ResolvedInputs in,
                            boolean vmcore, List<AuditFinding> out, int limit) {
        List<MemoryRange> dRanges = ranges(dRam);
        List<MemoryRange> eRanges = ranges(eRam);
        List<MemoryRange> missing = Ranges.subtract(eRanges, dRanges);
        List<MemoryRange> extra = Ranges.subtract(dRanges, eRanges);
        Origins origins = new Origins(e.chunks().isEmpty() && in.map() != null ? in.map().chunks() : e.chunks());
        for (MemoryRange m : missing) {
            if (out.size() > limit) {
                return;
            }
            String origin = origins.of(m, in);
            out.add(new AuditFinding(AuditFinding.Kind.RAM_MISSING, Optional.of(m), origin, m.toString(), "",
                    "RAM " + m + " (" + origin + ") is in no PT_LOAD of the dump"));
        }
        extra(extra, in, out);
        List<MemoryRange> sorted = Ranges.sorted(dRanges);
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).overlaps(sorted.get(i - 1))) {
                MemoryRange both = Ranges.intersect(List.of(sorted.get(i)), List.of(sorted.get(i - 1))).get(0);
                out.add(new AuditFinding(AuditFinding.Kind.OVERLAP, Optional.of(both), "", "", both.toString(),
                        "two PT_LOADs both cover " + both));
            }
        }
        // segment by segment: the RAM each expected PT_LOAD covers, at the same place; the dump's found by
        // binary search over its PT_LOADs sorted by range (a header may hold 65,534 of them)
        Integer[] byRange = new Integer[dRam.size()];
        for (int i = 0; i < byRange.length; i++) {
            byRange[i] = i;
        }
        java.util.Arrays.sort(byRange, (a, b) -> compareRange(dRam.get(a), dRam.get(b)));
        boolean[] taken = new boolean[dRam.size()];
        List<Integer> usedAt = new ArrayList<>();
        boolean allMatched = true;
        for (ProgramHeader want : eRam) {
            if (out.size() > limit) {
                return;
            }
            int index = find(dRam, byRange, taken, want);
            if (index < 0) {
                allMatched = false;
                continue;
            }
            taken[index] = true;
            usedAt.add(index);
            ProgramHeader got = dRam.get(index);
            if (!same(want, got, vmcore)) {
                out.add(new AuditFinding(AuditFinding.Kind.SEGMENT_DIFFERS, range(want), origins.of(range(want).get(),
                        in), describe(want, vmcore), describe(got, vmcore), "the PT_LOAD of " + range(want).get()
                        + " differs: " + fields(want, got, vmcore)));
            }
        }
        boolean inOrder = true;
        for (int i = 1; i < usedAt.size(); i++) {
            inOrder &= usedAt.get(i) > usedAt.get(i - 1);
        }
        if (missing.isEmpty() && extra.isEmpty() && (!allMatched || usedAt.size() != dRam.size())) {
            out.add(new AuditFinding(AuditFinding.Kind.SEGMENT_DIFFERS, Optional.empty(), "", eRam.size() + " PT_LOADs",
                    dRam.size() + " PT_LOADs", "the dump covers the same RAM in other pieces: " + dRam.size()
                    + " PT_LOADs where the loader writes " + eRam.size()));
        } else if (allMatched && usedAt.size() == dRam.size() && !inOrder) {
            out.add(new AuditFinding(AuditFinding.Kind.ORDER_DIFFERS, Optional.empty(), "", "", "",
                    "the RAM PT_LOADs are in another order than the loader writes them"));
        }
    }

    /** By paddr, then memsz, unsigned. */
    private static int compareRange(ProgramHeader a, ProgramHeader b) {
        int c = Long.compareUnsigned(a.paddr(), b.paddr());
        return c != 0 ? c : Long.compareUnsigned(a.memsz(), b.memsz());
    }

    /** The first PT_LOAD not yet taken at {@code want}'s paddr and memsz, or -1. */
    private static int find(List<ProgramHeader> loads, Integer[] sorted, boolean[] taken, ProgramHeader want) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (compareRange(loads.get(sorted[mid]), want) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        for (int i = lo; i < sorted.length && compareRange(loads.get(sorted[i]), want) == 0; i++) {
            if (!taken[sorted[i]]) {
                return sorted[i];
            }
        }
        return -1;
    }

    /**
     * What the ranges the dump covers and the loader does not are: the crash kernel, RAM left out, or no RAM;
     * each set operation once over all of them (a header may hold 65,534 ranges), the findings by address.
     */
    private static void extra(List<MemoryRange> extra, ResolvedInputs in, List<AuditFinding> out) {
        if (extra.isEmpty()) {
            return;
        }
        List<AuditFinding> found = new ArrayList<>();
        List<MemoryRange> crash = in.crashKernels();
        String crashOrigin = crashOrigin(in);
        for (MemoryRange c : Ranges.intersect(extra, crash)) {
            found.add(new AuditFinding(AuditFinding.Kind.CRASH_KERNEL_INCLUDED, Optional.of(c), crashOrigin, "",
                    c.toString(), "a PT_LOAD covers " + c + ", the crash kernel's reservation (" + crashOrigin
                    + "), which the loader cuts out: the capture kernel runs there"));
        }
        List<MemoryRange> ram = in.map() == null ? List.of() : in.map().memory();
        List<MemoryRange> rest = Ranges.subtract(extra, crash);
        for (MemoryRange left : Ranges.intersect(rest, ram)) {
            String lines = iomemLines(left, in);
            found.add(new AuditFinding(AuditFinding.Kind.RAM_LEFT_OUT_INCLUDED, Optional.of(left), lines, "",
                    left.toString(), "a PT_LOAD covers RAM " + left + (lines.isEmpty() ? "" : " (" + lines + ")")
                    + " that the loader's rules leave out of a dump"));
        }
        for (MemoryRange none : Ranges.subtract(rest, ram)) {
            String lines = iomemLines(none, in);
            String origin = lines.isEmpty() ? "no RAM in " + ramSource(in) : lines;
            found.add(new AuditFinding(AuditFinding.Kind.NOT_RAM, Optional.of(none), origin, "", none.toString(),
                    "a PT_LOAD covers " + none + ", which is not RAM on this system (" + origin + ")"));
        }
        found.sort((a, b) -> a.range().orElseThrow().compareTo(b.range().orElseThrow()));
        out.addAll(found);
    }

    private static String crashOrigin(ResolvedInputs in) {
        if (in.iomem() != null && !Iomem.crashKernels(in.iomem()).isEmpty()) {
            return in.root() == null ? Iomem.SOURCE + " \"Crash kernel\"" : in.root().where(RootFile.IOMEM)
                    + " \"Crash kernel\"";
        }
        if (in.root() != null && in.root().found(RootFile.CRASHKERNEL_BASE, null).isPresent()) {
            return in.root().where(RootFile.CRASHKERNEL_BASE) + " and -size";
        }
        return "the crash kernel region";
    }

    private static String ramSource(ResolvedInputs in) {
        return in.treeWhere() != null && in.arch() != Arch.X86_64 ? in.treeWhere()
                : in.root() != null ? in.root().where(RootFile.IOMEM) : "the memory map";
    }

    /** The top-level /proc/iomem lines {@code r} touches, "Reserved 0x..-0x.., PCI Bus 0000:00 ...". */
    private static String iomemLines(MemoryRange r, ResolvedInputs in) {
        if (in.iomem() == null) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (IomemEntry e : in.iomem()) {
            if (e.isTopLevel() && e.range().overlaps(r)) {
                names.add(Iomem.SOURCE + " line " + e.line() + " \"" + e.name() + "\" " + e.range());
            }
        }
        return String.join(", ", names);
    }

    /**
     * Where RAM comes from: the memory nodes and properties, or /proc/iomem lines, that declare it; the chunks
     * sorted once, each range's found by binary search.
     */
    private static final class Origins {
        private final List<MemoryChunk> chunks;
        /** The highest end among chunks[0..i], so a search can stop at the first chunk that may overlap. */
        private final long[] maxEnd;

        Origins(List<MemoryChunk> chunks) {
            List<MemoryChunk> sorted = new ArrayList<>(chunks);
            sorted.sort(MemoryChunk.BY_RANGE);
            this.chunks = sorted;
            this.maxEnd = new long[sorted.size()];
            long max = 0;
            for (int i = 0; i < sorted.size(); i++) {
                long end = sorted.get(i).range().end();
                max = i == 0 || Long.compareUnsigned(end, max) > 0 ? end : max;
                maxEnd[i] = max;
            }
        }

        String of(MemoryRange m, ResolvedInputs in) {
            // the first chunk whose running maximum end reaches m, then on while chunks start within m
            int lo = 0;
            int hi = chunks.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (Long.compareUnsigned(maxEnd[mid], m.start()) < 0) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            List<String> out = new ArrayList<>();
            for (int i = lo; i < chunks.size() && Long.compareUnsigned(chunks.get(i).range().start(), m.end()) <= 0;
                    i++) {
                MemoryChunk c = chunks.get(i);
                if (!c.range().overlaps(m)) {
                    continue;
                }
                String o = c.node().equals(Iomem.SOURCE) ? iomemLine(c.range(), in) : c.node() + " " + c.property();
                if (!out.contains(o)) {
                    out.add(o);
                }
            }
            return out.isEmpty() ? iomemLines(m, in) : String.join(", ", out);
        }
    }

    private static String iomemLine(MemoryRange r, ResolvedInputs in) {
        if (in.iomem() != null) {
            for (IomemEntry e : in.iomem()) {
                if (e.name().equals(Iomem.SYSTEM_RAM) && e.range().contains(r)) {
                    return Iomem.SOURCE + " line " + e.line() + " \"System RAM\" " + e.range();
                }
            }
        }
        return Iomem.SOURCE + " \"System RAM\"";
    }

    // ---- segments ----

    /** The PT_LOADs in table order. */
    static List<ProgramHeader> loads(CoreHeader h) {
        return h.programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_LOAD).toList();
    }

    private static List<ProgramHeader> notes(CoreHeader h) {
        return h.programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_NOTE).toList();
    }

    /**
     * The kernel-text PT_LOAD: the first PT_LOAD, when its vaddr is 0xffffffffffffffff or its vaddr − paddr is
     * not the next one's (the linear map's); null when there is none.
     */
    static ProgramHeader kernelText(List<ProgramHeader> loads) {
        if (loads.isEmpty()) {
            return null;
        }
        ProgramHeader first = loads.get(0);
        if (first.vaddr() == -1L) {
            return first;
        }
        if (loads.size() >= 2 && first.vaddr() - first.paddr() != loads.get(1).vaddr() - loads.get(1).paddr()) {
            return first;
        }
        return null;
    }

    private static List<MemoryRange> ranges(List<ProgramHeader> loads) {
        List<MemoryRange> out = new ArrayList<>();
        for (ProgramHeader p : loads) {
            range(p).ifPresent(out::add);
        }
        return out;
    }

    /** The physical range a segment covers (memsz bytes from paddr), when it is one. */
    private static Optional<MemoryRange> range(ProgramHeader p) {
        if (p.memsz() == 0 || MemoryRange.wraps(p.paddr(), p.memsz())) {
            return Optional.empty();
        }
        return Optional.of(MemoryRange.ofSize(p.paddr(), p.memsz(), "PT_LOAD"));
    }

    private static Optional<MemoryRange> note(ProgramHeader p) {
        return range(p);
    }

    /** Equal but for p_offset in a vmcore head, which /proc/vmcore rewrote. */
    private static boolean same(ProgramHeader a, ProgramHeader b, boolean vmcore) {
        return a.type() == b.type() && a.flags() == b.flags() && (vmcore || a.offset() == b.offset())
                && a.vaddr() == b.vaddr() && a.paddr() == b.paddr() && a.filesz() == b.filesz()
                && a.memsz() == b.memsz() && a.align() == b.align();
    }

    /** "vaddr 0x.. (dump 0x..), memsz ..." for the fields that differ. */
    private static String fields(ProgramHeader want, ProgramHeader got, boolean vmcore) {
        List<String> f = new ArrayList<>();
        diff(f, "p_flags", want.flags(), got.flags());
        if (!vmcore) {
            diff(f, "p_offset", want.offset(), got.offset());
        }
        diff(f, "p_vaddr", want.vaddr(), got.vaddr());
        diff(f, "p_paddr", want.paddr(), got.paddr());
        diff(f, "p_filesz", want.filesz(), got.filesz());
        diff(f, "p_memsz", want.memsz(), got.memsz());
        diff(f, "p_align", want.align(), got.align());
        return String.join(", ", f);
    }

    private static void diff(List<String> out, String name, long want, long got) {
        if (want != got) {
            out.add(name + " " + Numbers.hex(got) + " where the loader writes " + Numbers.hex(want));
        }
    }

    /** A segment in short: "paddr 0x40200000 vaddr 0xffff800008000000 size 0x4c0000". */
    static String describe(ProgramHeader p, boolean vmcore) {
        return "paddr " + Numbers.hex(p.paddr()) + " vaddr " + Numbers.hex(p.vaddr()) + " size "
                + Numbers.hex(p.memsz())
                + (vmcore || p.offset() == p.paddr() ? "" : " offset " + Numbers.hex(p.offset()));
    }
}
