package org.dtcore.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.dtcore.input.InputFile;

/**
 * The one rule for folders, in every command: a folder holding {@code *.dtb} entries stands for those
 * blobs (sorted by name) where a command takes many inputs ({@code chunks}, {@code check}) and is refused
 * where it takes one; any other non-empty folder is a /proc/device-tree style folder; an empty folder is
 * refused (it is neither). Every {@code *.dtb} entry counts, whatever it is: one that is not a regular
 * file (a FIFO, a socket, a link to a device or to nothing, a link loop, a folder) is a file of the batch
 * that fails with why, never one skipped in silence.
 */
final class Folders {
    private Folders() {
    }

    /**
     * The files of a batch, and which of them were found by listing a folder: those must be blobs, a
     * folder among them is not a device-tree folder given on purpose.
     */
    record Batch(List<Path> files, Set<Path> listed) {
        /** Refuses, in one line naming it, a listed entry that is not a regular file; opens nothing. */
        void requireReadable(Path file) {
            if (listed.contains(file)) {
                InputFile.requireRegular(file);
            }
        }

        int size() {
            return files.size();
        }
    }

    /** The {@code *.dtb} entries directly in {@code dir}, of any kind, sorted; empty when there are none. */
    static List<Path> blobs(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path f : s) {
                if (f.getFileName().toString().endsWith(".dtb")) {
                    out.add(f);
                }
            }
        } catch (IOException e) {
            throw new CommandFailure(dir + ": cannot list: " + InputFile.reason(e), e);
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

    /** Each argument as given, except a folder of blobs, which stands for its {@code *.dtb} entries. */
    static Batch expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        Set<Path> listed = new HashSet<>();
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
                listed.addAll(blobs);
            }
        }
        // a listed entry also given by name is read as the user named it
        for (Path p : args) {
            listed.remove(p);
        }
        return new Batch(List.copyOf(out), Set.copyOf(listed));
    }

    private static boolean isEmpty(Path dir) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            return !s.iterator().hasNext();
        } catch (IOException e) {
            throw new CommandFailure(dir + ": cannot list: " + InputFile.reason(e), e);
        }
    }
}
