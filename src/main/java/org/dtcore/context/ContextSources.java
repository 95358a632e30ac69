package org.dtcore.context;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;

/**
 * Where a {@link CrashContext} is gathered from (SPEC §10), and the gathering. Precedence, highest first:
 * options, the JSON context file, the vmcoreinfo note, the system root, then the architecture's defaults
 * ({@link ContextDefaults}). Every part is optional; what nothing gives and has no default is an error
 * that says what to supply.
 *
 * @param systemRoot     a live system or a copy of its /sys and /proc, or null
 * @param contextFile    a JSON context file ({@link ContextJson}), or null
 * @param vmcoreinfoNote the VMCOREINFO text ({@link VmcoreinfoNote}), or null
 * @param systemMap      the kernel's System.map, used instead of the root's /proc/kallsyms, or null
 * @param deviceTree     a tree to count CPUs and find the lowest RAM in, instead of the root's, or null
 * @param options        the command-line layer ({@link PartialContext#EMPTY} when none)
 * @param kernel         the kernel release whose rules apply, or null when unknown
 */
public record ContextSources(SystemRoot systemRoot, Path contextFile, Path vmcoreinfoNote, Path systemMap,
                             DeviceTree deviceTree, PartialContext options, KernelVersion kernel) {

    public static final ContextSources NONE = new ContextSources(null, null, null, null, null, PartialContext.EMPTY,
            null);

    public ContextSources {
        options = options == null ? PartialContext.EMPTY : options;
    }

    public ContextSources withSystemRoot(SystemRoot root) {
        return new ContextSources(root, contextFile, vmcoreinfoNote, systemMap, deviceTree, options, kernel);
    }

    public ContextSources withContextFile(Path file) {
        return new ContextSources(systemRoot, file, vmcoreinfoNote, systemMap, deviceTree, options, kernel);
    }

    public ContextSources withVmcoreinfoNote(Path file) {
        return new ContextSources(systemRoot, contextFile, file, systemMap, deviceTree, options, kernel);
    }

    public ContextSources withSystemMap(Path file) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, file, deviceTree, options, kernel);
    }

    public ContextSources withDeviceTree(DeviceTree tree) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, systemMap, tree, options, kernel);
    }

    public ContextSources withOptions(PartialContext layer) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, systemMap, deviceTree, layer, kernel);
    }

    public ContextSources withKernel(KernelVersion version) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, systemMap, deviceTree, options, version);
    }

    /** Gathers the context for {@code arch}; only {@link ContextException}s and other project exceptions escape. */
    public CrashContext collect(Arch arch) {
        return collect(arch, NoteSizeRule.kernel(arch));
    }

    /** {@link #collect(Arch)}, giving a CPU note without crash_notes_size the loader's size. */
    public CrashContext collect(Arch arch, NoteSizeRule noteSize) {
        Optional<KernelSymbols> symbols = Optional.ofNullable(systemMap).map(KernelSymbols::read);
        PartialContext layers = PartialContext.EMPTY;
        if (systemRoot != null) {
            layers = systemRoot.context(arch, symbols, kernel);
        } else if (symbols.isPresent()) {
            layers = layers.withWarning(systemMap + ": a System.map gives virtual addresses only; the kernel's"
                    + " physical place comes from /proc/iomem \"Kernel code\", so it needs --sysroot");
        }
        if (vmcoreinfoNote != null) {
            layers = layers.overriddenBy(VmcoreinfoNote.read(vmcoreinfoNote).context(arch));
        }
        PartialContext fromFile = null;
        if (contextFile != null) {
            // a value the later stages would refuse is refused here, naming the file and its field
            fromFile = ContextJson.read(contextFile, arch);
            SourceCheck.check(fromFile, contextFile.toString());
            layers = layers.overriddenBy(fromFile);
        }
        layers = layers.overriddenBy(options);
        CrashContext done = ContextDefaults.complete(arch, layers, facts(arch), noteSize);
        if (fromFile != null) {
            SourceCheck.notesFit(fromFile, done, contextFile.toString());
        }
        return done;
    }

    private Supplier<MachineFacts> facts(Arch arch) {
        return () -> {
            if (deviceTree == null) {
                return systemRoot == null ? MachineFacts.NONE : systemRoot.facts(arch, kernel);
            }
            return MachineFacts.of(systemRoot == null ? null : systemRoot.iomem().orElse(null), deviceTree, arch,
                    kernel);
        };
    }
}
