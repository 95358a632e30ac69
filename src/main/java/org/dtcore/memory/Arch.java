package org.dtcore.memory;

import java.util.Locale;

/**
 * Architectures whose memory rules differ (SPEC §3.5, §8, §9). The default page size is the common
 * kernel configuration; it is an input everywhere it matters.
 */
public enum Arch {
    ARM64("arm64", 4096, true, 2048),
    ARM("arm", 4096, false, 1024),
    PPC64("ppc64", 65536, true, 2048),
    PPC("ppc", 4096, false, 2048),
    RISCV64("riscv64", 4096, true, 1024),
    X86_64("x86_64", 4096, true, 2048),
    LOONGARCH64("loongarch64", 16384, true, 512); // asm-generic: no setup.h of its own

    /** include/uapi/asm-generic/setup.h's COMMAND_LINE_SIZE, for architectures without their own. */
    public static final int GENERIC_COMMAND_LINE_SIZE = 512;

    private final String cliName;
    private final long defaultPageSize;
    private final boolean is64Bit;
    private final int commandLineSize;

    Arch(String cliName, long defaultPageSize, boolean is64Bit, int commandLineSize) {
        this.cliName = cliName;
        this.defaultPageSize = defaultPageSize;
        this.is64Bit = is64Bit;
        this.commandLineSize = commandLineSize;
    }

    /**
     * COMMAND_LINE_SIZE, the room for the kernel command line including its NUL (arch/{arm64,riscv,powerpc,
     * arm}/include/uapi/asm/setup.h, arch/x86/include/asm/setup.h; the same in Linux 6.1 and 6.12).
     */
    public int commandLineSize() {
        return commandLineSize;
    }

    public String cliName() {
        return cliName;
    }

    public long defaultPageSize() {
        return defaultPageSize;
    }

    public boolean is64Bit() {
        return is64Bit;
    }

    public boolean isPowerPc() {
        return this == PPC64 || this == PPC;
    }

    /** Parses "arm64", "aarch64", "ppc64", "ppc64le", "powerpc", "riscv64", "x86_64", "loongarch64", ... */
    public static Arch parse(String s) {
        switch (s.toLowerCase(Locale.ROOT)) {
            case "arm64": case "aarch64": return ARM64;
            case "arm": case "arm32": return ARM;
            case "ppc64": case "ppc64le": case "powerpc64": case "powerpc64le": return PPC64;
            case "ppc": case "ppc32": case "powerpc": return PPC;
            case "riscv64": case "riscv": return RISCV64;
            case "x86_64": case "x86-64": case "amd64": case "x86": return X86_64;
            case "loongarch64": case "loongarch": return LOONGARCH64;
            default:
                throw new IllegalArgumentException("unknown architecture '" + s
                        + "' (one of arm64, arm, ppc64, ppc, riscv64, x86_64, loongarch64)");
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
