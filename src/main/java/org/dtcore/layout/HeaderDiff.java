package org.dtcore.layout;

import static org.dtcore.layout.CheckReport.Mode.DIFF;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * What changed between two core headers (SPEC §9): the ELF header fields, the PT_LOADs (memory a dump
 * covers), the PT_NOTEs. Segments are paired by physical address, so a segment whose virtual address,
 * offset or size changed is one changed row naming the fields, not a segment that vanished and one that
 * appeared. Left column A, right column B.
 */
public final class HeaderDiff {
    private static final SectionComparison<ProgramHeader, ProgramHeader> SEGMENTS = new SectionComparison<>(
            HeaderDiff::key, HeaderDiff::text, HeaderDiff::key, HeaderDiff::text, Objects::equals);
    /** How many differing segments a summary names; the rows below it show them all. */
    private static final int NAMED = 3;

    private HeaderDiff() {
    }

    /**
     * Compares two core headers ({@code dtcore diff} of two headers).
     *
     * @param a     the left header
     * @param b     the right header
     * @param aName how the report names {@code a} (its file name)
     * @param bName how the report names {@code b}
     * @return a diff report: the ELF header, then each kind of segment; passed when the two are the same
     */
    public static CheckReport between(CoreHeader a, CoreHeader b, String aName, String bName) {
        List<Finding> out = new ArrayList<>();
        String ha = header(a);
        String hb = header(b);
        List<String> fields = headerFields(a, b);
        out.add(Finding.of("header", fields.isEmpty(), fields.isEmpty() ? ha
                        : "ELF header differs: " + String.join(", ", fields),
                List.of(fields.isEmpty() ? DiffRow.same(ha, hb) : DiffRow.changed(ha, hb))));
        out.add(segments("loads", "PT_LOAD", of(a, ProgramHeader.PT_LOAD), of(b, ProgramHeader.PT_LOAD), true));
        out.add(segments("notes", "PT_NOTE", of(a, ProgramHeader.PT_NOTE), of(b, ProgramHeader.PT_NOTE), false));
        List<ProgramHeader> otherA = others(a);
        List<ProgramHeader> otherB = others(b);
        if (!otherA.isEmpty() || !otherB.isEmpty()) {
            out.add(segments("other", "segment", otherA, otherB, false));
        }
        return new CheckReport(DIFF, aName, bName, out);
    }

    /**
     * The finding for one kind of segment: its summary names the segments that differ by physical address
     * and, for a changed one, the fields; for PT_LOADs also the memory only one side's dump covers.
     */
    private static Finding segments(String name, String noun, List<ProgramHeader> a, List<ProgramHeader> b,
                                    boolean loads) {
        Finding f = SEGMENTS.compare(DIFF, name, noun, a, b, true);
        if (!f.failed()) {
            return f;
        }
        List<ProgramHeader> sa = sorted(a);
        List<ProgramHeader> sb = sorted(b);
        List<String> named = new ArrayList<>();
        int changed = 0;
        int onlyA = 0;
        int onlyB = 0;
        int i = 0;
        int j = 0;
        while (i < sa.size() || j < sb.size()) {
            int c = i == sa.size() ? 1 : j == sb.size() ? -1 : key(sa.get(i)).compareTo(key(sb.get(j)));
            String what = null;
            if (c == 0) {
                ProgramHeader pa = sa.get(i++);
                ProgramHeader pb = sb.get(j++);
                if (!pa.equals(pb)) {
                    changed++;
                    what = "at paddr " + Numbers.hex(pa.paddr()) + " (" + String.join(", ", segmentFields(pa, pb)) + ")";
                }
            } else if (c < 0) {
                onlyA++;
                what = "at paddr " + Numbers.hex(sa.get(i++).paddr()) + " only in A";
            } else {
                onlyB++;
                what = "at paddr " + Numbers.hex(sb.get(j++).paddr()) + " only in B";
            }
            if (what != null && named.size() <= NAMED) {
                named.add(what);
            }
        }
        List<String> counts = new ArrayList<>();
        if (changed > 0) {
            counts.add(SectionComparison.count(changed, noun) + " changed");
        }
        if (onlyA > 0) {
            counts.add((counts.isEmpty() ? SectionComparison.count(onlyA, noun) : Integer.toString(onlyA)) + " only in A");
        }
        if (onlyB > 0) {
            counts.add((counts.isEmpty() ? SectionComparison.count(onlyB, noun) : Integer.toString(onlyB)) + " only in B");
        }
        int differing = changed + onlyA + onlyB;
        StringBuilder summary = new StringBuilder(String.join(", ", counts)).append("; ").append(a.size())
                .append(" in A, ").append(b.size()).append(" in B: ");
        summary.append(String.join("; ", named.subList(0, Math.min(NAMED, named.size()))));
        if (differing > NAMED) {
            summary.append("; and ").append(differing - NAMED).append(" more");
        }
        if (loads) {
            List<MemoryRange> ra = ranges(a);
            List<MemoryRange> rb = ranges(b);
            List<MemoryRange> memoryA = Ranges.subtract(ra, rb);
            List<MemoryRange> memoryB = Ranges.subtract(rb, ra);
            if (!memoryA.isEmpty()) {
                summary.append("; memory only in A: ").append(RowText.ranges(memoryA));
            }
            if (!memoryB.isEmpty()) {
                summary.append("; memory only in B: ").append(RowText.ranges(memoryB));
            }
            if (memoryA.isEmpty() && memoryB.isEmpty()) {
                summary.append("; both dumps cover the same memory");
            }
        }
        return new Finding(name, Finding.Outcome.FAIL, summary.toString(), f.rows());
    }

