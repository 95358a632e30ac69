package org.dtcore.kdump;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.dtcore.input.RootFile;
import org.dtcore.input.TarArchiveWriter;

/**
 * A snapshot taken ({@link SnapshotPipeline}): the files copied, by their path under the root, and the
 * manifest. It is written as a .tar.gz ({@link #archive()}, the same bytes for the same system), or as a
 * folder ({@link #writeFolder}); either is a system root every kdump command reads.
 */
public final class SnapshotResult {
    private final SortedMap<String, byte[]> files;
    private final SnapshotManifest manifest;

    SnapshotResult(SortedMap<String, byte[]> files, SnapshotManifest manifest) {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.manifest = manifest;
    }

    /**
     * What the snapshot holds and could not copy, as it is written into it.
     *
     * @return the manifest
     */
    public SnapshotManifest manifest() {
        return manifest;
    }

    /**
     * The paths of the files copied, in order (the manifest's own file not among them).
     *
     * @return paths under the root, without a leading slash ("proc/iomem"), sorted
     */
    public List<String> paths() {
        return List.copyOf(files.keySet());
    }

    /**
     * A copy of the file at {@code path}, when the snapshot holds it.
     *
     * @param path the path under the root, as {@link #paths()} gives it
     * @return the file's bytes (a copy the caller may change); empty when the snapshot does not hold it
     */
    public Optional<byte[]> bytes(String path) {
        byte[] b = files.get(path);
        return b == null ? Optional.empty() : Optional.of(b.clone());
    }

    /** Every file the snapshot writes: the copies and the manifest. */
    private SortedMap<String, byte[]> contents() {
        SortedMap<String, byte[]> all = new TreeMap<>(files);
        all.put(SnapshotManifest.FILE, manifest.json());
        return all;
    }

    /**
     * The snapshot as a .tar.gz: deterministic ({@link TarArchiveWriter}), so one system gives one archive.
     *
     * @return the archive's bytes, the manifest among its entries
     */
    public byte[] archive() {
        return SourceFile.read(SnapshotManifest.FILE, () -> TarArchiveWriter.gzip(contents()));
    }

    /**
     * As {@link #archive()}, not compressed.
     *
     * @return the tar archive's bytes
     */
    public byte[] tar() {
        return SourceFile.read(SnapshotManifest.FILE, () -> TarArchiveWriter.tar(contents()));
    }

    /**
     * Writes the snapshot as the folder {@code target}: a new path, an empty folder, or an earlier snapshot,
     * which it replaces. Anything else is refused: a folder holding other files is not overwritten. The
     * files go to a temporary folder beside {@code target}, renamed into place once whole, so a failure
     * leaves no half-written snapshot.
     *
     * @param target the folder to write
     * @throws KdumpException OUTPUT when {@code target} is refused or cannot be written
     */
    public void writeFolder(Path target) {
        Path dir = target.toAbsolutePath().normalize();
        Path parent = dir.getParent();
        if (parent == null) {
            throw refuse(target, "is the file system's root; give a folder to create");
        }
        boolean exists = Files.exists(dir, LinkOption.NOFOLLOW_LINKS);
        if (exists) {
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(target, "is not a folder; give a new path, an empty folder or an earlier snapshot"
                        + " (or a name ending .tar.gz for an archive)");
            }
            if (!isEmpty(dir) && !isSnapshot(dir)) {
                throw refuse(target, "holds files that are not a dtcore snapshot; refusing to write there (give a"
                        + " new path, an empty folder or an earlier snapshot)");
            }
        }
        String stem = "." + dir.getFileName() + "." + ProcessHandle.current().pid();
        Path tmp = parent.resolve(stem + ".tmp");
        Path old = parent.resolve(stem + ".old");
        try {
            Files.createDirectory(tmp);
            for (var f : contents().entrySet()) {
                Path p = tmp.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.write(p, f.getValue());
            }
            if (exists) {
                move(dir, old);
            }
            move(tmp, dir);
            if (exists) {
                delete(old);
            }
        } catch (IOException e) {
            try {
                delete(tmp);
            } catch (IOException ignored) {
                // the write already failed and says so
            }
            throw refuse(target, "cannot write: " + (e.getMessage() == null ? "failed" : e.getMessage()));
        }
    }

    private static KdumpException refuse(Path target, String message) {
        return new KdumpException(KdumpException.Kind.OUTPUT, target.toString(), message);
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * True when {@code dir} is an earlier snapshot: its manifest at the top, and nothing in it but folders and
     * regular files a snapshot writes (the files {@link RootFile} declares): never someone's other files.
     */
    static boolean isSnapshot(Path dir) {
        if (!Files.isRegularFile(dir.resolve(SnapshotManifest.FILE), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.allMatch(p -> {
                if (p.equals(dir) || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    return true;
                }
                String rel = dir.relativize(p).toString();
                return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
                        && (rel.equals(SnapshotManifest.FILE) || RootFile.holding(rel).isPresent());
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
