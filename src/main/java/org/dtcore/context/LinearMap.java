package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_VALUE;

import java.util.List;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.KernelVersion;
import org.dtcore.text.Numbers;

/**
 * The linear map of SPEC §9 as {@code vaddr = base + (paddr − physOffset)}, with each architecture's
 * default when the sources do not give it. Every default that can be wrong on some machine is named in a
 * warning with its override.
 *
 * @param base       PAGE_OFFSET (x86_64: page_offset_base)
 * @param physOffset physical address mapped at {@code base}
 */
record LinearMap(long base, long physOffset) {
    /** SPEC §9: ppc64's linear map starts at 0xc000000000000000 with physical 0 (a kernel constant). */
    public static final long PPC64_PAGE_OFFSET = 0xc000_0000_0000_0000L;
    /** SPEC §9: x86_64 page_offset_base without KASLR (CONFIG_RANDOMIZE_MEMORY moves it). */
    public static final long X86_64_PAGE_OFFSET = 0xffff_8880_0000_0000L;
    /** riscv64 PAGE_OFFSET per MMU mode; sv57 is what QEMU's default CPU runs (kernel-truth riscv64 case). */
    public static final long RISCV64_SV57_PAGE_OFFSET = 0xff60_0000_0000_0000L;
    public static final long RISCV64_SV48_PAGE_OFFSET = 0xffff_af80_0000_0000L;
    /** sv39 as Linux 6.12 and 7.3 have it; 6.1's is 0xffffffd800000000 ({@link KernelVersion#riscvSv39PageOffset()}). */
    public static final long RISCV64_SV39_PAGE_OFFSET = 0xffff_ffd6_0000_0000L;
    /** loongarch64: the cached direct-mapped window (DMW) the kernel's linear map uses. */
    public static final long LOONGARCH64_PAGE_OFFSET = 0x9000_0000_0000_0000L;
    /** 32-bit arm and powerpc with the usual 3G/1G split. */
    public static final long SPLIT_3G_PAGE_OFFSET = 0xc000_0000L;
    /** arm64 default when VA_BITS is not given (SPEC §9: 0xffff000000000000). */
    public static final int ARM64_DEFAULT_VA_BITS = 48;
    /** arm64 memstart_addr alignment (ARM64_MEMSTART_ALIGN) with 4 KiB pages. */
    public static final long ARM64_MEMSTART_ALIGN = 1L << 30;

    /** The map for {@code arch} from what {@code given} says, defaults named in {@code warnings}. */
    static LinearMap resolve(Arch arch, PartialContext given, MachineFacts facts, List<ContextWarning> warnings) {
        Long base = given.linearMapBase();
        Long offset = given.physOffset();
        switch (arch) {
            case ARM64 -> {
                if (base == null) {
                    base = arm64PageOffset(given.vaBits(), warnings);
                }
                if (offset == null) {
                    long low = lowestRam(arch, facts, "PHYS_OFFSET");
                    offset = low & -ARM64_MEMSTART_ALIGN;
                    // KernelVersion#arm64LinearMapRandomized: up to 6.12 KASLR may lower memstart_addr
                    boolean random = facts.kernel().orElse(KernelVersion.NEWEST).arm64LinearMapRandomized();
                    note(warnings, "arm64 PHYS_OFFSET: " + Numbers.hex(offset) + ", the lowest RAM (from "
                            + facts.lowestRamSource() + ") rounded down to 1 GiB (memstart_addr with 4 KiB pages;"
                            + (random ? " KASLR can move it" : " KASLR no longer moves it from Linux 7.3")
                            + "); override with ", Given.PHYS_OFFSET, " or a vmcoreinfo note (NUMBER(PHYS_OFFSET))");
                }
            }
            case RISCV64 -> {
                if (base == null) {
                    base = riscvPageOffset(given.vaBits(), facts, warnings);
                }
                if (offset == null) {
                    // SPEC §9: phys_ram_base is the lowest RAM address the kernel uses
                    offset = lowestRam(arch, facts, "phys_ram_base");
                    if (!facts.lowestRamSource().equals(Iomem.SOURCE)) {
                        note(warnings, "riscv64 phys_ram_base: " + Numbers.hex(offset) + ", the lowest RAM of "
                                + facts.lowestRamSource() + " (the kernel of 6.1 drops RAM below its load address;"
                                + " /proc/iomem says what it kept); override with ", Given.PHYS_OFFSET);
                    }
                }
            }
            case X86_64 -> {
                if (base == null) {
                    base = X86_64_PAGE_OFFSET;
                    note(warnings, "x86_64 linear map base: 0xffff888000000000 (page_offset_base without KASLR;"
                            + " CONFIG_RANDOMIZE_MEMORY moves it, 5-level paging uses 0xff11000000000000);"
                            + " override with ", Given.LINEAR_MAP_BASE);
                }
                offset = offset == null ? 0 : offset;
            }
            case PPC64 -> {
                base = base == null ? PPC64_PAGE_OFFSET : base;
                offset = offset == null ? 0 : offset;
            }
            case LOONGARCH64 -> {
                if (base == null) {
                    base = LOONGARCH64_PAGE_OFFSET;
                    note(warnings, "loongarch64 linear map base: 0x9000000000000000 (the cached DMW window; not yet"
                            + " checked against a recorded kernel); override with ", Given.LINEAR_MAP_BASE);
                }
                offset = offset == null ? 0 : offset;
            }
            case ARM, PPC -> {
                if (base == null) {
                    base = SPLIT_3G_PAGE_OFFSET;
                    note(warnings, arch + " linear map base: 0xc0000000 (PAGE_OFFSET with the 3G/1G split);"
                            + " override with ", Given.LINEAR_MAP_BASE);
                }
                if (offset == null) {
                    offset = arch == Arch.PPC ? 0 : lowestRam(arch, facts, "PHYS_OFFSET");
                    if (arch == Arch.ARM) {
                        note(warnings, "arm PHYS_OFFSET: " + Numbers.hex(offset) + ", the lowest RAM (from "
                                + facts.lowestRamSource() + "); override with ", Given.PHYS_OFFSET);
                    }
                }
            }
            default -> throw new ContextException(BAD_VALUE, "", "no linear-map rule for " + arch);
        }
        return new LinearMap(base, offset);
    }

