package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.UNREADABLE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(require(file, maxBytes));
    }

    /** The file's text; a missing file is an error too. */
    static String require(Path file, int maxBytes) {
        return new String(requireBytes(file, maxBytes), StandardCharsets.UTF_8);
    }

    /** The file's bytes; a missing file is an error too. */
    static byte[] requireBytes(Path file, int maxBytes) {
        if (Files.isDirectory(file)) {
            throw new ContextException(UNREADABLE, file.toString(), "is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // a FIFO or device could block or never end
            throw new ContextException(UNREADABLE, file.toString(), "neither a regular file nor a folder");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(maxBytes + 1);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ContextException(UNREADABLE, file.toString(), "no such file");
        } catch (IOException e) {
            throw new ContextException(UNREADABLE, file.toString(), "cannot read: " + e.getMessage());
        }
        if (bytes.length > maxBytes) {
            throw new ContextException(UNREADABLE, file.toString(),
                    "larger than " + maxBytes + " bytes; refusing to read it");
        }
        return bytes;
    }
}
