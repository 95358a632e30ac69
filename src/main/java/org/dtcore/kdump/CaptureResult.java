package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.KernelVersion;

/**
 * A capture kernel's tree and how it was made.
 *
 * @param tree       the tree the loader hands the capture kernel
 * @param source     the booted tree it was made from
 * @param headerSize the core header segment's size it carries (linux,elfcorehdr and /memreserve/)
 * @param kernel     the kernel release whose rules applied
 * @param warnings   defaults relied on, for the user
 */
public record CaptureResult(DeviceTree tree, Path source, long headerSize, KernelVersion kernel,
                            List<String> warnings) {
    public CaptureResult {
        warnings = List.copyOf(warnings);
    }
}
