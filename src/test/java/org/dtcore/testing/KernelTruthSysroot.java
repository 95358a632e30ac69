package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * A system root (SPEC §10) rebuilt from one recorded real kdump in ../shared/kernel-truth/ (its README):
 * the files a running kernel shows under /sys and /proc, laid out as {@code SystemRoot} reads them, plus the
 * header the kernel built from them and the RAM rows it covered.
 *
 * <pre>
 * sys/firmware/fdt                        booted.dtb
 * proc/iomem, proc/cmdline                iomem.txt, cmdline.txt
 * proc/kallsyms                           system-map.txt (same line format)
 * sys/kernel/vmcoreinfo                   vmcoreinfo.txt
 * sys/devices/system/cpu/cpuN/crash_notes "%llx\n" and crash_notes_size "%zu\n", from crash_notes.tsv
 * proc/device-tree/chosen/linux,crashkernel-base, -size   powerpc only, from devicetree-live.dts
 * </pre>
 */
public record KernelTruthSysroot(String name, Arch arch, Path caseDir, Path root) {
    public static final Path TRUTH = Path.of("..", "shared", "kernel-truth");
    public static final String ARM64 = "arm64-virt-2g";
    public static final String PPC64 = "ppc64le-pseries-4g";
    public static final String RISCV64 = "riscv64-virt-2g";

    public static List<String> names() {
        return List.of(ARM64, PPC64, RISCV64);
    }

    public static Arch archOf(String name) {
        return switch (name) {
            case ARM64 -> Arch.ARM64;
            case PPC64 -> Arch.PPC64;
            case RISCV64 -> Arch.RISCV64;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** Lays the case's files out under {@code parent}/{@code name}/ and returns the root. */
    public static KernelTruthSysroot build(String name, Path parent) {
        Path dir = TRUTH.resolve(name);
        Path root = parent.resolve(name);
        try {
            copy(dir.resolve("booted.dtb"), root.resolve("sys/firmware/fdt"));
            copy(dir.resolve("iomem.txt"), root.resolve("proc/iomem"));
            copy(dir.resolve("cmdline.txt"), root.resolve("proc/cmdline"));
            copy(dir.resolve("system-map.txt"), root.resolve("proc/kallsyms"));
            copy(dir.resolve("vmcoreinfo.txt"), root.resolve("sys/kernel/vmcoreinfo"));
            for (String line : lines(dir.resolve("crash_notes.tsv"))) {
                String[] f = line.split("\t");
                Path cpu = root.resolve("sys/devices/system/cpu/cpu" + f[0]);
                write(cpu.resolve("crash_notes"), f[1] + "\n");
                write(cpu.resolve("crash_notes_size"), f[2] + "\n");
            }
            if (archOf(name) == Arch.PPC64) {
                Path chosen = root.resolve("proc/device-tree/chosen");
                for (String prop : List.of("linux,crashkernel-base", "linux,crashkernel-size")) {
                    Files.createDirectories(chosen);
                    Files.write(chosen.resolve(prop), ByteBuffer.allocate(8).putLong(dtsU64(dir, prop)).array());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KernelTruthSysroot(name, archOf(name), dir, root);
    }

    /** The kernel's System.map excerpt (_text, _stext, _end ...). */
    public Path systemMap() {
        return caseDir.resolve("system-map.txt");
    }

    /** The VMCOREINFO text (VA_BITS, PHYS_OFFSET, PAGESIZE ...). */
    public Path vmcoreinfoNote() {
        return caseDir.resolve("vmcoreinfo-note.txt");
    }

    /** SPEC §8: every architecture but powerpc writes the kernel-map PT_LOAD. */
    public boolean kernelMap() {
        return arch != Arch.PPC64;
    }

    /** README: powerpc's copy of the first 64 KiB sits at 0x207e0000, an input the tree cannot give. */
    public OptionalLong backupOffset() {
        return arch == Arch.PPC64 ? OptionalLong.of(0x207e_0000L) : OptionalLong.empty();
    }

    /** The PT_LOAD rows of elfcorehdr-phdrs.txt that map RAM (all but the kernel map), in header order. */
    public List<MemoryRange> ramRanges() {
        return ramRows(caseDir, kernelMap());
    }

    /** The RAM PT_LOAD rows of a case folder's elfcorehdr-phdrs.txt; the first LOAD is skipped when it is the kernel map. */
    public static List<MemoryRange> ramRows(Path caseDir, boolean kernelMap) {
        List<MemoryRange> ranges = new ArrayList<>();
        boolean skip = kernelMap;
        for (String line : lines(caseDir.resolve("elfcorehdr-phdrs.txt"))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 9 || !f[1].equals("LOAD")) {
                continue;
            }
            if (skip) {
                skip = false;
                continue;
            }
            // columns: # type flags offset vaddr paddr filesz memsz align paddr-end
            ranges.add(MemoryRange.ofSize(hex(f[5]), hex(f[6]), caseDir + " row " + f[0]));
        }
        return ranges;
    }

    /** The segment the kernel reserved: elfcorehdr.bin, then zeros to elfcorehdr-addr.txt's size. */
    public byte[] expectedSegment() {
        try {
            int size = Integer.parseInt(lines(caseDir.resolve("elfcorehdr-addr.txt")).get(0).split("\\s+")[1]);
            return Arrays.copyOf(Files.readAllBytes(caseDir.resolve("elfcorehdr.bin")), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long dtsU64(Path dir, String property) {
        Pattern p = Pattern.compile("\\s*" + Pattern.quote(property) + " = <0x([0-9a-f]+) 0x([0-9a-f]+)>;");
        for (String line : lines(dir.resolve("devicetree-live.dts"))) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                return (Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16);
            }
        }
        throw new AssertionError(dir + "/devicetree-live.dts has no two-cell " + property);
    }

    private static long hex(String s) {
        return Long.parseUnsignedLong(s.startsWith("0x") ? s.substring(2) : s, 16);
    }

    static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
