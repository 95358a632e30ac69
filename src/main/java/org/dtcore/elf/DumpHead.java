package org.dtcore.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.input.InputFile;
import org.dtcore.memory.Arch;
import org.dtcore.text.Numbers;

/**
 * The head of a kdump: a raw core header (the elfcorehdr segment a loader wrote) or the front of a
 * /proc/vmcore or saved vmcore, read as far as its headers and notes go and no further.
 *
 * <p>The two are told apart by their notes (fs/proc/vmcore.c merge_note_headers_elf64()): in a raw header each
 * PT_NOTE points at its note in memory (p_offset = p_paddr, both builders, SPEC §9); /proc/vmcore copies the
 * notes into the file, merges them into one PT_NOTE whose p_offset is where they now lie (p_paddr 0), and
 * rewrites every PT_LOAD's p_offset to the file offset of its data, leaving p_paddr, p_vaddr, sizes and flags
 * as the header had them. So a vmcore head says which notes were there (each CPU's NT_PRSTATUS, the
 * VMCOREINFO note with the kernel's release) but no longer where they were in memory.
 *
 * @param source         the file, for messages
 * @param header         the ELF header and program headers
 * @param form           a raw header or a vmcore head
 * @param notes          the notes the vmcore's merged PT_NOTE holds, in order; empty for a raw header
 * @param vmcoreinfoText the VMCOREINFO note's text, when the vmcore holds one
 */
public record DumpHead(String source, CoreHeader header, Form form, List<Note> notes, Optional<String> vmcoreinfoText) {
    /** NT_PRSTATUS: a CPU's registers, the note crash_save_cpu() writes (include/uapi/linux/elf.h). */
    public static final long NT_PRSTATUS = 1;
    /** The first read: any real header and its notes (a few KiB) lie inside it. */
    static final int FIRST_READ = 64 << 10;

    /**
     * A head of these parts (the notes copied).
     *
     * @param source         the file, for messages
     * @param header         the ELF header and program headers
     * @param form           a raw header or a vmcore head
     * @param notes          the vmcore's notes; empty for a raw header
     * @param vmcoreinfoText the VMCOREINFO note's text, when the vmcore holds one
     */
    public DumpHead {
        notes = List.copyOf(notes);
    }

    /** Which kind of head. */
    public enum Form {
        /** the segment a loader wrote: notes at their physical addresses */
        ELF_CORE_HEADER("core header"),
        /** /proc/vmcore or a copy of it: notes merged into the file, PT_LOAD offsets rewritten */
        VMCORE("vmcore");

        private final String words;

        Form(String words) {
            this.words = words;
        }

        /**
         * The form as messages name it.
         *
         * @return "core header" or "vmcore"
         */
        public String words() {
            return words;
        }
    }

    /**
     * One note of a vmcore's merged PT_NOTE.
     *
     * @param name     its name ("CORE", "VMCOREINFO")
     * @param type     n_type
     * @param descSize n_descsz
     * @param offset   where its header lies in the file
     */
    public record Note(String name, long type, long descSize, long offset) {
        /**
         * Whether this is a CPU's registers as crash_save_cpu() writes them.
         *
         * @return true for name "CORE", type NT_PRSTATUS
         */
        public boolean isCpu() {
            return name.equals("CORE") && type == NT_PRSTATUS;
        }

        /**
         * Whether this is the VMCOREINFO note (6.12 kernel/vmcore_info.c update_vmcoreinfo_note()).
         *
         * @return true for name "VMCOREINFO"
         */
        public boolean isVmcoreinfo() {
            return name.equals("VMCOREINFO");
        }
    }

    /**
     * Reads the head of {@code file}: its first 64 KiB, then, only if the program headers or the notes lie
     * further, as far as they go, never past {@link CoreHeaderReader#MAX_HEAD_BYTES}.
     *
     * @param file a raw core header or a vmcore
     * @return the head, the file named as its source
     * @throws ElfException when the bytes are not a readable header or the headers and notes run past the cap
     * @throws org.dtcore.input.InputException when the file cannot be read
     */
    public static DumpHead read(Path file) {
        byte[] head = InputFile.head(file, FIRST_READ);
        long need = needed(head);
        if (need > head.length && head.length == FIRST_READ) {
            if (need > CoreHeaderReader.MAX_HEAD_BYTES) {
                throw ElfException.at(ElfException.Kind.TRUNCATED, 0, "the headers and notes run to "
                        + Numbers.hex(need) + ", past the " + (CoreHeaderReader.MAX_HEAD_BYTES >> 20) + " MiB read of a"
                        + " dump's head");
            }
            head = InputFile.head(file, (int) need);
        }
        return read(head, file.toString());
    }

