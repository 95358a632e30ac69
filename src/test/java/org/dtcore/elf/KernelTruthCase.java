package org.dtcore.elf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;

/**
 * One recorded real kdump from ../shared/kernel-truth/ (its README): the inputs the kernel used, read
 * by hand from the case's text files, and the header it built. The load ranges are taken off
 * elfcorehdr-phdrs.txt's RAM rows here; deriving them from the device tree is the crash layer's job.
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

    static KernelTruthCase arm64() {
        Path dir = ROOT.resolve("arm64-virt-2g");
        Map<String, Long> sym = systemMap(dir);
        long physOffset = hex(vmcoreinfoNote(dir, "NUMBER(PHYS_OFFSET)"));
        // SPEC §9 arm64 kernel map: paddr = "Kernel code" start − (_stext − _text)
        long textPhys = iomemStart(dir, "Kernel code") - (sym.get("_stext") - sym.get("_text"));
        KernelText text = new KernelText(sym.get("_text"), textPhys, sym.get("_end") - sym.get("_text"));
        return load("arm64-virt-2g", Arch.ARM64, text, ARM64_PAGE_OFFSET_48, physOffset, true, OptionalLong.empty());
    }

    static KernelTruthCase ppc64le() {
        // README: the backup copy of the first 64 KiB sits at 0x207e0000, an input the tree cannot give
        return load("ppc64le-pseries-4g", Arch.PPC64, null, PPC64_PAGE_OFFSET, 0, false, OptionalLong.of(0x207e0000L));
    }

    static KernelTruthCase riscv64() {
        Path dir = ROOT.resolve("riscv64-virt-2g");
        Map<String, Long> sym = systemMap(dir);
        long textPhys = iomemStart(dir, "Kernel code") - (sym.get("_stext") - sym.get("_text"));
        KernelText text = new KernelText(sym.get("_text"), textPhys, sym.get("_end") - sym.get("_text"));
        // SPEC §9 riscv64: phys_ram_base is the lowest System RAM address
        long physRamBase = iomemStart(dir, "System RAM");
        return load("riscv64-virt-2g", Arch.RISCV64, text, RISCV64_SV57_PAGE_OFFSET, physRamBase, true,
                OptionalLong.empty());
    }

    static List<KernelTruthCase> all() {
        return List.of(arm64(), ppc64le(), riscv64());
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
        CrashContext ctx = new CrashContext(cpus, hex(vmci[0]), hex(vmci[1]), text, linearBase, physOffset, pageSize,
                0, List.of());
        int segmentSize = Integer.parseInt(lines(dir.resolve("elfcorehdr-addr.txt")).get(0).split("\\s+")[1]);
        return new KernelTruthCase(name, arch, ctx, KernelTruthSysroot.ramRows(dir, kernelMap), kernelMap, backup,
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
