package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;
import static org.dtcore.context.ContextException.Kind.UNREADABLE;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.DtcoreException;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtParser;
import org.dtcore.input.InputFile;
import org.dtcore.memory.Arch;
import org.dtcore.memory.DeviceTreeFolder;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;

/**
 * A running system's /sys and /proc, or a copy of them under a folder (SPEC §10): "/" for the live
 * system. Every file is optional; what is missing falls to the next source or a default.
 *
 * <pre>
 * sys/firmware/fdt                          the booted device tree blob (preferred)
 * proc/device-tree/ (sys/firmware/devicetree/base/)   the live tree as a folder
 * proc/iomem                                RAM, "Crash kernel", "Kernel code" (SPEC §7)
 * proc/cmdline                              crashkernel= (SPEC §6)
 * proc/sys/kernel/osrelease                 the kernel release, whose rules apply (KernelVersion)
 * proc/kallsyms                             _text, _stext, _end
 * sys/kernel/vmcoreinfo                     "ADDR SIZE", both hex
 * sys/devices/system/cpu/cpuN/crash_notes, crash_notes_size
 * proc/device-tree/chosen/linux,crashkernel-base, -size   powerpc's crash kernel (8-byte big-endian)
 * proc/sys/kernel/arch                      the machine, as uname -m prints it ("ppc64le")
 * sys/firmware/memmap/N/start, end, type    the firmware memory map (x86's e820; {@link FirmwareMemmap})
 * </pre>
 * The tree and iomem are read once, when first asked for.
 */
public final class SystemRoot {
    public static final String FDT_BLOB = "sys/firmware/fdt";
    public static final String DEVICE_TREE_FOLDER = "proc/device-tree";
    public static final String SYSFS_DEVICE_TREE = "sys/firmware/devicetree/base";
    public static final String IOMEM = "proc/iomem";
    public static final String CMDLINE = "proc/cmdline";
    public static final String OSRELEASE = "proc/sys/kernel/osrelease";
    public static final String KALLSYMS = "proc/kallsyms";
    public static final String VMCOREINFO = "sys/kernel/vmcoreinfo";
    public static final String CPUS = "sys/devices/system/cpu";
    public static final String CRASHKERNEL_BASE = "linux,crashkernel-base";
    public static final String CRASHKERNEL_SIZE = "linux,crashkernel-size";
    public static final String MACHINE = "proc/sys/kernel/arch";

    private final Path dir;
    private Optional<DeviceTree> tree;
    private Optional<List<IomemEntry>> iomem;

    private SystemRoot(Path dir) {
        this.dir = dir;
    }