    /** The ELF header fields that differ, by their ELF names. */
    private static List<String> headerFields(CoreHeader a, CoreHeader b) {
        List<String> out = new ArrayList<>();
        if (a.elfClass() != b.elfClass()) {
            out.add("EI_CLASS");
        }
        if (!a.byteOrder().equals(b.byteOrder())) {
            out.add("EI_DATA");
        }
        if (a.type() != b.type()) {
            out.add("e_type");
        }
        if (a.machine() != b.machine()) {
            out.add("e_machine");
        }
        if (a.eFlags() != b.eFlags()) {
            out.add("e_flags");
        }
        if (a.phnum() != b.phnum()) {
            out.add("e_phnum");
        }
        return out;
    }

    /** The program header fields that differ between two segments at one physical address. */
    private static List<String> segmentFields(ProgramHeader a, ProgramHeader b) {
        List<String> out = new ArrayList<>();
        if (a.vaddr() != b.vaddr()) {
            out.add("p_vaddr");
        }
        if (a.offset() != b.offset()) {
            out.add("p_offset");
        }
        if (a.filesz() != b.filesz()) {
            out.add("p_filesz");
        }
        if (a.memsz() != b.memsz()) {
            out.add("p_memsz");
        }
        if (a.flags() != b.flags()) {
            out.add("p_flags");
        }
        if (a.align() != b.align()) {
            out.add("p_align");
        }
        if (out.isEmpty()) {
            out.add("p_type");
        }
        return out;
    }

    private static String header(CoreHeader h) {
        return "ELF" + h.elfClass() + " " + (h.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "LSB" : "MSB") + " machine "
                + h.machine() + " type " + h.type() + " flags " + Numbers.hex(h.eFlags()) + " phnum " + h.phnum();
    }

    private static List<ProgramHeader> of(CoreHeader h, long type) {
        return h.programHeaders().stream().filter(p -> p.type() == type).toList();
    }

    private static List<ProgramHeader> others(CoreHeader h) {
        return h.programHeaders().stream()
                .filter(p -> p.type() != ProgramHeader.PT_LOAD && p.type() != ProgramHeader.PT_NOTE).toList();
    }

    /** Sorted by key as {@link SectionComparison} sorts (stable: segments at one address keep table order). */
    private static List<ProgramHeader> sorted(List<ProgramHeader> list) {
        List<ProgramHeader> out = new ArrayList<>(list);
        out.sort(Comparator.comparing(HeaderDiff::key));
        return out;
    }

    private static List<MemoryRange> ranges(List<ProgramHeader> loads) {
        List<MemoryRange> out = new ArrayList<>();
        for (ProgramHeader p : loads) {
            if (p.memsz() != 0 && !MemoryRange.wraps(p.paddr(), p.memsz())) {
                out.add(new MemoryRange(p.paddr(), p.paddr() + p.memsz() - 1));
            }
        }
        return out;
    }

    /** Segments pair by physical address, the memory they stand for. */
    private static String key(ProgramHeader p) {
        return Numbers.hex16(p.paddr());
    }

    private static String text(ProgramHeader p) {
        return "paddr " + Numbers.hex16(p.paddr()) + " size " + Numbers.hex(p.memsz()) + " ("
                + ByteSize.human(p.memsz()) + ") vaddr " + Numbers.hex16(p.vaddr()) + " offset " + Numbers.hex(p.offset())
                + (p.filesz() != p.memsz() ? " filesz " + Numbers.hex(p.filesz()) : "")
                + (p.flags() != (p.type() == ProgramHeader.PT_LOAD ? ProgramHeader.PF_RWX : 0)
                        ? " flags " + Numbers.hex(p.flags()).substring(2) : "")
                + (p.align() != 0 ? " align " + Numbers.hex(p.align()) : "");
    }
}
