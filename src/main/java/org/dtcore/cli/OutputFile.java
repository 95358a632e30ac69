package org.dtcore.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;

/**
 * Writes an output file atomically: a temporary file in the target's folder, then a rename over the
 * target, so a reader never sees half a file and a failed run leaves the old one. Refuses to write over
 * one of the command's inputs.
 */
final class OutputFile {
    private OutputFile() {
    }

    static void write(Path target, String text, Collection<Path> inputs) {
        write(target, text.getBytes(StandardCharsets.UTF_8), inputs);
    }

    static void write(Path target, byte[] bytes, Collection<Path> inputs) {
        for (Path in : inputs) {
            if (same(target, in)) {
                throw new CommandFailure(target + ": is an input of this command; refusing to overwrite it");
            }
        }
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CommandFailure(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename took it, or the folder is gone: nothing left to clean
                }
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall through to the name comparison
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
