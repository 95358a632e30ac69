package org.dtcore.elf;

import org.dtcore.text.Numbers;

/**
 * One program header, in the ELF64 field set (ELF32's narrower fields widen without loss). Every field is
 * unsigned (SPEC §0): compare with {@link Long#compareUnsigned}.
 *
 * @param type   p_type ({@link #PT_LOAD}, {@link #PT_NOTE}, or whatever a header read holds)
 * @param flags  p_flags
 * @param offset p_offset: in a core header built for kdump, the physical address the capture kernel reads
 *               the segment from
 * @param vaddr  p_vaddr
 * @param paddr  p_paddr
 * @param filesz p_filesz in bytes
 * @param memsz  p_memsz in bytes
 * @param align  p_align
 */
public record ProgramHeader(long type, long flags, long offset, long vaddr, long paddr, long filesz, long memsz,
                            long align) {

    /** p_type of an unused entry. */
    public static final long PT_NULL = 0;
    /** p_type of a memory segment: each range of the dump, and the kernel map. */
    public static final long PT_LOAD = 1;
    /** p_type of a note: each CPU's crash note and the vmcoreinfo note. */
    public static final long PT_NOTE = 4;

    /** PF_R | PF_W | PF_X: what both the kernel and kexec-tools put on every PT_LOAD (SPEC §9). */
    public static final long PF_RWX = 7;

    /**
     * A PT_NOTE as both builders write it: offset = paddr = address, vaddr 0, flags 0, align 0 (SPEC §9).
     *
     * @param address the note's physical address
     * @param size    its size in bytes (filesz = memsz)
     * @return the program header
     */
    public static ProgramHeader note(long address, long size) {
        return new ProgramHeader(PT_NOTE, 0, address, 0, address, size, size, 0);
    }

    /**
     * A PT_LOAD as both builders write it: RWX, filesz = memsz, align 0 (SPEC §9).
     *
     * @param offset p_offset: the physical address the segment is read from (the backup copy's for the
     *               backed-up range)
     * @param vaddr  p_vaddr (the linear-map or kernel-map address; −1 for none in kexec-tools' lowmem rule)
     * @param paddr  p_paddr
     * @param size   the segment's size in bytes (filesz = memsz)
     * @return the program header
     */

    public static ProgramHeader load(long offset, long vaddr, long paddr, long size) {
        return new ProgramHeader(PT_LOAD, PF_RWX, offset, vaddr, paddr, size, size, 0);
    }

    @Override
    public String toString() {
        return (type == PT_LOAD ? "LOAD" : type == PT_NOTE ? "NOTE" : "type " + Long.toUnsignedString(type))
                + " flags=" + Numbers.plainHex(flags, 1) + " offset=" + Numbers.hex(offset) + " vaddr="
                + Numbers.hex(vaddr) + " paddr=" + Numbers.hex(paddr) + " filesz=" + Numbers.hex(filesz) + " memsz="
                + Numbers.hex(memsz) + " align=" + Numbers.hex(align);
    }
}
