package org.dtcore.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes an output file so that nothing the user had is lost: the bytes go to a temporary file in the
 * target's folder, which is then renamed over the target; on any failure the temporary file is removed
 * and the previous target is untouched. An output that is one of the inputs is refused.
 */
final class OutputFile {
    private OutputFile() {
    }

    static void write(Path target, byte[] bytes, List<Path> inputs) {
        Path abs = target.toAbsolutePath();
        for (Path in : inputs) {
            if (in != null && sameFile(abs, in)) {
                throw new CommandFailure(target + ": refusing to write over the input " + in);
            }
        }
        if (Files.isDirectory(abs)) {
            throw new CommandFailure(target + ": is a folder; give a file name with -o");
        }
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new CommandFailure(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed and says so; a stray temporary file is the lesser harm
                }
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return a.equals(b.toAbsolutePath());
        }
    }
}
