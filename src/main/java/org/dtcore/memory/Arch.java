package org.dtcore.memory;

import java.util.List;
import java.util.Locale;

/**
 * Architectures whose memory rules differ (SPEC §3.5, §8, §9). The default page size is the common
 * kernel configuration; it is an input everywhere it matters.
 */
public enum Arch {
    // aliases: what uname -m prints for the architecture (UTS_MACHINE in arch/*/Makefile; 32-bit arm's
    // setup_processor() in arch/arm/kernel/setup.c writes cpu_arch_name and the byte order, "armv7l"), and
    // the names distributions and toolchains use (amd64, powerpc64le)
    /** arm64 (aarch64): 64-bit, 4 KiB pages by default. */
    ARM64("arm64", 4096, true, 2048, "aarch64", "aarch64_be"),
    /** 32-bit arm, whatever CPU architecture uname -m names (armv7l ...). */
    ARM("arm", 4096, false, 1024, "arm32", "armv7l"),
    /** 64-bit powerpc, either byte order: 64 KiB pages by default (the distributions' choice). */
    PPC64("ppc64", 65536, true, 2048, "ppc64le", "powerpc64", "powerpc64le"),
    /** 32-bit powerpc. */
    PPC("ppc", 4096, false, 2048, "ppc32"),
    /** 64-bit RISC-V. */
    RISCV64("riscv64", 4096, true, 1024),
    /** x86_64 (amd64). */
    X86_64("x86_64", 4096, true, 2048, "amd64", "x86-64"),
    /** 64-bit LoongArch: 16 KiB pages by default. */
    LOONGARCH64("loongarch64", 16384, true, 512); // asm-generic: no setup.h of its own

    /** include/uapi/asm-generic/setup.h's COMMAND_LINE_SIZE, for architectures without their own. */
    public static final int GENERIC_COMMAND_LINE_SIZE = 512;

    private final String cliName;
    private final long defaultPageSize;
    private final boolean is64Bit;
    private final int commandLineSize;
    private final List<String> aliases;

    Arch(String cliName, long defaultPageSize, boolean is64Bit, int commandLineSize, String... aliases) {
        this.cliName = cliName;
        this.defaultPageSize = defaultPageSize;
        this.is64Bit = is64Bit;
        this.commandLineSize = commandLineSize;
        this.aliases = List.of(aliases);
    }

    /**
     * COMMAND_LINE_SIZE, the room for the kernel command line including its NUL (arch/{arm64,riscv,powerpc,
     * arm}/include/uapi/asm/setup.h, arch/x86/include/asm/setup.h; the same in Linux 6.1 and 6.12).
     *
     * @return the size in bytes, the NUL included
     */
    public int commandLineSize() {
        return commandLineSize;
    }

    /**
     * The architecture's own name, as arch/ in the kernel source spells the 64-bit ones.
     *
     * @return the name dtcore prints and takes first ("arm64", "x86_64")
     */
    public String cliName() {
        return cliName;
    }

    /**
     * The page size assumed when nothing says otherwise: the common kernel configuration.
     *
     * @return the page size in bytes
     */
    public long defaultPageSize() {
        return defaultPageSize;
    }

    /**
     * Whether the kernel is a 64-bit one.
     *
     * @return true for a 64-bit architecture (64-bit core headers and addresses)
     */
    public boolean is64Bit() {
        return is64Bit;
    }

    /**
     * Whether the architecture is powerpc, whose memory rules (LMBs, RTAS, OPAL, TCE) are its own.
     *
     * @return true for {@link #PPC64} and {@link #PPC}
     */
    public boolean isPowerPc() {
        return this == PPC64 || this == PPC;
    }

    /**
     * The other names {@link #parse} takes for this architecture, each naming it alone. 32-bit arm also takes
     * every name its kernel's uname -m gives ("armv5tel", "armv6l", "armv7l", "armv7b").
     *
     * @return the aliases, lower case; empty when there are none
     */
    public List<String> aliases() {
        return aliases;
    }

    /**
     * The architecture {@code s} names (any case): {@link #cliName()} or one of its {@link #aliases()}. A
     * kernel source folder's name that builds both a 32-bit and a 64-bit kernel (arch/powerpc, arch/riscv,
     * arch/x86, arch/loongarch) is refused: the two have different rules, and the name does not say which.
     *
     * @param s a name, in any case
     * @return the architecture
     * @throws IllegalArgumentException for a name that is unknown or names both a 32-bit and a 64-bit one
     */
    public static Arch parse(String s) {
        String name = s.toLowerCase(Locale.ROOT);
        for (Arch a : values()) {
            if (a.cliName.equals(name) || a.aliases.contains(name)) {
                return a;
            }
        }
        if (isArm32Machine(name)) {
            return ARM;
        }
        String choices = switch (name) {
            case "powerpc" -> "ppc64 (64-bit) or ppc (32-bit)";
            case "riscv" -> "riscv64 (riscv32 is not modelled)";
            case "x86" -> "x86_64 (32-bit x86 is not modelled)";
            case "loongarch" -> "loongarch64 (loongarch32 is not modelled)";
            default -> null;
        };
        if (choices != null) {
            throw new IllegalArgumentException("'" + s + "' names both a 32-bit and a 64-bit architecture: give "
                    + choices);
        }
        throw new IllegalArgumentException("unknown architecture '" + s + "' (one of " + names() + ")");
    }

    /**
     * arch/arm/kernel/setup.c setup_processor(): a 32-bit arm kernel's uname -m is the CPU's cpu_arch_name
     * (arch/arm/mm/proc-*.S, the same in 6.1, 6.12 and 7.3) and l or b for the byte order. arm64's "armv8l"
     * (COMPAT_UTS_MACHINE, a 32-bit process on a 64-bit kernel) is not one: it names no arm kernel.
     */
    private static boolean isArm32Machine(String name) {
        if (!name.endsWith("l") && !name.endsWith("b")) {
            return false;
        }
        return ARM32_CPU_ARCHES.contains(name.substring(0, name.length() - 1));
    }

    private static final List<String> ARM32_CPU_ARCHES = List.of("armv4", "armv4t", "armv5t", "armv5te", "armv5tej",
            "armv6", "armv7", "armv7m");

    private static String names() {
        StringBuilder b = new StringBuilder();
        for (Arch a : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(a.cliName);
        }
        return b.toString();
    }

    /** {@return {@link #cliName()}} */
    @Override
    public String toString() {
        return cliName;
    }
}
