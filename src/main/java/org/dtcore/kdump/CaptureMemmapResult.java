package org.dtcore.kdump;

import java.util.List;
import org.dtcore.Wording;
import org.dtcore.capture.CaptureMemmap;
import org.dtcore.memory.KernelVersion;

/**
 * An x86_64 capture kernel's e820 map and how it was made.
 *
 * @param memmap   the boot parameters' entries, the map the capture kernel keeps, the command-line words
 * @param kernel   the kernel release whose rules applied
 * @param mode     which loader's rules
 * @param notices  defaults relied on, each naming what would override it ({@link Wording})
 */
public record CaptureMemmapResult(CaptureMemmap memmap, KernelVersion kernel, LoaderMode mode,
                                  List<Wording> notices) {
    /**
     * Copies the notices.
     *
     * @param memmap   the boot parameters' entries, the map the capture kernel keeps, the command-line words
     * @param kernel   the kernel release whose rules applied
     * @param mode     which loader's rules
     * @param notices  defaults relied on, each naming what would override it ({@link Wording})
     */
    public CaptureMemmapResult {
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
