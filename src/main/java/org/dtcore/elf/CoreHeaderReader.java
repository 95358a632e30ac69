package org.dtcore.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.input.InputFile;
import org.dtcore.text.Numbers;

/**
 * Reads an ELF32 or ELF64 core header (an elfcorehdr segment, or the head of a /proc/vmcore or any ELF
 * file) in either byte order into a {@link CoreHeader}.
 *
 * <p>Checks, in order: magic, EI_CLASS, EI_DATA, EI_VERSION and e_version, e_ehsize, e_phentsize against
 * the class, the program header table inside the buffer. PN_XNUM (e_phnum 0xffff) takes the count from
 * section header 0's sh_info, which must itself lie inside the buffer.
 *
 * <p>e_type is reported, not enforced: SPEC §9 says /proc/vmcore demands ET_CORE, but a diagnostic
 * reader is more useful when it shows what a wrong file holds; callers ask {@link CoreHeader#isCore()}.
 * Likewise e_phnum 0 gives an empty list. Any failure is an {@link ElfException} carrying the offset of
 * the field at fault; nothing is allocated beyond what the input's length can back.
 */
public final class CoreHeaderReader {
    private CoreHeaderReader() {
    }

    /**
     * Reads and also applies the checks the capture kernel's /proc/vmcore makes (SPEC §9): ET_CORE,
     * ELFCLASS64, e_phnum not 0 (magic and e_phentsize 56 are checked by {@link #read} already).
     *
     * @param data the header's bytes, from offset 0
     * @return the header
     * @throws ElfException when the bytes are not a readable header or /proc/vmcore would refuse it
     *                      ({@link ElfException.Kind#NOT_VMCORE})
     */
    public static CoreHeader readVmcore(byte[] data) {
        CoreHeader h = read(data);
        if (h.elfClass() != 64) {
            throw ElfException.at(ElfException.Kind.NOT_VMCORE, ElfClass.EI_CLASS,
                    "ELFCLASS32: /proc/vmcore reads only ELF64 core headers");
        }
        if (!h.isCore()) {
            throw ElfException.at(ElfException.Kind.NOT_VMCORE, 16, "e_type " + h.type() + " is not ET_CORE (4)");
        }
        if (h.phnum() == 0) {
            throw ElfException.at(ElfException.Kind.NOT_VMCORE, ElfClass.ELF64.phnumAt(), "e_phnum is 0");
        }
        return h;
    }

    /**
     * A vmcore can be gigabytes; its headers sit at the front. 64 MiB holds over a million 56-byte
     * program headers, far more than any e_phnum (or PN_XNUM count) a kernel writes.
     */
    public static final int MAX_HEAD_BYTES = 64 << 20;

    /**
     * Reads the header at the front of a file (a core header, a vmcore, any ELF file).
     *
     * @param file the file; at most {@link #MAX_HEAD_BYTES} of it are read
     * @return the header
     * @throws ElfException when the bytes are not a readable header
     * @throws IOException  not thrown today (a file that cannot be read is an
     *                      {@link org.dtcore.input.InputException}); kept so callers' handling stays valid
     */
    public static CoreHeader read(Path file) throws IOException {
        return read(InputFile.head(file, MAX_HEAD_BYTES));
    }

    /**
     * Reads any ELF32/ELF64 header of either byte order; see the class comment for what is checked.
     *
     * @param data the header's bytes, from offset 0 (bytes past the tables are ignored)
     * @return the header
     * @throws ElfException carrying the offset of the field at fault
     */

