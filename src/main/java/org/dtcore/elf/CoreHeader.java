package org.dtcore.elf;

import java.nio.ByteOrder;
import java.util.List;

/**
 * An ELF core header as built or read: the ELF header fields and the program headers. Unsigned values
 * are held in longs (SPEC §0).
 *
 * @param elfClass       32 or 64
 * @param byteOrder      little-endian (ELFDATA2LSB) or big-endian (ELFDATA2MSB)
 * @param osAbi          e_ident[EI_OSABI] (0 from both builders)
 * @param type           e_type (4, ET_CORE, from both builders; the reader reports whatever it finds)
 * @param machine        e_machine
 * @param version        e_version
 * @param entry          e_entry
 * @param phoff          e_phoff
 * @param shoff          e_shoff
 * @param eFlags         e_flags
 * @param ehsize         e_ehsize
 * @param phentsize      e_phentsize
 * @param rawPhnum       e_phnum as stored: {@link #PN_XNUM} means the count is in section header 0's sh_info
 * @param shentsize      e_shentsize
 * @param shnum          e_shnum
 * @param shstrndx       e_shstrndx
 * @param programHeaders the program headers in table order
 */
public record CoreHeader(int elfClass, ByteOrder byteOrder, int osAbi, int type, int machine, long version,
                         long entry, long phoff, long shoff, long eFlags, int ehsize, int phentsize, int rawPhnum,
                         int shentsize, int shnum, int shstrndx, List<ProgramHeader> programHeaders) {

    /** e_type of a core file, what both builders write. */
    public static final int ET_CORE = 4;
    /** e_phnum value meaning "too many to count here" (ELF gABI extended numbering). */
    public static final int PN_XNUM = 0xffff;

    /**
     * A header of these fields (the program headers copied).
     *
     * @param elfClass       32 or 64
     * @param byteOrder      the data encoding
     * @param osAbi          e_ident[EI_OSABI]
     * @param type           e_type
     * @param machine        e_machine
     * @param version        e_version
     * @param entry          e_entry
     * @param phoff          e_phoff
     * @param shoff          e_shoff
     * @param eFlags         e_flags
     * @param ehsize         e_ehsize
     * @param phentsize      e_phentsize
     * @param rawPhnum       e_phnum as stored
     * @param shentsize      e_shentsize
     * @param shnum          e_shnum
     * @param shstrndx       e_shstrndx
     * @param programHeaders the program headers in table order
     */
    public CoreHeader {
        programHeaders = List.copyOf(programHeaders);
    }

    /**
     * Whether this is a core file, as /proc/vmcore requires (SPEC §9).
     *
     * @return true when e_type is ET_CORE
     */
    public boolean isCore() {
        return type == ET_CORE;
    }

    /**
     * Whether the program header count is stored outside the ELF header (gABI extended numbering).
     *
     * @return true when e_phnum is PN_XNUM and the count came from section header 0
     */
    public boolean extendedNumbering() {
        return rawPhnum == PN_XNUM;
    }

    /**
     * The number of program headers, whichever way it was stored.
     *
     * @return the size of {@link #programHeaders()}
     */
    public int phnum() {

        return programHeaders.size();
    }
}
