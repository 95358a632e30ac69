package org.dtcore.kdump;

import java.util.List;
import org.dtcore.capture.CaptureMemmap;
import org.dtcore.memory.KernelVersion;

/**
 * An x86_64 capture kernel's e820 map and how it was made.
 *
 * @param memmap   the boot parameters' entries, the map the capture kernel keeps, the command-line words
 * @param kernel   the kernel release whose rules applied
 * @param mode     which loader's rules
 * @param warnings defaults relied on, for the user
 */
public record CaptureMemmapResult(CaptureMemmap memmap, KernelVersion kernel, LoaderMode mode,
                                  List<String> warnings) {
    public CaptureMemmapResult {
        warnings = List.copyOf(warnings);
    }
}
