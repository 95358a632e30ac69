package org.dtcore.kdump;

import java.util.List;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.input.InputException;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.ScanOptions;

/**
 * {@code dtcore chunks --sysroot} as a library call: the memory map the kdump pipelines cover, from the
 * source {@link InputPrecedence} chooses (on x86_64 the root's /proc/iomem, elsewhere its booted tree, unless
 * a file is given), scanned once with the release's rules.
 */
public final class MemoryMapPipeline {
    private MemoryMapPipeline() {
    }

    /**
     * The memory map of these inputs.
     *
     * @param map     the map, warnings included
     * @param scan    the rules it was scanned with (the release and riscv64's load address filled in)
     * @param source  how messages name the file it came from
     * @param kernel  the release whose rules applied
     * @param notices what the choice of sources relied on (an unknown release ...)
     */
    public record Result(MemoryMap map, ScanOptions scan, String source, KernelVersion kernel,
                         List<Wording> notices) {
        /**
         * Copies the notices.
         *
         * @param map     the map, warnings included
         * @param scan    the rules it was scanned with (the release and riscv64's load address filled in)
         * @param source  how messages name the file it came from
         * @param kernel  the release whose rules applied
         * @param notices what the choice of sources relied on (an unknown release ...)
         */
        public Result {
            notices = List.copyOf(notices);
        }
    }

    /**
     * Scans the memory map of these inputs.
     *
     * @param inputs the board and where its facts come from
     * @return the map, the rules and release it was scanned with, and where it came from
     * @throws KdumpException NO_MEMORY_SOURCE when neither the file nor the system root gives one, INPUT for
     *                        a file that cannot be read or decoded
     */
    public static Result map(KdumpInputs inputs) {
        ResolvedInputs in = InputPrecedence.resolve(inputs);
        MemoryMap map = in.map();
        if (map == null) {
            throw new KdumpException(KdumpException.Kind.NO_MEMORY_SOURCE, "", Wording.of("no memory source: give ",
                    Given.MEMORY_FILE, " or ", Given.SYSTEM_ROOT, in.root() == null ? "" : " (" + in.root()
                    + " has no sys/firmware/fdt, proc/device-tree or, for x86_64, proc/iomem)"));
        }
        // InputPrecedence's order: FILE, else x86_64's /proc/iomem, else the booted tree
        String source = inputs.file().isPresent() ? inputs.file().get().toString() : in.arch() == Arch.X86_64
                ? in.root().where(RootFile.IOMEM) : in.treeWhere();
        return new Result(map, in.scan(), source, in.kernel(), in.warnings());
    }

    /**
     * The architecture a system root's proc/sys/kernel/arch names (what {@code uname -m} prints: "x86_64",
     * "aarch64", "ppc64le", "riscv64"), when it has one dtcore knows.
     *
     * @param root the system root to read
     * @return the architecture; empty when the file is missing, unreadable, empty or names one dtcore lacks
     */
    public static Optional<Arch> machine(SystemRoot root) {
        Optional<String> m;
        try {
            m = root.text(RootFile.MACHINE).map(String::strip);
        } catch (InputException e) {
            return Optional.empty();
        }
        if (m.isEmpty() || m.get().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Arch.parse(m.get()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
