package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_SOURCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import org.dtcore.input.InputFile;

/**
 * The three inputs {@code dtcore chunks} accepts (SPEC §12: "detected from content"), told apart by a
 * look at the start of the file only.
 */
public enum MemorySourceKind {
    /** A flattened device tree blob: starts with the big-endian magic 0xd00dfeed (SPEC §1). */
    DTB,
    /** A /proc/device-tree style folder (SPEC §7). */
    FOLDER,
    /** /proc/iomem text (SPEC §7). */
    IOMEM;

    private static final int FDT_MAGIC = 0xd00dfeed;
    /** Enough for the first lines of /proc/iomem; detection never reads more. */
    private static final int PREFIX_BYTES = 4096;
    // a first line as the kernel prints it; the name may be empty
    private static final Pattern IOMEM_LINE = Pattern.compile("[0-9a-fA-F]{1,32}-[0-9a-fA-F]{1,32} :( .*)?");

    /** What {@code path} holds; fails naming the file when it is none of the three or cannot be read. */
    public static MemorySourceKind detect(Path path) {
        if (Files.isDirectory(path)) {
            return FOLDER;
        }
        // a FIFO or device could block or never end; none of the three inputs is one
        byte[] head = InputFile.head(path, PREFIX_BYTES);
        int magic = 0;
        for (int i = 0; i < Math.min(4, head.length); i++) {
            magic = (magic << 8) | (head[i] & 0xff);
        }
        if (head.length >= 4 && magic == FDT_MAGIC) {
            return DTB;
        }
        if (looksLikeIomem(head)) {
            return IOMEM;
        }
        String found = head.length >= 4 ? String.format(Locale.ROOT,"found 0x%08x", magic)
                : "the file has only " + head.length + " bytes";
        throw new MemoryMapException(BAD_SOURCE, path.toString(), "neither a device tree blob (magic 0xd00dfeed; "
                + found + "), a folder, nor /proc/iomem text ('start-end : name' lines)");
    }

    private static boolean looksLikeIomem(byte[] head) {
        // ISO-8859-1 maps every byte to a char, so binary input cannot fail to decode
        String text = new String(head, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                return IOMEM_LINE.matcher(trimmed).matches();
            }
        }
        return false;
    }
}