    public static CoreHeader read(byte[] data) {
        if (data.length < ElfClass.EI_NIDENT) {
            throw truncated(0, ElfClass.EI_NIDENT, data.length, "e_ident");
        }
        if (data[0] != 0x7f || data[1] != 'E' || data[2] != 'L' || data[3] != 'F') {
            throw ElfException.at(ElfException.Kind.BAD_MAGIC, 0, "magic " + Numbers.plainHex(data[0] & 0xff, 2) + " "
                    + Numbers.plainHex(data[1] & 0xff, 2) + " " + Numbers.plainHex(data[2] & 0xff, 2) + " "
                    + Numbers.plainHex(data[3] & 0xff, 2) + " is not 7f 45 4c 46 (\\x7fELF)");
        }
        ElfClass c = switch (data[ElfClass.EI_CLASS]) {
            case 1 -> ElfClass.ELF32;
            case 2 -> ElfClass.ELF64;
            default -> throw ElfException.at(ElfException.Kind.BAD_CLASS, ElfClass.EI_CLASS,
                    "EI_CLASS " + (data[ElfClass.EI_CLASS] & 0xff) + " is neither ELFCLASS32 (1) nor ELFCLASS64 (2)");
        };
        ByteOrder order = switch (data[ElfClass.EI_DATA]) {
            case ElfClass.ELFDATA2LSB -> ByteOrder.LITTLE_ENDIAN;
            case ElfClass.ELFDATA2MSB -> ByteOrder.BIG_ENDIAN;
            default -> throw ElfException.at(ElfException.Kind.BAD_DATA, ElfClass.EI_DATA,
                    "EI_DATA " + (data[ElfClass.EI_DATA] & 0xff) + " is neither ELFDATA2LSB (1) nor ELFDATA2MSB (2)");
        };
        if (data[ElfClass.EI_VERSION] != ElfClass.EV_CURRENT) {
            throw ElfException.at(ElfException.Kind.BAD_VERSION, ElfClass.EI_VERSION,
                    "EI_VERSION " + (data[ElfClass.EI_VERSION] & 0xff) + " is not EV_CURRENT (1)");
        }
        if (data.length < c.ehsize) {
            throw truncated(0, c.ehsize, data.length, "the ELF" + c.bits + " header");
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(order);
        long version = Integer.toUnsignedLong(b.getInt(20));
        if (version != ElfClass.EV_CURRENT) {
            throw ElfException.at(ElfException.Kind.BAD_VERSION, 20, "e_version " + version + " is not EV_CURRENT (1)");
        }
        int at = c.ehsizeAt();
        int ehsize = u16(b, at);
        int phentsize = u16(b, at + 2);
        int rawPhnum = u16(b, at + 4);
        int shentsize = u16(b, at + 6);
        int shnum = u16(b, at + 8);
        int shstrndx = u16(b, at + 10);
        if (ehsize != c.ehsize) {
            throw ElfException.at(ElfException.Kind.BAD_LAYOUT, at,
                    "e_ehsize " + ehsize + " is not " + c.ehsize + " for ELF" + c.bits);
        }
        long phoff = word(b, c, c.phoffAt());
        long shoff = word(b, c, c.shoffAt());
        long phnum = rawPhnum == CoreHeader.PN_XNUM ? extendedCount(b, c, shoff, shentsize, data.length) : rawPhnum;
        if (phnum != 0 && phentsize != c.phentsize) {
            throw ElfException.at(ElfException.Kind.BAD_LAYOUT, at + 2,
                    "e_phentsize " + phentsize + " is not " + c.phentsize + " for ELF" + c.bits);
        }
        // phnum < 2^32 and phentsize ≤ 56: the product cannot overflow a long, and the check below keeps
        // the list no larger than the input can hold.
        long tableBytes = phnum * c.phentsize;
        if (phnum != 0 && (Long.compareUnsigned(phoff, data.length) > 0 || data.length - phoff < tableBytes)) {
            throw ElfException.at(ElfException.Kind.TRUNCATED, c.phoffAt(), phnum + " program headers at e_phoff "
                    + Numbers.hex(phoff) + " need " + Numbers.hex(tableBytes) + " bytes, past the end of the data ("
                    + Numbers.hex(data.length) + ")");
        }
        List<ProgramHeader> phdrs = new ArrayList<>((int) phnum);
        for (int i = 0; i < phnum; i++) {
            phdrs.add(programHeader(b, c, (int) (phoff + (long) i * c.phentsize)));
        }
        return new CoreHeader(c.bits, order, data[ElfClass.EI_OSABI] & 0xff, u16(b, 16), u16(b, 18), version,
                word(b, c, 24), phoff, shoff, Integer.toUnsignedLong(b.getInt(c.flagsAt())), ehsize, phentsize,
                rawPhnum, shentsize, shnum, shstrndx, phdrs);
    }

    /** ELF gABI extended numbering: with e_phnum = PN_XNUM the count is sh_info of section header 0. */
    private static long extendedCount(ByteBuffer b, ElfClass c, long shoff, int shentsize, int length) {
        int phnumAt = c.phnumAt();
        if (shoff == 0) {
            throw ElfException.at(ElfException.Kind.BAD_LAYOUT, c.shoffAt(),
                    "e_phnum is PN_XNUM (0xffff) but e_shoff is 0: no section header 0 holds the count");
        }
        if (shentsize != c.shentsize) {
            throw ElfException.at(ElfException.Kind.BAD_LAYOUT, phnumAt + 2,
                    "e_phnum is PN_XNUM but e_shentsize " + shentsize + " is not " + c.shentsize);
        }
        if (Long.compareUnsigned(shoff, length) > 0 || length - shoff < c.shentsize) {
            throw ElfException.at(ElfException.Kind.TRUNCATED, c.shoffAt(),
                    "e_phnum is PN_XNUM but section header 0 at e_shoff "
                    + Numbers.hex(shoff) + " runs past the end of the data (" + Numbers.hex(length) + ")");
        }
        return Integer.toUnsignedLong(b.getInt((int) shoff + c.shInfoAt()));
    }

    private static ProgramHeader programHeader(ByteBuffer b, ElfClass c, int at) {
        long type = Integer.toUnsignedLong(b.getInt(at));
        if (c.is64()) {
            return new ProgramHeader(type, Integer.toUnsignedLong(b.getInt(at + 4)), b.getLong(at + 8),
                    b.getLong(at + 16), b.getLong(at + 24), b.getLong(at + 32), b.getLong(at + 40),
                    b.getLong(at + 48));
        }
        return new ProgramHeader(type, u32(b, at + 24), u32(b, at + 4), u32(b, at + 8), u32(b, at + 12),
                u32(b, at + 16), u32(b, at + 20), u32(b, at + 28));
    }

    private static long word(ByteBuffer b, ElfClass c, int at) {
        return c.is64() ? b.getLong(at) : u32(b, at);
    }

    private static long u32(ByteBuffer b, int at) {
        return Integer.toUnsignedLong(b.getInt(at));
    }

    private static int u16(ByteBuffer b, int at) {
        return Short.toUnsignedInt(b.getShort(at));
    }

    private static ElfException truncated(long offset, int needed, int have, String what) {
        return ElfException.at(ElfException.Kind.TRUNCATED, offset, what + " needs " + Numbers.hex(needed)
                + " bytes but the data has only " + Numbers.hex(have));
    }
}
