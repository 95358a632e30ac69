package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Locale;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.text.Columns;
import org.dtcore.text.Numbers;

/** {@code dtcore inspect HEADER}: the program headers of any ELF core header or vmcore head (SPEC §12). */
final class InspectCommand implements Subcommand {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String synopsis() {
        return "HEADER";
    }

    @Override
    public String purpose() {
        return "List the program headers of an ELF core header, a vmcore, or any ELF file's head.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"HEADER", "an ELF core header (elfcorehdr), a vmcore, its head, or - for standard"
                + " input"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("format", "FORMAT", "table (default) or json").words("table", "json");
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path file = a.paths(1, 1, "one HEADER").get(0);
        String format = a.choice("format", "table", "table", "json");
        CoreHeader h = Inputs.isStdin(file) ? Inputs.read(file, () -> CoreHeaderReader.read(
                StandardInput.read(io, StandardInput.Kind.CORE_HEADER)))
                : Inputs.read(file, () -> CoreHeaderReader.read(file));
        PrintWriter out = io.out();
        if (format.equals("json")) {
            json(h, out);
            out.println();
        } else {
            table(h, out);
        }
        return 0;
    }

    /** The header as JSON (schemas/inspect.schema.json): e_flags and every address, offset and size "0x...". */
    static void json(CoreHeader h, PrintWriter out) {
        try (JsonGenerator g = JsonOutput.on(out, true)) {
            g.writeStartObject();
            g.writeStringField("class", h.elfClass() == 64 ? "ELF64" : "ELF32");
            g.writeStringField("data", h.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian");
            g.writeStringField("type", typeName(h.type()));
            g.writeNumberField("machine", h.machine());
            g.writeStringField("eFlags", Numbers.hex(h.eFlags()));
            g.writeNumberField("phnum", h.phnum());
            g.writeArrayFieldStart("segments");
            for (ProgramHeader p : h.programHeaders()) {
                g.writeStartObject();
                g.writeStringField("type", segmentType(p.type()));
                g.writeStringField("flags", flags(p.flags()).trim());
                g.writeStringField("offset", Numbers.hex(p.offset()));
                g.writeStringField("vaddr", Numbers.hex(p.vaddr()));
                g.writeStringField("paddr", Numbers.hex(p.paddr()));
                g.writeStringField("filesz", Numbers.hex(p.filesz()));
                g.writeStringField("memsz", Numbers.hex(p.memsz()));
                g.writeStringField("align", Numbers.hex(p.align()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw JsonOutput.writeFailure(e);
        }
    }

    /**
     * Laid out like {@code readelf -lW}, one row per program header, within 100 columns: addresses
     * 0x%016x, offsets and sizes (small in a core header) as short hex, padded so the columns line up.
     */
    static void table(CoreHeader h, PrintWriter out) {
        out.println("ELF" + h.elfClass() + " " + (h.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big")
                + "-endian, type " + typeName(h.type()) + ", machine " + machineName(h.machine()) + " (" + h.machine()
                + "), e_flags " + Numbers.hex(h.eFlags()));
        out.printf(Locale.ROOT,"%d program header%s, starting at offset %d%s%n%n", h.phnum(), h.phnum() == 1 ? "" : "s",
                h.phoff(), h.extendedNumbering() ? " (PN_XNUM: count from section header 0)" : "");
        out.println("Program Headers:");
        out.println(row("Type", "Offset", "VirtAddr", "PhysAddr", "FileSiz", "MemSiz", "Flg", "Align"));
        for (ProgramHeader p : h.programHeaders()) {
            out.println(row(segmentType(p.type()), Numbers.hex(p.offset()), Numbers.hex16(p.vaddr()),
                    Numbers.hex16(p.paddr()), Numbers.hex(p.filesz()), Numbers.hex(p.memsz()), flags(p.flags()),
                    Numbers.hex(p.align())));
        }
    }

    private static String row(String type, String offset, String vaddr, String paddr, String filesz, String memsz,
                              String flags, String align) {
        return "  " + Columns.pad(type, 6) + " " + Columns.pad(offset, 10) + " " + Columns.pad(vaddr, 18) + " "
                + Columns.pad(paddr, 18) + " " + Columns.pad(filesz, 12) + " " + Columns.pad(memsz, 12) + " "
                + Columns.pad(flags, 3) + " " + align;
    }

    private static String segmentType(long t) {
        if (t == ProgramHeader.PT_LOAD) {
            return "LOAD";
        }
        if (t == ProgramHeader.PT_NOTE) {
            return "NOTE";
        }
        if (t == ProgramHeader.PT_NULL) {
            return "NULL";
        }
        return Numbers.hex(t);
    }

    private static String flags(long f) {
        return ((f & 4) != 0 ? "R" : " ") + ((f & 2) != 0 ? "W" : " ") + ((f & 1) != 0 ? "E" : " ");
    }

    private static String typeName(int type) {
        switch (type) {
            case 1: return "REL";
            case 2: return "EXEC";
            case 3: return "DYN";
            case 4: return "CORE";
            default: return Numbers.hex(type);
        }
    }

    private static String machineName(int m) {
        switch (m) {
            case 3: return "i386";
            case 20: return "PowerPC";
            case 21: return "PowerPC64";
            case 40: return "ARM";
            case 62: return "x86-64";
            case 183: return "AArch64";
            case 243: return "RISC-V";
            case 258: return "LoongArch";
            default: return "unknown";
        }
    }
}
