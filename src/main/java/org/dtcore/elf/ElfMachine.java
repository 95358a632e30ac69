package org.dtcore.elf;

import org.dtcore.memory.Arch;

/** e_machine of each architecture (SPEC §9; Linux include/uapi/linux/elf-em.h). */
final class ElfMachine {
    public static final int EM_386 = 3;
    public static final int EM_PPC = 20;
    public static final int EM_PPC64 = 21;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    private ElfMachine() {
    }

    public static int of(Arch arch) {
        switch (arch) {
            case ARM64: return EM_AARCH64;
            case ARM: return EM_ARM;
            case PPC64: return EM_PPC64;
            case PPC: return EM_PPC;
            case RISCV64: return EM_RISCV;
            case X86_64: return EM_X86_64;
            case LOONGARCH64: return EM_LOONGARCH;
            default: throw new IllegalStateException("no e_machine for " + arch);
        }
    }
}
