package org.dtcore.elf;

import java.nio.ByteBuffer;
import org.dtcore.text.Numbers;

/**
 * Writes a {@link CoreHeader} into a zero-filled buffer of a given size: the ELF header at 0, the
 * program header table at e_phoff. ELF32 fields are 32 bits wide; a value that does not fit is refused
 * rather than cut (SPEC §0: never wrap silently).
 */
final class CoreHeaderEncoder {
    private CoreHeaderEncoder() {
    }

    static byte[] encode(CoreHeader h, int size) {
        ElfClass c = ElfClass.ofBits(h.elfClass());
        long tableEnd = h.phoff() + (long) h.phnum() * c.phentsize;
        if (tableEnd > size) {
            throw new IllegalStateException("program header table ends at " + tableEnd + ", past the buffer " + size);
        }
        byte[] out = new byte[size];
        ByteBuffer b = ByteBuffer.wrap(out).order(h.byteOrder());
        out[0] = 0x7f;
        out[1] = 'E';
        out[2] = 'L';
        out[3] = 'F';
        out[ElfClass.EI_CLASS] = (byte) c.identClass;
        out[ElfClass.EI_DATA] = (byte) (h.byteOrder() == java.nio.ByteOrder.BIG_ENDIAN
                ? ElfClass.ELFDATA2MSB : ElfClass.ELFDATA2LSB);
        out[ElfClass.EI_VERSION] = ElfClass.EV_CURRENT;
        out[ElfClass.EI_OSABI] = (byte) h.osAbi();
        b.putShort(16, (short) h.type());
        b.putShort(18, (short) h.machine());
        b.putInt(20, (int) h.version());
        putWord(b, c, 24, h.entry(), "e_entry");
        putWord(b, c, c.phoffAt(), h.phoff(), "e_phoff");
        putWord(b, c, c.shoffAt(), h.shoff(), "e_shoff");
        b.putInt(c.flagsAt(), (int) h.eFlags());
        int at = c.ehsizeAt();
        for (int half : new int[] {h.ehsize(), h.phentsize(), h.rawPhnum(), h.shentsize(), h.shnum(), h.shstrndx()}) {
            b.putShort(at, (short) half);
            at += 2;
        }
        int p = (int) h.phoff();
        for (ProgramHeader ph : h.programHeaders()) {
            writeProgramHeader(b, c, p, ph);
            p += c.phentsize;
        }
        return out;
    }

    private static void writeProgramHeader(ByteBuffer b, ElfClass c, int at, ProgramHeader ph) {
        b.putInt(at, (int) ph.type());
        if (c.is64()) {
            // Elf64_Phdr: p_type, p_flags, then the six 64-bit fields
            b.putInt(at + 4, (int) ph.flags());
            b.putLong(at + 8, ph.offset());
            b.putLong(at + 16, ph.vaddr());
            b.putLong(at + 24, ph.paddr());
            b.putLong(at + 32, ph.filesz());
            b.putLong(at + 40, ph.memsz());
            b.putLong(at + 48, ph.align());
        } else {
            // Elf32_Phdr: p_type, five 32-bit fields, p_flags, p_align
            putWord(b, c, at + 4, ph.offset(), "p_offset");
            putWord(b, c, at + 8, ph.vaddr(), "p_vaddr");
            putWord(b, c, at + 12, ph.paddr(), "p_paddr");
            putWord(b, c, at + 16, ph.filesz(), "p_filesz");
            putWord(b, c, at + 20, ph.memsz(), "p_memsz");
            b.putInt(at + 24, (int) ph.flags());
            putWord(b, c, at + 28, ph.align(), "p_align");
        }
    }

    private static void putWord(ByteBuffer b, ElfClass c, int at, long value, String field) {
        if (c.is64()) {
            b.putLong(at, value);
            return;
        }
        if ((value >>> 32) != 0) {
            throw ElfException.of(ElfException.Kind.VALUE_TOO_WIDE,
                    field + " " + Numbers.hex(value) + " does not fit an ELF32 header (32 bits)");
        }
        b.putInt(at, (int) value);
    }
}
