package org.dtcore.capture;

import java.util.Optional;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * The capture kernel's command line (SPEC §11). powerpc's and riscv's loaders (setup_kdump_cmdline) write
 * {@code "elfcorehdr=0x%lx "} in front of the user's line — the trailing space stays even when the line
 * is empty — so those kernels always get bootargs; the other loaders pass the user's line as it is, or
 * none.
 */
final class KdumpCommandLine {
    private KdumpCommandLine() {
    }

    static Optional<String> of(Arch arch, Optional<String> bootargs, MemoryRange elfCoreHeader) {
        if (!prefixesElfCoreHeader(arch)) {
            return bootargs;
        }
        return Optional.of("elfcorehdr=" + Numbers.hex(elfCoreHeader.start()) + " " + bootargs.orElse(""));
    }

    /** Seen on real kernels: ppc64le and riscv64 capture trees carry the prefix, arm64's does not. */
    static boolean prefixesElfCoreHeader(Arch arch) {
        return arch == Arch.PPC64 || arch == Arch.RISCV64;
    }
}
