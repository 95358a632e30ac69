package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.dtcore.elf.CoreHeader;
import org.dtcore.elf.CoreHeaderReader;
import org.dtcore.elf.ProgramHeader;

/** {@code dtcore inspect HEADER}: the program headers of any ELF core header or vmcore head (SPEC §12). */
final class InspectCommand implements Subcommand {
    @Override
    public String name() {
        return "inspect";
    }

    @Override
    public String synopsis() {
        return "HEADER [--format table|json]";
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
        t.value("format", "FORMAT", "table (default) or json");
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        Path file = a.paths(1, 1, "one HEADER").get(0);
        String format = a.choice("format", "table", "table", "json");
        CoreHeader h = Inputs.isStdin(file) ? Inputs.read(file, () -> CoreHeaderReader.read(Inputs.stdin(io)))
                : Inputs.read(file, () -> CoreHeaderReader.read(file));
        PrintWriter out = io.out();
        if (format.equals("json")) {
            try (JsonGenerator g = JsonOutput.on(out, true)) {
                json(h, g);
            } catch (IOException e) {
                throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
            }
            out.println();
        } else {
            table(h, out);
        }
        return 0;
    }

    static void json(CoreHeader h, JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("class", h.elfClass() == 64 ? "ELF64" : "ELF32");
        g.writeStringField("data", h.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little-endian" : "big-endian");
        g.writeStringField("type", typeName(h.type()));
        g.writeNumberField("machine", h.machine());
        g.writeStringField("eFlags", AddressFormat.hex(h.eFlags()));
        g.writeNumberField("phnum", h.phnum());
        g.writeArrayFieldStart("segments");
        for (ProgramHeader p : h.programHeaders()) {
            g.writeStartObject();
            g.writeStringField("type", segmentType(p.type()));
            g.writeStringField("flags", flags(p.flags()).trim());
            g.writeStringField("offset", AddressFormat.hex(p.offset()));
            g.writeStringField("vaddr", AddressFormat.hex(p.vaddr()));
            g.writeStringField("paddr", AddressFormat.hex(p.paddr()));
            g.writeStringField("filesz", AddressFormat.hex(p.filesz()));
            g.writeStringField("memsz", AddressFormat.hex(p.memsz()));
            g.writeStringField("align", AddressFormat.hex(p.align()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** Laid out like {@code readelf -lW}: one row per program header, every number 0x%016x. */
    static void table(CoreHeader h, PrintWriter out) {
        out.println("ELF" + h.elfClass() + " " + (h.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big")
                + "-endian, type " + typeName(h.type()) + ", machine " + machineName(h.machine()) + " (" + h.machine()
                + "), e_flags " + AddressFormat.hex(h.eFlags()));
        out.println(h.phnum() + " program header" + (h.phnum() == 1 ? "" : "s") + ", starting at offset "
                + h.phoff() + (h.extendedNumbering() ? " (PN_XNUM: count from section header 0)" : ""));
        out.println();
        out.println("Program Headers:");
        StringBuilder head = new StringBuilder("  ");
        ChunksBatch.left(head, "Type", 6).append(' ');
        for (String c : new String[] {"Offset", "VirtAddr", "PhysAddr", "FileSiz", "MemSiz"}) {
            ChunksBatch.left(head, c, 18).append(' ');
        }
        ChunksBatch.left(head, "Flg", 3).append(" Align");
        out.println(head);
        for (ProgramHeader p : h.programHeaders()) {
            StringBuilder b = new StringBuilder(128).append("  ");
            ChunksBatch.left(b, segmentType(p.type()), 6).append(' ');
            b.append(AddressFormat.hex16(p.offset())).append(' ').append(AddressFormat.hex16(p.vaddr())).append(' ')
                    .append(AddressFormat.hex16(p.paddr())).append(' ').append(AddressFormat.hex16(p.filesz()))
                    .append(' ').append(AddressFormat.hex16(p.memsz())).append(' ');
            ChunksBatch.left(b, flags(p.flags()), 3).append(' ').append(AddressFormat.hex(p.align()));
            out.println(b);
        }
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
        return AddressFormat.hex(t);
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
            default: return "0x" + Integer.toHexString(type);
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
