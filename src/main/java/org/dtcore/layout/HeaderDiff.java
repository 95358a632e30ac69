package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * What changed between two core headers (SPEC §9): the ELF header fields, the PT_LOADs (memory a dump
 * covers: vanished, appeared, moved), the PT_NOTEs. Left column A, right column B.
 */
public final class HeaderDiff {
    private static final SectionComparison<ProgramHeader, ProgramHeader> SEGMENTS = new SectionComparison<>(
            HeaderDiff::key, HeaderDiff::text, HeaderDiff::key, HeaderDiff::text, Objects::equals);

    private HeaderDiff() {
    }

    public static CheckReport between(CoreHeader a, CoreHeader b, String aName, String bName) {
        List<Finding> out = new ArrayList<>();
        String ha = header(a);
        String hb = header(b);
        out.add(Finding.of("header", ha.equals(hb), ha.equals(hb) ? ha : "ELF header differs",
                List.of(ha.equals(hb) ? DiffRow.same(ha, hb) : DiffRow.changed(ha, hb))));
        List<ProgramHeader> loadsA = of(a, ProgramHeader.PT_LOAD);
        List<ProgramHeader> loadsB = of(b, ProgramHeader.PT_LOAD);
        Finding loads = SEGMENTS.compare("loads", "PT_LOAD", loadsA, loadsB, true);
        if (loads.failed()) {
            List<MemoryRange> ra = ranges(loadsA);
            List<MemoryRange> rb = ranges(loadsB);
            loads = new Finding("loads", Finding.Outcome.FAIL, "memory only in A: "
                    + RowText.ranges(Ranges.subtract(ra, rb)) + "; only in B: " + RowText.ranges(Ranges.subtract(rb, ra)),
                    loads.rows());
        }
        out.add(loads);
        out.add(SEGMENTS.compare("notes", "PT_NOTE", of(a, ProgramHeader.PT_NOTE), of(b, ProgramHeader.PT_NOTE), true));
        List<ProgramHeader> otherA = others(a);
        List<ProgramHeader> otherB = others(b);
        if (!otherA.isEmpty() || !otherB.isEmpty()) {
            out.add(SEGMENTS.compare("other", "segment", otherA, otherB, true));
        }
        return new CheckReport(aName, bName, out);
    }

    private static String header(CoreHeader h) {
        return String.format(Locale.ROOT,"ELF%d %s machine %d type %d flags 0x%x phnum %d", h.elfClass(),
                h.byteOrder().toString().startsWith("LITTLE") ? "LSB" : "MSB", h.machine(), h.type(), h.eFlags(),
                h.phnum());
    }

    private static List<ProgramHeader> of(CoreHeader h, long type) {
        return h.programHeaders().stream().filter(p -> p.type() == type).toList();
    }

    private static List<ProgramHeader> others(CoreHeader h) {
        return h.programHeaders().stream()
                .filter(p -> p.type() != ProgramHeader.PT_LOAD && p.type() != ProgramHeader.PT_NOTE).toList();
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

    private static String key(ProgramHeader p) {
        return Numbers.hex16(p.paddr()) + Numbers.hex16(p.vaddr());
    }

    private static String text(ProgramHeader p) {
        return String.format(Locale.ROOT,"paddr 0x%016x size 0x%x (%s) vaddr 0x%016x offset 0x%x", p.paddr(), p.memsz(),
                ByteSize.human(p.memsz()), p.vaddr(), p.offset())
                + (p.filesz() != p.memsz() ? String.format(Locale.ROOT," filesz 0x%x", p.filesz()) : "")
                + (p.flags() != (p.type() == ProgramHeader.PT_LOAD ? ProgramHeader.PF_RWX : 0)
                        ? String.format(Locale.ROOT," flags %x", p.flags()) : "");
    }
}
