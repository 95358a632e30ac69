package org.dtcore.context;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.dtcore.DtcoreException;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.SystemTree;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;

/**
 * Where a {@link CrashContext} is gathered from (SPEC §10), and the gathering. Precedence, highest first:
 * options, the JSON context file, the vmcoreinfo note, the system root, then the architecture's defaults
 * ({@link ContextDefaults}). Every part is optional; what nothing gives and has no default is an error
 * that says what to supply.
 *
 * <p>What the defaults need of the machine (the lowest RAM, the CPUs the tree lists, iomem's "Kernel code")
 * is {@link #machine()}: the kdump pipelines give the facts of the memory map and tree they built, so nothing
 * is scanned twice. Without them, the system root's /proc/iomem gives them (and its tree the CPU count), and
 * no tree is scanned.
 *
 * @param systemRoot     a live system or a copy of its /sys and /proc; empty for none
 * @param contextFile    a JSON context file ({@link ContextJson}); empty for none
 * @param vmcoreinfoNote the VMCOREINFO text ({@link VmcoreinfoNote}), already read; empty for none
 * @param systemMap      the kernel's System.map, used instead of the root's /proc/kallsyms; empty for none
 * @param options        the command-line layer ({@link PartialContext#EMPTY} when none)
 * @param kernel         the kernel release whose rules apply; empty when unknown
 * @param machine        what the memory map, the tree and iomem already read say; empty: the root's iomem
 */
