package org.dtcore.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtParser;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.RegEntry;

/**
 * The tests' one way to make a well-formed device tree: written as device-tree source and compiled by dtc
 * (the reference tool, so the blob is dtc's, never dtcore's writer's), so each test reads like its board;
 * either as source text or, for boards a loop writes or whose cells a test computes, with the small builder
 * below ({@link #tree(Item...)}: nodes and properties whose exact bytes become the source dtc compiles). For
 * inputs that are a folder, the same tree laid out as the kernel shows it under /proc/device-tree. Blobs dtc
 * cannot or will not write (malformed, hostile, token-level shapes) are {@link BlobBuilder}'s job.
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

    /** A property or a child node of a board built in code. */
    public sealed interface Item permits Prop, Node {
    }

    /** A property and its exact bytes. */
    public record Prop(String name, byte[] value) implements Item {
    }

    /** A node, its properties and children in order. */
    public record Node(String name, List<Item> items) implements Item {
    }

    /** Each value as one big-endian 32-bit cell. */
    public static Prop cells(String name, long... cells) {
        return new Prop(name, BigEndianCells.u32(cells));
    }

    /** A string list: each string and its NUL. */
    public static Prop str(String name, String... strings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String s : strings) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return new Prop(name, out.toByteArray());
    }

    /** An empty property (a flag such as no-map or ranges). */
    public static Prop flag(String name) {
        return new Prop(name, new byte[0]);
    }

    public static Prop bytes(String name, byte[] value) {
        return new Prop(name, value);
    }

    public static Node node(String name, Item... items) {
        return new Node(name, List.of(items));
    }

    /** A memory node {@code memory@<base>} with device_type "memory" and a 2+2-cell reg. */
    public static Node memory64(long base, long size, Item... extra) {
        List<Item> items = new ArrayList<>();
        items.add(str("device_type", "memory"));
        items.add(cells("reg", base >>> 32, base & 0xffffffffL, size >>> 32, size & 0xffffffffL));
        items.addAll(List.of(extra));
        return new Node("memory@" + Long.toHexString(base), items);
    }

    /** The root holding {@code rootItems}, compiled by dtc and read back. */
    public static DeviceTree tree(Item... rootItems) {
        return tree(List.of(), rootItems);
    }

    /** As {@link #tree(Item...)}, with /memreserve/ entries. */
    public static DeviceTree tree(List<RegEntry> reservations, Item... rootItems) {
        StringBuilder src = new StringBuilder(VERSION_TAG).append('\n');
        for (RegEntry r : reservations) {
            src.append("/memreserve/ 0x").append(Long.toUnsignedString(r.address(), 16)).append(" 0x")
                    .append(Long.toUnsignedString(r.size(), 16)).append(";\n");
        }
        write(src, new Node("/", List.of(rootItems)), "");
        return tree(src.toString());
    }

    /** A node's properties, then its children (a blob holds them in that order: dtc refuses any other). */
    private static void write(StringBuilder src, Node n, String indent) {
        src.append(indent).append(n.name()).append(" {\n");
        for (Item i : n.items()) {
            if (i instanceof Prop p) {
                src.append(indent).append("    ").append(p.name());
                if (p.value().length > 0) {
                    src.append(" = [").append(HexFormat.ofDelimiter(" ").formatHex(p.value())).append(']');
                }
                src.append(";\n");
            }
        }
        for (Item i : n.items()) {
            if (i instanceof Node c) {
                write(src, c, indent + "    ");
            }
        }
        src.append(indent).append("};\n");
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
