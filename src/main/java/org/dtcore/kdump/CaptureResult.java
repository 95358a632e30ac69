package org.dtcore.kdump;

import java.nio.file.Path;
import java.util.List;
import org.dtcore.Wording;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.KernelVersion;

/**
 * A capture kernel's tree and how it was made.
 *
 * @param tree       the tree the loader hands the capture kernel
 * @param source     the file the booted tree it was made from was read from (FILE, the system root's file,
 *                   or the system root's archive)
 * @param headerSize the core header segment's size it carries (linux,elfcorehdr and /memreserve/)
 * @param kernel     the kernel release whose rules applied
 * @param notices    defaults relied on, each naming what would override it ({@link Wording})
 */
public record CaptureResult(DeviceTree tree, Path source, long headerSize, KernelVersion kernel,
                            List<Wording> notices) {
    /**
     * Copies the notices.
     *
     * @param tree       the tree the loader hands the capture kernel
     * @param source     the file the booted tree it was made from was read from (FILE, the system root's file,
     *                   or the system root's archive)
     * @param headerSize the core header segment's size it carries (linux,elfcorehdr and /memreserve/)
     * @param kernel     the kernel release whose rules applied
     * @param notices    defaults relied on, each naming what would override it ({@link Wording})
     */
    public CaptureResult {
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
