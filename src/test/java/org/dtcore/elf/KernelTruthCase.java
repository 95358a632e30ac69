package org.dtcore.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.RecordedPhdrs;

/**
 * One recorded real kdump from ../shared/kernel-truth/ (its README): the inputs the kernel used, read
 * by hand from the case's text files, and the header it built. The RAM ranges are the answer's own
 * (elfcorehdr-phdrs.txt's RAM PT_LOADs, {@link RecordedPhdrs}), so what uses this case tests the encoder given
 * the kernel's ranges; deriving them from the inputs is kdump/KernelTruthRangesTest's check.
 */
record KernelTruthCase(String name, Arch arch, CrashContext context, List<MemoryRange> ranges, boolean kernelMap,
                       OptionalLong backupOffset, byte[] expectedHeader, int segmentSize) {

    static final Path ROOT = Path.of("..", "shared", "kernel-truth");

    /** SPEC §9: arm64 PAGE_OFFSET = −2^VA_BITS. */
    static final long ARM64_PAGE_OFFSET_48 = 0xffff_0000_0000_0000L;
    /** SPEC §9: ppc64's linear map starts at 0xc000000000000000 with physical 0. */
    static final long PPC64_PAGE_OFFSET = 0xc000_0000_0000_0000L;
    /** SPEC §9: riscv64 sv57 PAGE_OFFSET, seen on QEMU virt; riscv's vmcoreinfo does not carry it. */
    static final long RISCV64_SV57_PAGE_OFFSET = 0xff60_0000_0000_0000L;

    /** SPEC §9: x86_64's page_offset_base without KASLR (README: vaddr = paddr + 0xffff888000000000). */
    static final long X86_64_PAGE_OFFSET = 0xffff_8880_0000_0000L;

    static KernelTruthCase arm64() {
        return of(ROOT.resolve("arm64-virt-2g"));
    }

    static KernelTruthCase ppc64le() {
        return of(ROOT.resolve("ppc64le-pseries-4g"));
    }

    /** Every kernel-built case (the -kexec-tools ones are kexec-tools mode's), Linux 6.1 and 6.12. */
    static List<KernelTruthCase> all() {
        return KernelTruthSysroot.caseDirs().stream().filter(d -> !Files.exists(d.resolve("kexec-load.log")))
                .map(KernelTruthCase::of).toList();
    }

    /**
     * The inputs read by hand from the case's files. Kernel text: vaddr _text, size _end − _text, paddr
     * __pa_symbol(_text). On arm64 that is _text − kimage_voffset (arch/arm64/include/asm/memory.h
     * __kimg_to_phys(), the vmcoreinfo's NUMBER(kimage_voffset)), whatever the release makes /proc/iomem's
     * "Kernel code" start at; x86_64 (arch/x86/kernel/setup.c code_resource) and riscv64
     * (arch/riscv/kernel/setup.c init_resources()) start "Kernel code" at __pa_symbol(_text) in every release.
     */
    static KernelTruthCase of(Path dir) {
        Arch arch = KernelTruthSysroot.archOf(dir);
        KernelText text = null;
        if (arch != Arch.PPC64) {
            Map<String, Long> sym = systemMap(dir);
            long paddr = arch == Arch.ARM64 ? sym.get("_text") - hex(vmcoreinfoNote(dir, "NUMBER(kimage_voffset)"))
                    : iomemStart(dir, "Kernel code");
            text = new KernelText(sym.get("_text"), paddr, sym.get("_end") - sym.get("_text"));
        }
        String name = dir.getFileName().toString();
        return switch (arch) {
            // SPEC §9: PAGE_OFFSET = −2^VA_BITS, both numbers in the note
            case ARM64 -> load(name, arch, text, -(1L << Long.parseLong(vmcoreinfoNote(dir, "NUMBER(VA_BITS)"))),
                    hex(vmcoreinfoNote(dir, "NUMBER(PHYS_OFFSET)")), true, OptionalLong.empty());
            // README: the backup copy of the first 64 KiB is an input the tree cannot give
            case PPC64 -> load(name, arch, null, PPC64_PAGE_OFFSET, 0, false,
                    KernelTruthSysroot.backupOffset(dir));
            case RISCV64 -> load(name, arch, text, riscvPageOffset(dir), riscvPhysRamBase(dir), true,
                    OptionalLong.empty());
            // SPEC §9: page_offset_base without KASLR (KERNELOFFSET=0); 5-level paging moves it
            case X86_64 -> load(name, arch, text, "1".equals(optionalNote(dir, "NUMBER(pgtable_l5_enabled)"))
                    ? X86_64_L5_PAGE_OFFSET : X86_64_PAGE_OFFSET, 0, true, OptionalLong.empty());
            default -> throw new AssertionError(dir + ": " + arch);
        };
    }

    /** x86_64's page_offset_base with 5-level paging and no KASLR (arch/x86/include/asm/page_64_types.h). */
    static final long X86_64_L5_PAGE_OFFSET = 0xff11_0000_0000_0000L;

    /**
     * riscv64 PAGE_OFFSET: the note's NUMBER(PAGE_OFFSET) (6.12 on); else its VA_BITS by
     * arch/riscv/include/asm/page.h; 6.1's note has neither, and 6.1's set_satp_mode() takes sv57 when the
     * CPU has it, as QEMU's default does (README).
     */
    private static long riscvPageOffset(Path dir) {
        String base = optionalNote(dir, "NUMBER(PAGE_OFFSET)");
        if (base != null) {
            return hex(base);
        }
        String bits = optionalNote(dir, "NUMBER(VA_BITS)");
        return bits == null || bits.equals("57") ? RISCV64_SV57_PAGE_OFFSET
                : bits.equals("48") ? 0xffff_af80_0000_0000L : 0xffff_ffd6_0000_0000L;
    }

    /** SPEC §9 riscv64: NUMBER(phys_ram_base) (decimal, 6.12 on), else the lowest System RAM (6.1). */
    private static long riscvPhysRamBase(Path dir) {
        String v = optionalNote(dir, "NUMBER(phys_ram_base)");
        return v != null ? Long.parseLong(v) : iomemStart(dir, "System RAM");
    }

    private static KernelTruthCase load(String name, Arch arch, KernelText text, long linearBase, long physOffset,
                                        boolean kernelMap, OptionalLong backup) {
        Path dir = ROOT.resolve(name);
        List<CpuNote> cpus = new ArrayList<>();
        for (String line : lines(dir.resolve("crash_notes.tsv"))) {
            String[] f = line.split("\t");
            cpus.add(new CpuNote(Integer.parseInt(f[0]), hex(f[1]), Long.parseLong(f[2])));
        }
        // /sys/kernel/vmcoreinfo: "address size", both hex ("1024" is 0x1024)
        String[] vmci = lines(dir.resolve("vmcoreinfo.txt")).get(0).trim().split("\\s+");
        long pageSize = Long.parseLong(vmcoreinfoNote(dir, "PAGESIZE"));
        CrashContext ctx = new CrashContext(cpus, hex(vmci[0]), hex(vmci[1]), Optional.ofNullable(text), linearBase, physOffset, pageSize,
                0, List.of());
        // README: the kernel's buffer is 4096 bytes (ALIGN(.., 4096)); elfcorehdr-addr.txt's size is the
        // segment, which on x86_64 and powerpc is only how much the recorder read back
        int segmentSize = (bytes(dir.resolve("elfcorehdr.bin")).length + 4095) & ~4095;
        return new KernelTruthCase(name, arch, ctx, RecordedPhdrs.of(dir).ramLoads(kernelMap), kernelMap, backup,
                bytes(dir.resolve("elfcorehdr.bin")), segmentSize);
    }

    private static Map<String, Long> systemMap(Path dir) {
        Map<String, Long> sym = new TreeMap<>();
        for (String line : lines(dir.resolve("system-map.txt"))) {
            String[] f = line.trim().split("\\s+");
            sym.put(f[2], hex(f[0]));
        }
        return sym;
    }

    private static long iomemStart(Path dir, String name) {
        for (String line : lines(dir.resolve("iomem.txt"))) {
            String[] f = line.trim().split("\\s*:\\s*", 2);
            if (f.length == 2 && f[1].equals(name)) {
                return hex(f[0].split("-")[0]);
            }
        }
        throw new AssertionError(dir + "/iomem.txt has no " + name);
    }

    private static String optionalNote(Path dir, String key) {
        for (String line : lines(dir.resolve("vmcoreinfo-note.txt"))) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        return null;
    }

    private static String vmcoreinfoNote(Path dir, String key) {
        for (String line : lines(dir.resolve("vmcoreinfo-note.txt"))) {
            if (line.startsWith(key + "=")) {
                return line.substring(key.length() + 1).trim();
            }
        }
        throw new AssertionError(dir + "/vmcoreinfo-note.txt has no " + key);
    }

    static long hex(String s) {
        return Long.parseUnsignedLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    EncodedCoreHeader build() {
        return CoreHeaderBuilder.kernel(arch, context, ranges, kernelMap, backupOffset);
    }

    @Override
    public String toString() {
        return name;
    }
}