    /** The system copied under {@code dir}; fails when it is not a folder. */
    public static SystemRoot of(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ContextException(BAD_FILE, dir.toString(), "system root is not a folder");
        }
        return new SystemRoot(dir);
    }

    /** The running system. */
    public static SystemRoot live() {
        return of(Path.of("/"));
    }

    public Path dir() {
        return dir;
    }

    /**
     * {@code relative} under this root, once checked to stay inside it with every link followed: a link
     * out of the root is refused, never followed (issue 12 item 11; the device-tree folder reader refuses
     * the same, SPEC §7), so no file outside the root is read and none can reach an error line.
     */
    public Path file(String relative) {
        return inside(dir.resolve(relative));
    }

    private Path inside(Path p) {
        return InputFile.within(dir, p);
    }

    /** The device tree file or folder this root offers: the blob first, then the live folder. */
    public Optional<Path> deviceTreePath() {
        Path blob = file(FDT_BLOB);
        if (Files.isRegularFile(blob)) {
            return Optional.of(blob);
        }
        for (String folder : List.of(DEVICE_TREE_FOLDER, SYSFS_DEVICE_TREE)) {
            Path p = file(folder);
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The tree at {@link #deviceTreePath()}, parsed. */
    public Optional<DeviceTree> deviceTree() {
        if (tree == null) {
            tree = deviceTreePath().map(SystemRoot::readTree);
        }
        return tree;
    }

    /**
     * The live tree as a folder (proc/device-tree, else sys/firmware/devicetree/base), which is what
     * kexec-tools reads on powerpc: unlike the booted blob it carries what the kernel added at boot
     * ({@code linux,crashkernel-base}, {@code linux,rtas-base} ...). Read each time it is asked for.
     */
    public Optional<DeviceTree> liveDeviceTree() {
        for (String folder : List.of(DEVICE_TREE_FOLDER, SYSFS_DEVICE_TREE)) {
            Path p = file(folder);
            if (Files.isDirectory(p)) {
                return Optional.of(readTree(p));
            }
        }
        return Optional.empty();
    }

    /** The machine name the kernel reports (proc/sys/kernel/arch, Linux 6.0 on; what uname -m prints). */
    public Optional<String> machine() {
        return SystemFile.read(file(MACHINE), SystemFile.ATTRIBUTE_BYTES).map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    private static DeviceTree readTree(Path path) {
        try {
            return Files.isDirectory(path) ? DeviceTreeFolder.read(path) : FdtParser.read(path);
        } catch (IOException e) {
            throw new ContextException(UNREADABLE, path.toString(), "cannot read: " + e.getMessage());
        } catch (DtcoreException e) {
            throw ContextException.in(path, e);
        }
    }

    /** /proc/iomem's lines, when the root has it. */
    public Optional<List<IomemEntry>> iomem() {
        if (iomem == null) {
            Path file = file(IOMEM);
            iomem = SystemFile.read(file, SystemFile.TEXT_BYTES).map(text -> {
                try {
                    return Iomem.parse(text);
                } catch (DtcoreException e) {
                    throw ContextException.in(file, e);
                }
            });
        }
        return iomem;
    }

    /** sys/firmware/memmap's entries in folder order ({@link FirmwareMemmap}), when the root has the folder. */
    public Optional<List<FirmwareMemmap.Entry>> firmwareMemmap() {
        return FirmwareMemmap.read(this);
    }

    /** proc/sys/kernel/osrelease ("6.12.117-kt"), when the root has it. */
    public Optional<String> osrelease() {
        return SystemFile.read(file(OSRELEASE), SystemFile.ATTRIBUTE_BYTES).map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    /** /proc/cmdline without its trailing newline. */
    public Optional<String> cmdline() {
        return SystemFile.read(file(CMDLINE), SystemFile.ATTRIBUTE_BYTES).map(String::strip);
    }

    /**
     * The crash kernel regions the running kernel reserved (SPEC §7, §6): /proc/iomem's "Crash kernel"
     * lines, else powerpc's {@code linux,crashkernel-base}/{@code -size} in the live tree's /chosen (the
     * kernel adds them; the booted blob does not have them). Empty when neither says.
     */
    public List<MemoryRange> crashKernels() {
        List<MemoryRange> fromIomem = iomem().map(Iomem::crashKernels).orElse(List.of());
        if (!fromIomem.isEmpty()) {
            return fromIomem;
        }
        for (String folder : List.of(DEVICE_TREE_FOLDER, SYSFS_DEVICE_TREE)) {
            Path chosen = dir.resolve(folder).resolve("chosen");
            Optional<Long> base = nativeWord(inside(chosen.resolve(CRASHKERNEL_BASE)));
            Optional<Long> size = nativeWord(inside(chosen.resolve(CRASHKERNEL_SIZE)));
            if (base.isPresent() && size.isPresent() && size.get() != 0) {
                return List.of(MemoryRange.ofSize(base.get(), size.get(), chosen.resolve(CRASHKERNEL_BASE).toString()));
            }
        }
        return List.of();
    }

    // SPEC §6: a native word, 8 bytes on ppc64 (4 on ppc32), big-endian
    private static Optional<Long> nativeWord(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        byte[] bytes = InputFile.read(file, 8);
        return switch (bytes.length) {
            case 4 -> Optional.of(Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt()));
            case 8 -> Optional.of(ByteBuffer.wrap(bytes).getLong());
            default -> throw new ContextException(BAD_FILE, file.toString(),
                    "expected 4 or 8 bytes, found " + bytes.length);
        };
    }

    /**
     * What this root says of the context (SPEC §10): the CPU notes, the vmcoreinfo note and, when the kernel
     * symbols and iomem's "Kernel code" are both there, the kernel text. {@code systemMap}, when given,
     * replaces /proc/kallsyms as the symbol source.
     */
    public PartialContext context(Arch arch, Optional<KernelSymbols> systemMap) {
        return context(arch, systemMap, null);
    }

    /**
     * As above, for a known kernel release ({@code kernel}, null when unknown): where arm64's "Kernel code"
     * starts depends on it ({@link KernelVersion#arm64KernelCodeStartsAtText()}).
     */
    public PartialContext context(Arch arch, Optional<KernelSymbols> systemMap, KernelVersion kernel) {
        PartialContext c = SysfsCpus.read(file(CPUS), this::inside);
        Path vmcoreinfo = file(VMCOREINFO);
        Optional<String> line = SystemFile.read(vmcoreinfo, SystemFile.ATTRIBUTE_BYTES);
        if (line.isPresent()) {
            // "%pa %x" (older kernels "%lx %x"): both hex, so "1024" is 0x1024
            String[] f = words(line.get().strip());
            if (f.length != 2) {
                // the words are not quoted: a file's contents stay out of error lines (issue 12 item 11)
                throw new ContextException(vmcoreinfo.toString(), "expected 'ADDRESS SIZE' (hex), found "
                        + f.length + " words");
            }
            c = c.withVmcoreinfo(Hex.parse(f[0], vmcoreinfo.toString(), "address"),
                    Hex.parse(f[1], vmcoreinfo.toString(), "size"));
        }
        return kernelText(c, arch, systemMap, kernel);
    }

    /**
     * {@code s.split("\\s+")} for a stripped {@code s}, without a regex (Pattern costs ~25 classes on the
     * header path, docs/performance.md): the words between runs of space, tab, newline, VT, FF or CR.
     */
    static String[] words(String s) {
        List<String> out = new ArrayList<>(2);
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || isBlank(s.charAt(i))) {
                if (i > from || i == s.length() && out.isEmpty()) {
                    out.add(s.substring(from, i));
                }
                from = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private PartialContext kernelText(PartialContext c, Arch arch, Optional<KernelSymbols> systemMap,
                                      KernelVersion kernel) {
        Path kallsyms = file(KALLSYMS);
        Optional<KernelSymbols> symbols = systemMap.isPresent() ? systemMap
                : Files.exists(kallsyms) ? Optional.of(KernelSymbols.read(kallsyms)) : Optional.empty();
        Optional<MemoryRange> code = iomem().flatMap(Iomem::kernelCode);
        if (symbols.isEmpty() || code.isEmpty()) {
            return c;
        }
        boolean atText = arch == Arch.ARM64 && kernel != null && kernel.arm64KernelCodeStartsAtText();
        Optional<KernelText> text = symbols.get().kernelText(code.get().start(), atText);
        if (text.isEmpty()) {
            // a real /proc/kallsyms lists neither _end nor, on arm64, _text (seen on 6.1 and 6.12)
            return c.withWarning(new ContextWarning(ContextWarning.Kind.KERNEL_TEXT, symbols.get().source()
                    + " lacks " + symbols.get().missing() + ", which " + arch + "'s kernel-text PT_LOAD needs"
                    + " (/proc/kallsyms does not list them all): it is left out; give the kernel's System.map"
                    + " with --system-map"));
        }
        return c.withKernelText(text);
    }

    /** Lowest RAM and CPU count for the defaults, from iomem and the tree (read only now). */
    public MachineFacts facts(Arch arch) {
        return facts(arch, null);
    }

    /** As above, the tree read by {@code kernel}'s rules (null: unknown). */
    public MachineFacts facts(Arch arch, KernelVersion kernel) {
        try {
            return MachineFacts.of(iomem().orElse(null), deviceTree().orElse(null), arch, kernel);
        } catch (ContextException e) {
            throw e;
        } catch (DtcoreException e) {
            throw ContextException.in(deviceTreePath().orElse(dir), e);
        }
    }

    @Override
    public String toString() {
        return dir.toString();
    }
}
