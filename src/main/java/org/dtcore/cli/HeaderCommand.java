package org.dtcore.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.kdump.HeaderPipeline;
import org.dtcore.kdump.HeaderRequest;
import org.dtcore.kdump.HeaderResult;
import org.dtcore.kdump.KdumpInputs;
import org.dtcore.kdump.KexecToolsSettings;
import org.dtcore.kdump.LoaderMode;
import org.dtcore.crash.ExclusionRule;

/**
 * {@code dtcore header}: the ELF core header a kernel (or kexec-tools) would build for this board
 * (SPEC §8, §9, §12): the library's {@link HeaderPipeline} builds it; this class reads the options, writes
 * atomically and prints.
 */
final class HeaderCommand implements Subcommand {
    @Override
    public String name() {
        return "header";
    }

    @Override
    public String synopsis() {
        return "[FILE]";
    }

    @Override
    public String purpose() {
        return "Build the kdump ELF core header (elfcorehdr) for a board, byte for byte as the kernel would.";
    }

    @Override
    public String[][] operands() {
        return new String[][] {{"FILE", "a .dtb, a device-tree folder, /proc/iomem text or - (default: the system"
                + " root's tree; for x86_64 its /proc/iomem)"}};
    }

    @Override
    public void declare(OptionTable t) {
        t.value("o", "output", "OUT", "the header file to write (required); - for standard output").required()
                .files();
        t.value("crashkernel", "SPEC", "crash kernel region, SIZE@OFFSET or START-END; repeat for crashkernel-low"
                + " (default: the system root's /proc/iomem or powerpc properties, or the tree's)").repeatable();
        t.value("mode", "MODE", "kernel (kexec_file_load, default) or kexec-tools (kexec_load)")
                .words("kernel", "kexec-tools");
        t.value("exclusion", "RULE", "crash_exclude_mem_range: current (>= 6.8) or legacy (default: the kernel"
                + " release's)").words("current", "legacy");
        t.value("backup-region-offset", "ADDR", "powerpc: where the loader copied the first 64 KiB; kexec-tools"
                + " mode on x86_64: where it copied the low RAM (the backup PT_LOAD's p_offset; kexec -d -p prints it)");
        LoaderOptions.declareKexecTools(t);
        t.flag("quiet", "print nothing but errors on success");
        MemoryRuleOptions.declare(t, true);
        ContextOptions.declare(t);
    }

    @Override
    public int run(Arguments a, CommandIo io) {
        List<Path> files = a.paths(0, 1, "at most one FILE");
        Path file = files.isEmpty() ? null : files.get(0);
        Path output = a.requiredPath("output", "OUT (the header file to write, or -)");
        List<String> crashKernels = a.texts("crashkernel");
        LoaderMode mode = "kexec-tools".equals(a.choice("mode", "kernel", "kernel", "kexec-tools"))
                ? LoaderMode.KEXEC_TOOLS : LoaderMode.KERNEL;
        ExclusionRule rule = LoaderOptions.exclusion(a);
        Long backupOffset = a.number("backup-region-offset");
        KexecToolsSettings kexecTools = LoaderOptions.kexecTools(a);
        boolean quiet = a.flag("quiet");
        MemoryRuleOptions scan = MemoryRuleOptions.from(a);
        ContextOptions context = ContextOptions.from(a);
        Folders.requireSingleSourceOrStdin(file);
        StdinFile stdin = StdinFile.of(file, io, StandardInput.Kind.BOARD);
        try {
            Path source = stdin == null ? file : stdin.path();
            KdumpInputs inputs = context.inputs(source, scan, crashKernels, "header");
            HeaderRequest request = new HeaderRequest(inputs, mode, Optional.ofNullable(rule),
                    backupOffset == null ? OptionalLong.empty() : OptionalLong.of(backupOffset), kexecTools);
            HeaderResult result = Inputs.gather(() -> HeaderPipeline.build(request));
            EncodedCoreHeader header = result.header();
            OutputFile.write(output, header.bytes(), scan.inputsWith(stdin == null ? file : null), io);
            // --quiet: nothing but errors on success, so the warnings go too
            for (int i = 0; i < result.notices().size() && !quiet; i++) {
                io.warn(result.notices().get(i));
            }
            if (!quiet) {
                // with -o - the header itself is standard output: the summary goes to stderr
                PrintWriter out = Inputs.isStdin(output) ? io.err() : io.out();
                long notes = 0;
                for (ProgramHeader p : header.header().programHeaders()) {
                    notes += p.type() == ProgramHeader.PT_NOTE ? 1 : 0;
                }
                out.println(output + ": " + header.header().phnum() + " program headers (" + notes + " PT_NOTE, "
                        + (header.header().phnum() - notes) + " PT_LOAD), " + header.size() + " bytes, "
                        + result.mode().label() + " mode");
            }
            return 0;
        } catch (CommandFailure e) {
            throw stdin == null ? e : stdin.unmasked(e);
        } finally {
            if (stdin != null) {
                stdin.close();
            }
        }
    }
}
