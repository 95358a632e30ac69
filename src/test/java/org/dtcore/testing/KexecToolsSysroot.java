package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.memory.Arch;

/**
 * A system root rebuilt from one recorded {@code *-kexec-tools} case of ../shared/kernel-truth/ (its README):
 * what kexec-tools read on the first kernel when `kexec -d -p` built the header, laid out as a user's copy of
 * /proc and /sys would be.
 *
 * <pre>
 * proc/iomem, proc/cmdline              iomem.txt, cmdline.txt
 * proc/kallsyms                         kallsyms.txt, plus each symbol kexec-load.log shows kexec-tools read
 *                                       ("kernel symbol NAME vaddr = ADDR") that the excerpt does not list
 * proc/sys/kernel/arch                  uname.txt's machine (what uname -m prints)
 * proc/device-tree/                     powerpc: the live tree, devicetree-live.dts compiled by dtc, as a folder
 * sys/firmware/fdt                      booted.dtb, when the case has one
 * sys/kernel/vmcoreinfo                 vmcoreinfo.txt
 * sys/devices/system/cpu/cpuN/crash_notes, crash_notes_size    crash_notes.tsv
 * </pre>
 */
public record KexecToolsSysroot(String name, Arch arch, Path caseDir, Path root) {
    public static final String SUFFIX = "-kexec-tools";
    private static final Pattern SYMBOL = Pattern.compile("kernel symbol (\\S+) vaddr = ([0-9a-f]+)");
    private static final Pattern BACKUP = Pattern.compile("(?:Created backup segment at 0x|backup_start is )([0-9a-f]+)");

    /** Every kexec-tools case folder of the shared truth (hidden ones have the same layout). */
    public static List<String> names() {
        try (Stream<Path> s = Files.list(KernelTruthSysroot.TRUTH)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The architecture from uname.txt's machine field. */
    public static Arch archOf(Path caseDir) {
        return switch (machine(caseDir)) {
            case "aarch64" -> Arch.ARM64;
            case "ppc64le", "ppc64" -> Arch.PPC64;
            case "riscv64" -> Arch.RISCV64;
            case "x86_64" -> Arch.X86_64;
            default -> throw new AssertionError(caseDir + "/uname.txt: machine " + machine(caseDir) + " not expected");
        };
    }

    /** Lays the case's files out under {@code parent}/{@code name}/ and returns the root. */
    public static KexecToolsSysroot build(String name, Path parent) {
        Path dir = KernelTruthSysroot.TRUTH.resolve(name);
        Path root = parent.resolve(name);
        Arch arch = archOf(dir);
        try {
            KernelTruthSysroot.copy(dir.resolve("iomem.txt"), root.resolve("proc/iomem"));
            KernelTruthSysroot.copy(dir.resolve("cmdline.txt"), root.resolve("proc/cmdline"));
            KernelTruthSysroot.copy(dir.resolve("vmcoreinfo.txt"), root.resolve("sys/kernel/vmcoreinfo"));
            KernelTruthSysroot.write(root.resolve("proc/sys/kernel/arch"), machine(dir) + "\n");
            KernelTruthSysroot.write(root.resolve("proc/kallsyms"), kallsyms(dir));
            if (Files.exists(dir.resolve("booted.dtb"))) {
                KernelTruthSysroot.copy(dir.resolve("booted.dtb"), root.resolve("sys/firmware/fdt"));
            }
            for (String line : KernelTruthSysroot.lines(dir.resolve("crash_notes.tsv"))) {
                String[] f = line.split("\t");
                Path cpu = root.resolve("sys/devices/system/cpu/cpu" + f[0]);
                KernelTruthSysroot.write(cpu.resolve("crash_notes"), f[1] + "\n");
                KernelTruthSysroot.write(cpu.resolve("crash_notes_size"), f[2] + "\n");
            }
            if (arch == Arch.PPC64) {
                Path dtb = parent.resolve(name + "-live.dtb");
                ExternalTool.output("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb.toString(),
                        dir.resolve("devicetree-live.dts").toString());
                writeFolder(FdtParser.read(dtb).root(), root.resolve("proc/device-tree"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new KexecToolsSysroot(name, arch, dir, root);
    }

    /**
     * The real /proc/kallsyms held every symbol; kallsyms.txt keeps five. kexec -d prints each symbol it
     * looked up ("kernel symbol __init_begin vaddr = ..."), so those lines are put back as kallsyms lines.
     */
    private static String kallsyms(Path dir) {
        List<String> out = new ArrayList<>(KernelTruthSysroot.lines(dir.resolve("kallsyms.txt")));
        List<String> listed = out.stream().map(l -> l.trim().split("\\s+")[2]).toList();
        Matcher m = SYMBOL.matcher(log(dir));
        while (m.find()) {
            if (!listed.contains(m.group(1)) && out.stream().noneMatch(l -> l.endsWith(" " + m.group(1)))) {
                out.add(m.group(2) + " T " + m.group(1));
            }
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * Where kexec-tools copied the backup region (x86_64's low RAM, powerpc's first 64 KiB): chosen by its
     * add_buffer() at load time, so no file of the system says it; kexec -d prints it ("Created backup segment
     * at 0x..." on x86, purgatory's "backup_start is ..." on powerpc). An input, like --backup-region-offset.
     */
    public Optional<String> backupCopy() {
        Matcher m = BACKUP.matcher(log(caseDir));
        return m.find() ? Optional.of("0x" + m.group(1)) : Optional.empty();
    }

    /** The header kexec-tools wrote: elfcorehdr.bin (Ehdr + phdrs) then zeros to {@code size}. */
    public byte[] expectedSegment(int size) {
        try {
            return Arrays.copyOf(Files.readAllBytes(caseDir.resolve("elfcorehdr.bin")), size);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many bytes the recorder read back at elfcorehdr= (elfcorehdr-addr.txt's second field). */
    public int recordedSize() {
        return Integer.parseInt(KernelTruthSysroot.lines(caseDir.resolve("elfcorehdr-addr.txt")).get(0).split("\\s+")[1]);
    }

    public Path systemMap() {
        return caseDir.resolve("system-map.txt");
    }

    private static String machine(Path dir) {
        // uname -a: "Linux HOST RELEASE #N SMP ... DATE MACHINE GNU/Linux"
        String[] f = KernelTruthSysroot.lines(dir.resolve("uname.txt")).get(0).trim().split("\\s+");
        return f[f.length - 2];
    }

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("kexec-load.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code node} as /proc/device-tree shows a tree: a folder per node, a file per property. */
    public static void writeFolder(FdtNode node, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FdtProperty p : node.properties()) {
            Files.write(dir.resolve(p.name()), p.bytes());
        }
        for (FdtNode c : node.children()) {
            writeFolder(c, dir.resolve(c.name()));
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
