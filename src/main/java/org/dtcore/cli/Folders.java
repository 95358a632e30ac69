package org.dtcore.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The one rule for folders, in every command: a folder holding {@code *.dtb} files stands for those
 * blobs (sorted by name) where a command takes many inputs ({@code chunks}, {@code check}) and is refused
 * where it takes one; any other non-empty folder is a /proc/device-tree style folder; an empty folder is
 * refused (it is neither).
 */
final class Folders {
    private Folders() {
    }

    /** The {@code *.dtb} regular files directly in {@code dir}, sorted; empty when there are none. */
    static List<Path> blobs(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path f : s) {
                if (f.getFileName().toString().endsWith(".dtb") && Files.isRegularFile(f)) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new CommandFailure(dir + ": cannot list: " + Inputs.why(e), e);
        }
        Collections.sort(out);
        return out;
    }

    /** Refuses a folder that is empty or a folder of blobs where one source is wanted. */
    static void requireSingleSource(Path p) {
        if (!Files.isDirectory(p)) {
            return;
        }
        if (isEmpty(p)) {
            throw new CommandFailure(p + ": an empty folder, neither a device-tree folder nor a folder of .dtb files");
        }
        int n = blobs(p).size();
        if (n > 0) {
            throw new CommandFailure(p + ": a folder of " + n + " .dtb file" + (n == 1 ? "" : "s")
                    + "; this command reads one source (chunks and check take folders of blobs)");
        }
    }

    /** As {@link #requireSingleSource}, for an optional input that may also be {@code -}. */
    static void requireSingleSourceOrStdin(Path p) {
        if (p != null && !Inputs.isStdin(p)) {
            requireSingleSource(p);
        }
    }

    /** Each argument as given, except a folder of blobs, which stands for its blobs. */
    static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            List<Path> blobs = Files.isDirectory(p) ? blobs(p) : List.of();
            if (blobs.isEmpty()) {
                if (Files.isDirectory(p) && isEmpty(p)) {
                    throw new CommandFailure(p + ": an empty folder, neither a device-tree folder nor a folder"
                            + " of .dtb files");
                }
                out.add(p);
            } else {
                out.addAll(blobs);
            }
        }
        return out;
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw new CommandFailure(dir + ": cannot list: " + Inputs.why(e), e);
        }
    }
}