public record ContextSources(Optional<SystemRoot> systemRoot, Optional<Path> contextFile,
                             Optional<VmcoreinfoNote> vmcoreinfoNote, Optional<Path> systemMap,
                             PartialContext options, Optional<KernelVersion> kernel, Optional<MachineFacts> machine) {

    /** No source at all: the starting point the {@code with...} methods add to; alone it gives only defaults. */
    public static final ContextSources NONE = new ContextSources(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), PartialContext.EMPTY, Optional.empty(), Optional.empty());

    /**
     * Sources as given; a null {@code options} is {@link PartialContext#EMPTY}.
     *
     * @param systemRoot     a live system or a copy of its /sys and /proc; empty for none
     * @param contextFile    a JSON context file; empty for none
     * @param vmcoreinfoNote the VMCOREINFO text; empty for none
     * @param systemMap      the kernel's System.map; empty for none
     * @param options        the command-line layer; null is taken as {@link PartialContext#EMPTY}
     * @param kernel         the kernel release whose rules apply; empty when unknown
     * @param machine        what the inputs already read say; empty for none
     * @throws NullPointerException when an Optional is null
     */
    public ContextSources {
        Objects.requireNonNull(systemRoot, "systemRoot");
        Objects.requireNonNull(contextFile, "contextFile");
        Objects.requireNonNull(vmcoreinfoNote, "vmcoreinfoNote");
        Objects.requireNonNull(systemMap, "systemMap");
        Objects.requireNonNull(kernel, "kernel");
        Objects.requireNonNull(machine, "machine");
        options = options == null ? PartialContext.EMPTY : options;
    }

    /**
     * These sources reading a system root.
     *
     * @param root a live system or a copy of its /sys and /proc; null for none
     * @return the new sources
     */
    public ContextSources withSystemRoot(SystemRoot root) {
        return new ContextSources(Optional.ofNullable(root), contextFile, vmcoreinfoNote, systemMap, options, kernel, machine);
    }

    /**
     * These sources with a JSON context file, read when {@link #collect} runs.
     *
     * @param file the file ({@link ContextJson}); null for none
     * @return the new sources
     */
    public ContextSources withContextFile(Path file) {
        return new ContextSources(systemRoot, Optional.ofNullable(file), vmcoreinfoNote, systemMap, options, kernel, machine);
    }

    /**
     * These sources with the VMCOREINFO text of a file, read now, so the note is read once however often the
     * context is collected.
     *
     * @param file the saved note; null for none
     * @return the new sources
     * @throws org.dtcore.input.InputException when the file cannot be read
     */
    public ContextSources withVmcoreinfoNote(Path file) {
        return withVmcoreinfoNote(file == null ? null : VmcoreinfoNote.read(file));
    }

    /**
     * These sources with a VMCOREINFO note already read.
     *
     * @param note the note; null for none
     * @return the new sources
     */
    public ContextSources withVmcoreinfoNote(VmcoreinfoNote note) {
        return new ContextSources(systemRoot, contextFile, Optional.ofNullable(note), systemMap, options, kernel, machine);
    }

    /**
     * These sources with a System.map, which gives the kernel symbols instead of the root's /proc/kallsyms.
     *
     * @param file the System.map; null for none
     * @return the new sources
     */
    public ContextSources withSystemMap(Path file) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, Optional.ofNullable(file), options, kernel, machine);
    }

    /**
     * These sources with the highest layer, the values a caller gives directly (the command-line options).
     *
     * @param layer the values; null or {@link PartialContext#EMPTY} for none
     * @return the new sources
     */
    public ContextSources withOptions(PartialContext layer) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, systemMap, layer, kernel, machine);
    }

    /**
     * These sources read by a kernel release's rules.
     *
     * @param version the release; null when unknown (then the root's osrelease, else the newest rules)
     * @return the new sources
     */
    public ContextSources withKernel(KernelVersion version) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, systemMap, options, Optional.ofNullable(version), machine);
    }

    /**
     * These sources with the facts of the memory map and tree already built.
     *
     * @param facts what they say ({@link MachineFacts#of}); null to read the root's /proc/iomem instead
     * @return the new sources
     */
    public ContextSources withMachine(MachineFacts facts) {
        return new ContextSources(systemRoot, contextFile, vmcoreinfoNote, systemMap, options, kernel,
                Optional.ofNullable(facts));
    }

    /**
     * Gathers the context, a CPU note without crash_notes_size getting the kernel's size
     * ({@link NoteSizeRule#kernel}).
     *
     * @param arch the architecture the header is for
     * @return every field, from the highest source that gives it or the default
     * @throws ContextException when a source cannot be read or used, or a field without a default is given by
     *                          none; other project exceptions (input, tree) may escape, never another kind
     */
    public CrashContext collect(Arch arch) {
        return collect(arch, NoteSizeRule.kernel(arch));
    }

    /**
     * As {@link #collect(Arch)}, giving a CPU note without crash_notes_size the loader's size.
     *
     * @param arch     the architecture the header is for
     * @param noteSize the loader's rule for a note without a size
     * @return every field, from the highest source that gives it or the default
     * @throws ContextException when a source cannot be read or used, or a field without a default is given by
     *                          none
     */
    public CrashContext collect(Arch arch, NoteSizeRule noteSize) {
        Optional<KernelSymbols> symbols = systemMap.map(KernelSymbols::read);
        Supplier<MachineFacts> facts;
        Optional<MemoryRange> kernelCode;
        KernelVersion release = release();
        if (machine.isPresent() || systemRoot.isEmpty()) {
            MachineFacts known = machine.orElseGet(() -> MachineFacts.of(null, null, null, arch, release));
            facts = () -> known;
            kernelCode = known.kernelCode();
        } else {
            List<IomemEntry> iomem = inFile(RootFile.IOMEM, () -> Iomem.read(systemRoot.get())).orElse(null);
            facts = () -> MachineFacts.of(iomem, null, rootTree(), arch, release);
            kernelCode = iomem == null ? Optional.empty() : Iomem.kernelCode(iomem);
        }
        PartialContext layers = PartialContext.EMPTY;
        if (systemRoot.isPresent()) {
            // options decide the kernel text over every source: then the root's symbols are not read
            layers = SystemRootContext.read(systemRoot.get(), arch, symbols, release,
                    options.kernelText() == null ? kernelCode : Optional.empty());
        } else if (symbols.isPresent()) {
            layers = layers.withWarning(ContextWarning.general(Wording.of(systemMap.get() + ": a System.map gives virtual"
                    + " addresses only; the kernel's physical place comes from /proc/iomem \"Kernel code\", so it"
                    + " needs ", Given.SYSTEM_ROOT)));
        }
        if (vmcoreinfoNote.isPresent()) {
            layers = layers.overriddenBy(vmcoreinfoNote.get().context(arch));
        }
        PartialContext fromFile = null;
        if (contextFile.isPresent()) {
            // a value the later stages would refuse is refused here, naming the file and its field
            fromFile = ContextJson.read(contextFile.get(), arch);
            SourceCheck.check(fromFile, contextFile.get().toString());
            layers = layers.overriddenBy(fromFile);
        }
        layers = layers.overriddenBy(options);
        CrashContext done = ContextDefaults.complete(arch, layers, facts, noteSize);
        if (fromFile != null) {
            SourceCheck.notesFit(fromFile, done, contextFile.get().toString());
        }
        return done;
    }

    /**
     * The release whose rules read the sources: the one given, else the system root's osrelease (as
     * docs/kdump-inputs.md orders them), else unknown (null). A root whose osrelease does not parse counts
     * as unknown here: the pipelines report that file themselves.
     */
    private KernelVersion release() {
        if (kernel.isPresent() || systemRoot.isEmpty()) {
            return kernel.orElse(null);
        }
        SystemRoot root = systemRoot.get();
        Optional<String> text = root.text(RootFile.OSRELEASE).map(String::strip).filter(t -> !t.isEmpty());
        if (text.isEmpty()) {
            return null;
        }
        try {
            return KernelVersion.parse(text.get(), root.where(RootFile.OSRELEASE));
        } catch (DtcoreException e) {
            return null;
        }
    }
    /**
     * Without the facts of a map already built: the root's booted tree, read only when a default needs it (to
     * count CPUs), and never scanned here: the lowest RAM then comes from /proc/iomem alone.
     */
    private DeviceTree rootTree() {
        SystemRoot root = systemRoot.get();
        Optional<RootFile> file = SystemTree.booted(root);
        return file.isEmpty() ? null : inFile(file.get(), () -> SystemTree.read(root, file.get()));
    }

    /** A root file's reading, its failures named after the file. */
    private <T> T inFile(RootFile file, Supplier<T> read) {
        try {
            return read.get();
        } catch (ContextException e) {
            throw e;
        } catch (DtcoreException e) {
            throw ContextException.in(systemRoot.get().where(file), e);
        }
    }
}
