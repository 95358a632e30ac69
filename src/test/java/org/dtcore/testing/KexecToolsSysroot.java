package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.dtcore.memory.Arch;

/**
 * A system root rebuilt from one recorded {@code *-kexec-tools} case of ../shared/kernel-truth/ (its README):
 * what kexec-tools read on the first kernel when `kexec -d -p` built the header, laid out as a user's copy of
 * /proc and /sys would be, by {@link KernelTruthSysroot#build(Path, Path)}:
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
        return KernelTruthSysroot.archOf(caseDir);
    }

    /** Lays the case's files out under {@code parent}/{@code name}/ with the one builder, {@link KernelTruthSysroot}. */
    public static KexecToolsSysroot build(String name, Path parent) {
        KernelTruthSysroot k = KernelTruthSysroot.build(KernelTruthSysroot.TRUTH.resolve(name), parent);
        return new KexecToolsSysroot(name, k.arch(), k.caseDir(), k.root());
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

    private static String log(Path dir) {
        try {
            return Files.readString(dir.resolve("kexec-load.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