    /** SPEC §9: arm64 PAGE_OFFSET = −2^VA_BITS (Linux 5.4 and later). */
    private static long arm64PageOffset(Integer vaBits, List<ContextWarning> warnings) {
        int bits = vaBits == null ? ARM64_DEFAULT_VA_BITS : vaBits;
        if (bits < 36 || bits > 52) {
            throw new ContextException(BAD_VALUE, "", "arm64 VA_BITS " + bits + " is outside 36..52");
        }
        if (vaBits == null) {
            note(warnings, "arm64 VA_BITS: 48 (PAGE_OFFSET 0xffff000000000000); override with ", Given.VA_BITS, ", ",
                    Given.LINEAR_MAP_BASE, " or a vmcoreinfo note (NUMBER(VA_BITS))");
        }
        return -(1L << bits);
    }

    /**
     * SPEC §9: riscv64 PAGE_OFFSET per MMU mode (arch/riscv/include/asm/page.h): sv57 and sv48 the same in
     * every modelled release, sv39 by the release ({@link KernelVersion#riscvSv39PageOffset()}). Without
     * VA_BITS, the mode the tree lets the kernel pick ({@link RiscvMmuMode}), named in a warning.
     */
    private static long riscvPageOffset(Integer vaBits, MachineFacts facts, List<ContextWarning> warnings) {
        KernelVersion kernel = facts.kernel().orElse(KernelVersion.NEWEST);
        int bits;
        if (vaBits != null) {
            bits = vaBits;
        } else {
            RiscvMmuMode mode = facts.riscvMmuMode();
            bits = mode.vaBits();
            note(warnings, "riscv64 linear map base: " + Numbers.hex(riscvPageOffset(bits, kernel)) + " (sv" + bits
                    + ": " + mode.why() + ", as set_satp_mode() of " + kernel.modelled() + " reads it, if the"
                    + " hardware has the mode); override with ", Given.LINEAR_MAP_BASE, " or ", Given.VA_BITS);
        }
        return switch (bits) {
            case 57, 48, 39 -> riscvPageOffset(bits, kernel);
            default -> throw new ContextException(BAD_VALUE, "",
                    "riscv64 VA_BITS " + bits + " is none of 39, 48, 57");
        };
    }

    private static long riscvPageOffset(int bits, KernelVersion kernel) {
        return switch (bits) {
            case 57 -> RISCV64_SV57_PAGE_OFFSET;
            case 48 -> RISCV64_SV48_PAGE_OFFSET;
            default -> kernel.riscvSv39PageOffset();
        };
    }

    private static long lowestRam(Arch arch, MachineFacts facts, String what) {
        if (facts.lowestRam().isEmpty()) {
            throw new ContextException(BAD_VALUE, "", Wording.of(arch + " " + what + " unknown: no RAM to derive it"
                    + " from (no /proc/iomem and no device tree); give ", Given.PHYS_OFFSET));
        }
        return facts.lowestRam().getAsLong();
    }

    /** Every default this class relies on concerns the linear map only. */
    private static void note(List<ContextWarning> warnings, Object... text) {
        warnings.add(new ContextWarning(ContextWarning.Kind.LINEAR_MAP, Wording.of(text)));
    }
}
