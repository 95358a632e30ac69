package org.dtcore.context;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.dtcore.input.InputFile;

/**
 * Reads one small text file of a system root (a sysfs attribute, /proc/cmdline, /proc/iomem) with a
 * size bound: sysfs and procfs report sizes that are not the contents' size, so the bound is on what is
 * read, never on what {@code stat} says. A missing file is "not given"; anything else that stops the read
 * is a {@link ContextException} naming the file.
 */
final class SystemFile {
    /** A sysfs attribute is at most one page (PAGE_SIZE, 64 KiB at the largest). */
    static final int ATTRIBUTE_BYTES = 64 << 10;
    /** /proc/iomem, a vmcoreinfo note, a context file: a few KiB on real machines. */
    static final int TEXT_BYTES = 16 << 20;

    private SystemFile() {
    }

    /** The file's text, or empty when it does not exist. */
    static Optional<String> read(Path file, int maxBytes) {
        return InputFile.readIfPresent(file, maxBytes).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** The file's text; a missing file is an error too. */
    static String require(Path file, int maxBytes) {
        return new String(InputFile.read(file, maxBytes), StandardCharsets.UTF_8);
    }
}