    /**
     * Reads a head already in memory.
     *
     * @param head   a header file's bytes, or the first bytes of a vmcore (enough for its headers and notes)
     * @param source what messages name as the file
     * @return the head
     * @throws ElfException when the bytes are not a readable header or a note runs past them
     */
    public static DumpHead read(byte[] head, String source) {
        CoreHeader h = CoreHeaderReader.read(head);
        boolean vmcore = false;
        for (ProgramHeader p : h.programHeaders()) {
            vmcore |= p.type() == ProgramHeader.PT_NOTE && p.offset() != p.paddr();
        }
        if (!vmcore) {
            return new DumpHead(source, h, Form.ELF_CORE_HEADER, List.of(), Optional.empty());
        }
        List<Note> notes = new ArrayList<>();
        String vmcoreinfo = null;
        ByteBuffer b = ByteBuffer.wrap(head).order(h.byteOrder());
        for (ProgramHeader p : h.programHeaders()) {
            if (p.type() != ProgramHeader.PT_NOTE) {
                continue;
            }
            if (Long.compareUnsigned(p.offset(), head.length) > 0 || head.length - p.offset() < p.filesz()) {
                throw ElfException.at(ElfException.Kind.TRUNCATED, p.offset(), "the PT_NOTE's "
                        + Numbers.hex(p.filesz()) + " bytes at " + Numbers.hex(p.offset()) + " run past the end of the data ("
                        + Numbers.hex(head.length) + ")");
            }
            int at = (int) p.offset();
            int end = (int) (p.offset() + p.filesz());
            // fs/proc/vmcore.c: each note is a 12-byte header, the name and the descriptor, each padded to 4
            while (end - at >= 12) {
                long namesz = Integer.toUnsignedLong(b.getInt(at));
                long descsz = Integer.toUnsignedLong(b.getInt(at + 4));
                long type = Integer.toUnsignedLong(b.getInt(at + 8));
                if (namesz == 0) {
                    break; // the empty note that ends a buffer
                }
                long nameEnd = at + 12L + align4(namesz);
                long descEnd = nameEnd + align4(descsz);
                if (nameEnd > end || nameEnd + descsz > end) {
                    throw ElfException.at(ElfException.Kind.TRUNCATED, at, "a note of name size " + namesz
                            + " and descriptor size " + descsz + " runs past its PT_NOTE (ends " + Numbers.hex(end)
                            + ")");
                }
                String name = cString(head, at + 12, (int) namesz);
                Note n = new Note(name, type, descsz, at);
                notes.add(n);
                if (n.isVmcoreinfo() && vmcoreinfo == null) {
                    vmcoreinfo = cString(head, (int) nameEnd, (int) descsz);
                }
                at = (int) Math.min(descEnd, end);
            }
        }
        return new DumpHead(source, h, Form.VMCORE, notes, Optional.ofNullable(vmcoreinfo));
    }

    /** How far the program headers and the notes the PT_NOTEs point at go, when they lie in the file. */
    private static long needed(byte[] head) {
        CoreHeader h;
        try {
            h = CoreHeaderReader.read(head);
        } catch (ElfException e) {
            if (e.kind() != ElfException.Kind.TRUNCATED || head.length < 64) {
                throw e;
            }
            // the program headers lie further: e_phoff + e_phnum × e_phentsize (ELF64; ELF32 tables are smaller)
            ByteBuffer b = ByteBuffer.wrap(head).order(head[5] == 2 ? java.nio.ByteOrder.BIG_ENDIAN
                    : java.nio.ByteOrder.LITTLE_ENDIAN);
            boolean is64 = head[4] == 2;
            long phoff = is64 ? b.getLong(32) : Integer.toUnsignedLong(b.getInt(28));
            int phnum = Short.toUnsignedInt(b.getShort(is64 ? 56 : 44));
            long end = phoff + (long) phnum * (is64 ? 56 : 32);
            return end < 0 ? Long.MAX_VALUE : end;
        }
        long end = 0;
        for (ProgramHeader p : h.programHeaders()) {
            if (p.type() == ProgramHeader.PT_NOTE && p.offset() != p.paddr()) {
                long e = p.offset() + p.filesz();
                end = Long.compareUnsigned(e, p.offset()) < 0 ? Long.MAX_VALUE : Math.max(end, e);
            }
        }
        return end;
    }

    private static long align4(long n) {
        return (n + 3) & ~3L;
    }

    private static String cString(byte[] b, int from, int max) {
        int end = from;
        while (end < from + max && b[end] != 0) {
            end++;
        }
        return new String(b, from, end - from, StandardCharsets.ISO_8859_1);
    }

    /**
     * The architecture e_machine names.
     *
     * @return it; empty for a machine dtcore does not know (and for ELF32 RISC-V: only riscv64 is known)
     */
    public Optional<Arch> arch() {
        return switch (header.machine()) {
            case ElfMachine.EM_AARCH64 -> Optional.of(Arch.ARM64);
            case ElfMachine.EM_ARM -> Optional.of(Arch.ARM);
            case ElfMachine.EM_PPC64 -> Optional.of(Arch.PPC64);
            case ElfMachine.EM_PPC -> Optional.of(Arch.PPC);
            case ElfMachine.EM_X86_64 -> Optional.of(Arch.X86_64);
            case ElfMachine.EM_RISCV -> header.elfClass() == 64 ? Optional.of(Arch.RISCV64) : Optional.empty();
            case ElfMachine.EM_LOONGARCH -> Optional.of(Arch.LOONGARCH64);
            default -> Optional.empty();
        };
    }

    /**
     * The memory segments.
     *
     * @return the program headers of type PT_LOAD, in table order; empty when there are none
     */
    public List<ProgramHeader> loads() {
        return header.programHeaders().stream().filter(p -> p.type() == ProgramHeader.PT_LOAD).toList();
    }

    /**
     * The kernel release the VMCOREINFO note names.
     *
     * @return the OSRELEASE= value; empty for a raw header, a vmcore without the note, or an empty value
     */

    public Optional<String> osrelease() {
        if (vmcoreinfoText.isEmpty()) {
            return Optional.empty();
        }
        for (String line : vmcoreinfoText.get().split("\n")) {
            if (line.startsWith("OSRELEASE=")) {
                String v = line.substring("OSRELEASE=".length()).strip();
                return v.isEmpty() ? Optional.empty() : Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
