package org.dtcore.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.TreeEditor;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;
import org.dtcore.testing.KernelTruthSysroot;
import org.dtcore.testing.RecordedPhdrs;

/**
 * One recorded real kdump of ../shared/kernel-truth/ seen as a capture-tree case: the booted tree, the
 * loader's inputs read from the case's files, and the tree the capture kernel really received.
 *
 * <ul>
 * <li>crash kernel: iomem.txt "Crash kernel", or (powerpc) devicetree-live.dts linux,crashkernel-base/-size;</li>
 * <li>core header: elfcorehdr-addr.txt (address, size, decimal);</li>
 * <li>initrd and command line: as capture.dtb's /chosen shows them (the loader's choice of place, and the
 *     user's --append, which the case files record nowhere else), the command line without the
 *     "elfcorehdr=0x... " that riscv and powerpc put in front;</li>
 * <li>powerpc backup region: p_offset of elfcorehdr-phdrs.txt's PT_LOAD at paddr 0.</li>
 * </ul>
 */
public record CaptureTruthCase(String name, Arch arch, Path dir, CaptureRequest request) {
    public static final Path TRUTH = Path.of("..", "shared", "kernel-truth");

    /**
     * Every kernel-built case with a capture tree, Linux 6.1 and 6.12 (x86_64 has none; kexec-tools' trees
     * are kexec-tools mode's).
     */
    public static List<CaptureTruthCase> all() {
        return KernelTruthSysroot.caseDirs().stream()
                .filter(d -> Files.exists(d.resolve("capture.dtb")) && !Files.exists(d.resolve("kexec-load.log")))
                .map(d -> of(d.getFileName().toString(), KernelTruthSysroot.archOf(d))).toList();
    }

    public static CaptureTruthCase of(String name, Arch arch) {
        Path dir = TRUTH.resolve(name);
        String[] hdr = lines(dir.resolve("elfcorehdr-addr.txt")).get(0).trim().split("\\s+");
        MemoryRange header = MemoryRange.ofSize(Long.parseLong(hdr[0]), Long.parseLong(hdr[1]), "elfcorehdr-addr.txt");
        FdtNode chosen = read(dir.resolve("capture.dtb")).node("/chosen").orElseThrow();
        long initrdStart = chosen.property("linux,initrd-start").orElseThrow().asU32OrU64();
        long initrdEnd = chosen.property("linux,initrd-end").orElseThrow().asU32OrU64();
        String bootargs = chosen.property("bootargs").orElseThrow().asString();
        if (arch != Arch.ARM64) {
            bootargs = bootargs.substring(bootargs.indexOf(' ') + 1);
        }
        // the release's rule decides whether the loader wrote kaslr-seed and rng-seed (KernelVersion)
        String release = KernelTruthSysroot.releaseOf(dir);
        CaptureRequest r = CaptureRequest.of(arch, crashKernels(dir, arch), header)
                .withRngReady(KernelVersion.parse(release, "uname.txt").rngReadyAtLoad())
                .withInitrd(new MemoryRange(initrdStart, initrdEnd - 1)).withBootargs(bootargs);
        if (arch == Arch.PPC64) {
            r = r.withBackupStart(RecordedPhdrs.of(dir).backupOffset().orElseThrow(
                    () -> new AssertionError(dir + ": no PT_LOAD at paddr 0")));
        }
        return new CaptureTruthCase(name, arch, dir, r);
    }

    /** The recorded kernel's release (uname.txt), as a user gives it with --kernel-version. */
    public String release() {
        return KernelTruthSysroot.releaseOf(dir);
    }

    public Path booted() {
        return dir.resolve("booted.dtb");
    }

    public Path capture() {
        return dir.resolve("capture.dtb");
    }

    public DeviceTree bootedTree() {
        return read(booted());
    }

    public DeviceTree captureTree() {
        return read(capture());
    }

    /**
     * The loader's tree as the recorded capture.dtb shows it, i.e. after the capture kernel's own boot:
     * early_init_dt_scan_chosen (drivers/of/fdt.c) NOPs rng-seed out, and kaslr-seed holds the random value
     * the loader drew (dtcore writes zeros). Nothing else is touched.
     */
    public DeviceTree received(DeviceTree loaderTree) {
        TreeEditor e = new TreeEditor(loaderTree, TreeEditor.Placement.LIBFDT);
        e.removeProperty("/chosen", "rng-seed");
        captureTree().node("/chosen").flatMap(n -> n.property("kaslr-seed"))
                .filter(p -> loaderTree.node("/chosen").flatMap(n -> n.property("kaslr-seed")).isPresent())
                .ifPresent(p -> e.setProperty("/chosen", "kaslr-seed", p.bytes()));
        return e.build();
    }

    private static List<MemoryRange> crashKernels(Path dir, Arch arch) {
        if (arch != Arch.PPC64) {
            try {
                return Iomem.crashKernels(Iomem.parse(Files.readString(dir.resolve("iomem.txt"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        long base = liveU64(dir, "linux,crashkernel-base");
        long size = liveU64(dir, "linux,crashkernel-size");
        return List.of(MemoryRange.ofSize(base, size, "devicetree-live.dts"));
    }

    private static long liveU64(Path dir, String property) {
        Pattern p = Pattern.compile("\\s*" + Pattern.quote(property) + " = <0x([0-9a-f]+) 0x([0-9a-f]+)>;");
        for (String line : lines(dir.resolve("devicetree-live.dts"))) {
            Matcher m = p.matcher(line);
            if (m.matches()) {
                return (Long.parseLong(m.group(1), 16) << 32) | Long.parseLong(m.group(2), 16);
            }
        }
        throw new AssertionError(dir + "/devicetree-live.dts has no two-cell " + property);
    }

    public static DeviceTree read(Path blob) {
        try {
            return FdtParser.read(blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
