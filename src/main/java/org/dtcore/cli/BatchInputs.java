package org.dtcore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files a batch run reads: each argument as given, except a folder holding {@code *.dtb} files, which
 * stands for those files (sorted by name). A folder without any is read as a /proc/device-tree folder.
 */
final class BatchInputs {
    private BatchInputs() {
    }

    static List<Path> expand(List<Path> args) {
        List<Path> out = new ArrayList<>();
        for (Path p : args) {
            List<Path> blobs = Files.isDirectory(p) ? blobs(p) : List.of();
            if (blobs.isEmpty()) {
                out.add(p);
            } else {
                out.addAll(blobs);
            }
        }
        return out;
    }

    /** True when {@code args} name more than one source (so a batch format is needed). */
    static boolean isMany(List<Path> args) {
        return expand(args).size() > 1;
    }

    private static List<Path> blobs(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".dtb") && Files.isRegularFile(f)).sorted()
                    .toList();
        } catch (IOException e) {
            throw new CommandFailure(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
