package org.dtcore.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtProperty;

/**
 * The tests' one way to make a well-formed device tree: written as device-tree source and compiled by dtc
 * (the reference tool, so the blob is dtc's, never dtcore's writer's), so each test reads like its board;
 * and, for inputs that are a folder, the same tree laid out as the kernel shows it under /proc/device-tree.
 * Blobs dtc cannot or will not write (malformed, hostile) are {@link BlobBuilder}'s job.
 */
public final class DtsBoard {
    private static final String VERSION_TAG = "/dts-v1/;";

    private DtsBoard() {
    }

    /**
     * Compiles {@code source} (the /dts-v1/ line is added when it has none) with {@code dtc -q} and the
     * given dtc flags into {@code dir}/{@code name}.dtb.
     */
    public static Path compile(Path dir, String name, String source, String... dtcFlags) {
        return compileTo(dir.resolve(name + ".dtb"), source, dtcFlags);
    }

    /** As {@link #compile}, into the file {@code blob} (an overlay's .dtbo, say). */
    public static Path compileTo(Path blob, String source, String... dtcFlags) {
        try {
            String name = blob.getFileName().toString();
            Path dts = blob.resolveSibling(name.substring(0, name.lastIndexOf('.') < 0 ? name.length()
                    : name.lastIndexOf('.')) + ".dts");
            Files.writeString(dts, source.stripLeading().startsWith(VERSION_TAG) ? source : VERSION_TAG + "\n" + source);
            dtc(dts, blob, dtcFlags);
            Files.delete(dts);
            return blob;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Compiles {@code source} and reads the blob back. */
    public static DeviceTree tree(String source) {
        try {
            Path dir = Files.createTempDirectory("dtcore-board");
            try {
                return FdtParser.read(compile(dir, "board", source));
            } finally {
                ScratchFolder.delete(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A decompiled live tree (/proc/device-tree saved with {@code dtc -I fs -O dts}) laid back out as the
     * kernel's folder: dtc compiles {@code dts} into {@code scratchBlob}, then {@link #folder(FdtNode, Path)}.
     */
    public static void folder(Path dts, Path folder, Path scratchBlob) throws IOException {
        dtc(dts, scratchBlob);
        folder(FdtParser.read(scratchBlob).root(), folder);
    }

    /** Writes {@code node} as /proc/device-tree shows a tree: a folder per node, a file per property's bytes. */
    public static void folder(FdtNode node, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (FdtProperty p : node.properties()) {
            Files.write(dir.resolve(p.name()), p.bytes());
        }
        for (FdtNode child : node.children()) {
            folder(child, dir.resolve(child.name()));
        }
    }

    private static void dtc(Path dts, Path blob, String... flags) {
        List<String> cmd = new ArrayList<>(List.of("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", blob.toString()));
        cmd.addAll(List.of(flags));
        cmd.add(dts.toString());
        ExternalTool.output(cmd.toArray(String[]::new));
    }
}
