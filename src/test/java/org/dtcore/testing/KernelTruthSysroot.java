package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * A system root (SPEC §10) rebuilt from one recorded real kdump in ../shared/kernel-truth/ (its README):
 * the files a running kernel shows under /sys and /proc, laid out as {@code SystemRoot} reads them, plus the
 * header the kernel built from them and the RAM rows it covered.
 *
 * <pre>
 * sys/firmware/fdt                        booted.dtb (when the case has one; x86_64 has none)
 * proc/iomem, proc/cmdline                iomem.txt, cmdline.txt
 * proc/kallsyms                           kallsyms.txt: the real lines, so _end (and arm64's _text) are missing
 *                                         as on the real system (the System.map is {@link #systemMap()}),
 *                                         plus each symbol a kexec-load.log shows kexec-tools read
 * proc/sys/kernel/osrelease, arch         uname.txt's release and machine fields
 * sys/kernel/vmcoreinfo                   vmcoreinfo.txt
 * sys/devices/system/cpu/cpuN/crash_notes "%llx\n" and crash_notes_size "%zu\n", from crash_notes.tsv
 * proc/device-tree/                       devicetree-live.dts compiled by dtc and laid out as the kernel's
 *                                         folder (a directory per node, a file per property), where the case
 *                                         has it: powerpc's carries linux,crashkernel-base/-size
 * sys/firmware/memmap/N/start, end, type  memmap.txt's lines (x86_64), as drivers/firmware/memmap.c prints
 *                                         them: "0x%llx\n" and the type with a newline, N in line order
 * </pre>
 * Every case folder is enumerated ({@link #caseDirs()}); the layout is all a case needs, so hidden cases
 * with the same files work alike.
 */
public record KernelTruthSysroot(String name, Arch arch, Path caseDir, Path root) {
    public static final Path TRUTH = Path.of("..", "shared", "kernel-truth");
    public static final String ARM64 = "arm64-virt-2g";
    public static final String PPC64 = "ppc64le-pseries-4g";
    public static final String RISCV64 = "riscv64-virt-2g";
    private static final Pattern LOGGED_SYMBOL = Pattern.compile("kernel symbol (\\S+) vaddr = ([0-9a-f]+)");

    /** The three Linux 6.1 kernel cases the older tests name. */
    public static List<String> names() {
        return List.of(ARM64, PPC64, RISCV64);
    }

    /** Every case folder of ../shared/kernel-truth, by name. */
    public static List<Path> caseDirs() {
        try (Stream<Path> s = Files.list(TRUTH)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The real /proc/kallsyms held every symbol; kallsyms.txt keeps five. Where the case has a kexec-load.log,
     * kexec -d printed each symbol it looked up ("kernel symbol __init_begin vaddr = ..."): those lines are put
     * back as kallsyms lines.
     */
    private static String kallsyms(Path caseDir) throws IOException {
        List<String> out = new ArrayList<>(lines(caseDir.resolve("kallsyms.txt")));
        Path log = caseDir.resolve("kexec-load.log");
        if (Files.exists(log)) {
            List<String> listed = out.stream().map(l -> l.trim().split("\\s+")[2]).toList();
            Matcher m = LOGGED_SYMBOL.matcher(Files.readString(log));
            while (m.find()) {
                if (!listed.contains(m.group(1)) && out.stream().noneMatch(l -> l.endsWith(" " + m.group(1)))) {
                    out.add(m.group(2) + " T " + m.group(1));
                }
            }
        }
        return String.join("\n", out) + "\n";
    }

    /** The architecture, from uname.txt's machine field. */
    public static Arch archOf(Path caseDir) {
        String[] f = lines(caseDir.resolve("uname.txt")).get(0).trim().split("\\s+");
        String machine = f[f.length - 2];
        return switch (machine) {
            case "aarch64" -> Arch.ARM64;
            case "ppc64le", "ppc64" -> Arch.PPC64;
            case "riscv64" -> Arch.RISCV64;
            case "x86_64" -> Arch.X86_64;
            default -> throw new AssertionError(caseDir + "/uname.txt: machine " + machine);
        };
    }

    public static Arch archOf(String name) {
        return archOf(TRUTH.resolve(name));
    }

    /** The kernel release, uname.txt's third field ("6.12.117-kt"). */
    public String release() {
        return releaseOf(caseDir);
    }

    /** As {@link #release()}, for a case folder. */
    public static String releaseOf(Path caseDir) {
        return lines(caseDir.resolve("uname.txt")).get(0).trim().split("\\s+")[2];
    }

    /** True for the cases where kexec-tools, not the kernel, built the header (README). */
    public boolean kexecTools() {
        return Files.exists(caseDir.resolve("kexec-load.log"));
    }

    /** Lays the case's files out under {@code parent}/{@code name}/ and returns the root. */
    public static KernelTruthSysroot build(String name, Path parent) {
        return build(TRUTH.resolve(name), parent);
    }

    /** Lays the files of {@code caseDir} out under {@code tmpDir}/(case name)/ as a system root. */
    public static KernelTruthSysroot build(Path caseDir, Path tmpDir) {
        String name = caseDir.getFileName().toString();
        Path root = tmpDir.resolve(name);
        try {
            if (Files.exists(caseDir.resolve("booted.dtb"))) {
                copy(caseDir.resolve("booted.dtb"), root.resolve("sys/firmware/fdt"));
            }
            copy(caseDir.resolve("iomem.txt"), root.resolve("proc/iomem"));
            copy(caseDir.resolve("cmdline.txt"), root.resolve("proc/cmdline"));
            write(root.resolve("proc/kallsyms"), kallsyms(caseDir));
            copy(caseDir.resolve("vmcoreinfo.txt"), root.resolve("sys/kernel/vmcoreinfo"));
            String[] uname = lines(caseDir.resolve("uname.txt")).get(0).trim().split("\\s+");
            write(root.resolve("proc/sys/kernel/osrelease"), uname[2] + "\n");
            write(root.resolve("proc/sys/kernel/arch"), uname[uname.length - 2] + "\n");
            for (String line : lines(caseDir.resolve("crash_notes.tsv"))) {
                String[] f = line.split("\t");
                Path cpu = root.resolve("sys/devices/system/cpu/cpu" + f[0]);
                write(cpu.resolve("crash_notes"), f[1] + "\n");
                write(cpu.resolve("crash_notes_size"), f[2] + "\n");
            }
            if (Files.exists(caseDir.resolve("memmap.txt"))) {
                int n = 0;
                for (String line : lines(caseDir.resolve("memmap.txt"))) {
                    String[] f = line.trim().split("\\s+", 3);
                    Path entry = root.resolve("sys/firmware/memmap/" + n++);
                    write(entry.resolve("start"), f[0] + "\n");
                    write(entry.resolve("end"), f[1] + "\n");
                    write(entry.resolve("type"), f[2] + "\n");
                }
            }
            if (Files.exists(caseDir.resolve("devicetree-live.dts"))) {
                DtsBoard.folder(caseDir.resolve("devicetree-live.dts"), root.resolve("proc/device-tree"),
                        tmpDir.resolve(name + "-live.dtb"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KernelTruthSysroot(name, archOf(caseDir), caseDir, root);
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

    /**
     * powerpc: where the loader put the copy of the first 64 KiB (an input the tree cannot give): the
     * p_offset of the recorded header's PT_LOAD at paddr 0 (README).
     */
    public OptionalLong backupOffset() {
        return arch == Arch.PPC64 ? backupOffset(caseDir) : OptionalLong.empty();
    }

    /** As {@link #backupOffset()}, for a case folder. */
    public static OptionalLong backupOffset(Path caseDir) {
        return RecordedPhdrs.of(caseDir).backupOffset();
    }

    /**
     * The answer's RAM PT_LOADs (elfcorehdr-phdrs.txt, all but the kernel map), in header order: for tests of
     * what is done with the kernel's own ranges; finding them from the inputs is what the header tests check.
     */
    public List<MemoryRange> kernelsRamLoads() {
        return RecordedPhdrs.of(caseDir).ramLoads(kernelMap());
    }

    /**
     * The kernel's header buffer: elfcorehdr.bin, then zeros to the 4096-byte buffer
     * crash_prepare_elf64_headers() allocated (README: 4096 bytes on every recorded kernel, 6.12 included;
     * elfcorehdr-addr.txt's size is the segment, which on x86_64 and powerpc is only what the recorder read).
     */
    public byte[] expectedSegment() {
        try {
            byte[] bin = Files.readAllBytes(caseDir.resolve("elfcorehdr.bin"));
            return Arrays.copyOf(bin, (bin.length + 4095) & ~4095);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The capture kernel's /sys/firmware/memmap (capture-memmap.txt, x86_64): "start end type" per line, as
     * (start, end, type) with start and end in hex; empty when the case has none.
     */
    public List<String[]> captureMemmap() {
        Path p = caseDir.resolve("capture-memmap.txt");
        if (!Files.exists(p)) {
            return List.of();
        }
        return lines(p).stream().map(l -> l.trim().split("\\s+", 3)).toList();
    }

    /** The capture kernel's command line (capture-cmdline.txt). */
    public String captureCmdline() {
        return String.join(" ", lines(caseDir.resolve("capture-cmdline.txt"))).trim();
    }

    /** The kernel-truth case's capture tree, when it has one. */
    public Optional<Path> captureDtb() {
        Path p = caseDir.resolve("capture.dtb");
        return Files.exists(p) ? Optional.of(p) : Optional.empty();
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
