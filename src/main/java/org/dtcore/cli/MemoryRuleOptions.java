package org.dtcore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.ScanOptions;
import org.dtcore.memory.PageSize;

/**
 * Options that choose the memory rules (SPEC §3.5, §3.1), shared by every command that reads memory,
 * with the boot loader's edits to the tree ({@link BootLoaderOptions}: --memory, --overlay):
 * declared once here, read back with {@link #from}.
 *
 * @param arch              --arch, or null
 * @param pageSize          --page-size, or null
 * @param legacy            --legacy-memory-rule
 * @param kernelLoadAddress --kernel-load-address, or null
 * @param kernelVersion     --kernel-version as given, or null
 * @param bootLoader        --memory, --overlay, --libfdt
 */
record MemoryRuleOptions(Arch arch, Long pageSize, boolean legacy, Long kernelLoadAddress, String kernelVersion,
                        BootLoaderOptions bootLoader) {
    static final String ARCHES = String.join(", ", archNames());

    /** Declares the options; {@code archRequired}: the command cannot run without --arch. */
    static void declare(OptionTable t, boolean archRequired) {
        t.value("arch", "ARCH", "architecture whose rules apply: " + archesWithAliases()
                + (archRequired ? " (required)" : " (default: generic rules, with a warning)")).words(archNames());
        if (archRequired) {
            t.required();
        }
        t.value("page-size", "BYTES", "page size for alignment (default: the architecture's, 4K generic)");
        t.flag("legacy-memory-rule", "Linux <= 5.16 rule: memory nodes at any depth, ppc32 memory@0 without"
                + " device_type");
        t.value("kernel-load-address", "ADDR", "riscv64: the kernel's physical load address (default: lowest"
                + " RAM + 2M)");
        t.value("kernel-version", "RELEASE", "the running kernel's release, whose rules apply (6.1, 6.12.117, 7.3"
                + " ...; default for chunks, map, expect, check, diff: 6.1's rules; for header, capture-dtb,"
                + " capture-memmap, context: the system root's proc/sys/kernel/osrelease, else the vmcoreinfo note's"
                + " OSRELEASE, else the newest modelled, 7.3)");
        BootLoaderOptions.declare(t);
    }

    /** The architectures' own names, which completion offers. */
    static String[] archNames() {
        Arch[] all = Arch.values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].cliName();
        }
        return names;
    }

    /**
     * Each architecture with the other names --arch takes for it, and the names it refuses as ambiguous
     * ({@link Arch#parse}).
     */
    static String archesWithAliases() {
        StringBuilder b = new StringBuilder();
        for (Arch arch : Arch.values()) {
            b.append(b.length() == 0 ? "" : ", ").append(arch.cliName());
            if (!arch.aliases().isEmpty()) {
                b.append(" (").append(String.join(", ", arch.aliases())).append(arch == Arch.ARM ? " ...)" : ")");
            }
        }
        return b.append("; not powerpc, riscv, x86 or loongarch (each names 32- and 64-bit kernels)")
                .toString();
    }

    static MemoryRuleOptions from(Arguments a) {
        Long page = a.number("page-size");
        if (page != null && PageSize.problem(page).isPresent()) {
            throw CommandFailure.usage("--page-size: " + PageSize.problem(page).get());
        }
        return new MemoryRuleOptions(a.arch(), page, a.flag("legacy-memory-rule"), a.number("kernel-load-address"),
                a.text("kernel-version"), BootLoaderOptions.from(a));
    }

    /** True when any rule option was given on the command line (it then wins over an expectation file's). */
    boolean given() {
        return arch != null || pageSize != null || legacy || kernelLoadAddress != null || kernelVersion != null;
    }

    /**
     * Without --arch a device tree is read by the generic rules (SPEC §3.5: 4 KiB pages, none of an
     * architecture's own memory rules), a default relied on like any other: said once on standard error.
     * {@code map} null: a batch, said before its first file. A map of /proc/iomem text is not warned about:
     * the kernel applied its own rules before it wrote the file, and dtcore applies none to it.
     */
    void warnIfGeneric(MemoryMap map, CommandIo io) {
        if (arch != null || map != null && !map.chunks().isEmpty()
                && map.chunks().get(0).node().equals(Iomem.SOURCE)) {
            return;
        }
        io.err().println("dtcore: warning: no --arch: the generic memory rules apply ("
                + (pageSize == null ? "4 KiB pages, " : "") + "none of an architecture's own); give --arch to choose ("
                + ARCHES + ")");
    }

    /** The --arch a command cannot do without. */
    Arch requireArch(String command) {
        if (arch == null) {
            throw CommandFailure.usage(command + " needs --arch (" + ARCHES + ")");
        }
        return arch;
    }

    /** The boot loader's edits: --overlay files applied, then --memory banks written. */
    BootLoaderView bootLoaderView() {
        return bootLoader.view();
    }

    /** {@code file} (when not null) and the overlay files: what an output must not overwrite. */
    List<Path> inputsWith(Path file) {
        List<Path> all = new ArrayList<>(bootLoader.overlayFiles());
        if (file != null) {
            all.add(0, file);
        }
        return all;
    }

    ScanOptions toScanOptions() {
        long page = pageSize == null ? 0 : pageSize;
        return new ScanOptions(arch, page, legacy, kernelLoadAddress == null ? -1 : kernelLoadAddress, true,
                kernel());
    }

    /**
     * --kernel-version read for the memory scan; null when absent, which ScanOptions reads as 6.1's rules
     * (the kdump commands resolve an absent release themselves, kdump/InputPrecedence).
     */
    KernelVersion kernel() {
        return kernelVersion == null ? null
                : Inputs.gather(() -> KernelVersion.parse(kernelVersion, "--kernel-version"));
    }
}
