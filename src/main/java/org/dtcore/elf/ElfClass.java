package org.dtcore.elf;

/**
 * Where the fields of the ELF header, program header and section header sit for each class (ELF
 * specification; Linux include/uapi/linux/elf.h). The builder and the reader share this one table.
 */
enum ElfClass {
    ELF32(32, 1, 52, 32, 40),
    ELF64(64, 2, 64, 56, 64);

    // e_ident indices and values
    static final int EI_CLASS = 4;
    static final int EI_DATA = 5;
    static final int EI_VERSION = 6;
    static final int EI_OSABI = 7;
    static final int EI_NIDENT = 16;
    static final int ELFDATA2LSB = 1;
    static final int ELFDATA2MSB = 2;
    static final int EV_CURRENT = 1;

    final int bits;
    final int identClass;
    final int ehsize;
    final int phentsize;
    final int shentsize;

    ElfClass(int bits, int identClass, int ehsize, int phentsize, int shentsize) {
        this.bits = bits;
        this.identClass = identClass;
        this.ehsize = ehsize;
        this.phentsize = phentsize;
        this.shentsize = shentsize;
    }

    static ElfClass ofBits(int bits) {
        switch (bits) {
            case 32: return ELF32;
            case 64: return ELF64;
            default: throw ElfException.of(ElfException.Kind.BAD_INPUT, "ELF class must be 32 or 64, not " + bits);
        }
    }

    boolean is64() {
        return this == ELF64;
    }

    /** Width in bytes of an address or offset field (Elf32_Addr / Elf64_Addr). */
    int word() {
        return is64() ? 8 : 4;
    }

    // Ehdr fields after e_ident, e_type (16), e_machine (18), e_version (20) and e_entry (24).
    int phoffAt() {
        return is64() ? 32 : 28;
    }

    int shoffAt() {
        return is64() ? 40 : 32;
    }

    int flagsAt() {
        return is64() ? 48 : 36;
    }

    /** e_ehsize; e_phentsize, e_phnum, e_shentsize, e_shnum, e_shstrndx follow at 2-byte steps. */
    int ehsizeAt() {
        return is64() ? 52 : 40;
    }

    int phnumAt() {
        return ehsizeAt() + 4;
    }

    /** Offset of sh_info in a section header: where PN_XNUM keeps the real program header count. */
    int shInfoAt() {
        return is64() ? 44 : 28;
    }
}
