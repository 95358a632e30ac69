package org.dtcore.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.BootLoaderView;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.PageSize;
import org.dtcore.memory.ScanOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Options that choose the memory rules (SPEC §3.5, §3.1), shared by every command that reads memory,
 * with the boot loader's edits to the tree ({@link BootLoaderOptionsMixin}: --memory, --overlay).
 */
final class ScanOptionsMixin {
    @Mixin
    BootLoaderOptionsMixin bootLoader;

    @Option(names = "--arch", paramLabel = "ARCH", converter = ArchConverter.class,
            description = "architecture whose rules apply: arm64, arm, ppc64, ppc, riscv64, x86_64, loongarch64 "
                    + "(default: generic rules)")
    Arch arch;

    @Option(names = "--page-size", paramLabel = "BYTES", converter = NumberConverter.class,
            description = "page size for alignment (default: the architecture's, 4K generic)")
    Long pageSize;

    @Option(names = "--legacy-memory-rule",
            description = "Linux <= 5.16 rule: memory nodes at any depth, ppc32 memory@0 without device_type")
    boolean legacy;

    @Option(names = "--kernel-load-address", paramLabel = "ADDR", converter = NumberConverter.class,
            description = "riscv64: the kernel's physical load address (default: lowest RAM + 2M)")
    Long kernelLoadAddress;

    @Option(names = "--kernel-version", paramLabel = "RELEASE",
            description = "the running kernel's release, whose rules apply (6.1, 6.12.117 ...; default for chunks,"
                    + " map, expect, check, diff: 6.1's rules; for header, capture-dtb, context: the system root's"
                    + " proc/sys/kernel/osrelease, else the vmcoreinfo note's OSRELEASE, else the newest modelled)")
    String kernelVersion;

    /** True when any rule option was given on the command line (it then wins over an expectation file's). */
    boolean given() {
        return arch != null || pageSize != null || legacy || kernelLoadAddress != null || kernelVersion != null;
    }

    /** The --arch a command cannot do without. */
    Arch requireArch(String command) {
        if (arch == null) {
            throw new CommandFailure(command + ": --arch is required (arm64, arm, ppc64, ppc, riscv64, x86_64,"
                    + " loongarch64)");
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
        if (pageSize != null && PageSize.problem(page) != null) {
            throw new picocli.CommandLine.TypeConversionException("--page-size: " + PageSize.problem(page));
        }
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
