package org.dtcore.kdump;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.dtcore.Wording;
import org.dtcore.context.CrashContext;
import org.dtcore.crash.CrashMemory;
import org.dtcore.elf.EncodedCoreHeader;
import org.dtcore.memory.KernelVersion;

/**
 * A built core header and how it was made.
 *
 * @param header   the bytes and their model (the kernel's 4096-byte buffer, zero-filled)
 * @param crash    the crash memory its PT_LOADs cover; empty when kexec-tools' own rules read the system root
 *                 (their ranges are not the kernel's crash memory, SPEC §9 kexec-tools mode)
 * @param context  the crash context the kernel's rules used; empty then too
 * @param kernel   the kernel release whose rules applied
 * @param mode     who built it
 * @param notices  defaults relied on and inputs left out, each naming what would override it ({@link Wording})
 */
public record HeaderResult(EncodedCoreHeader header, Optional<CrashMemory> crash, Optional<CrashContext> context,
                           KernelVersion kernel, LoaderMode mode, List<Wording> notices) {
    /**
     * Checks the optional parts are given as Optionals and copies the notices.
     *
     * @param header   the bytes and their model (the kernel's 4096-byte buffer, zero-filled)
     * @param crash    the crash memory its PT_LOADs cover; empty when kexec-tools' own rules read the system root
     *                 (their ranges are not the kernel's crash memory, SPEC §9 kexec-tools mode)
     * @param context  the crash context the kernel's rules used; empty then too
     * @param kernel   the kernel release whose rules applied
     * @param mode     who built it
     * @param notices  defaults relied on and inputs left out, each naming what would override it ({@link Wording})
     * @throws NullPointerException when {@code crash} or {@code context} is null
     */
    public HeaderResult {
        Objects.requireNonNull(crash, "crash");
        Objects.requireNonNull(context, "context");
        notices = List.copyOf(notices);
    }

    /**
     * The notices in the library's words, for the user.
     *
     * @return each notice as one line, naming inputs as the library names them; empty when none
     */
    public List<String> warnings() {
        return notices.stream().map(Wording::toString).toList();
    }
}
