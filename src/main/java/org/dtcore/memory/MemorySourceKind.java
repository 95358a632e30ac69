package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_SOURCE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.dtcore.input.InputFile;
import org.dtcore.text.Numbers;

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
    /** Compiled on first use only: a blob (the usual input) never needs the regex engine at start-up. */
    private static final class IomemLine {
        // a first line as the kernel prints it; the name may be empty
        static final Pattern PATTERN = Pattern.compile("[0-9a-fA-F]{1,32}-[0-9a-fA-F]{1,32} :( .*)?");
    }

    /**
     * What {@code path} holds; fails naming the file when it is none of the three or cannot be read.
     *
     * @param path a folder, or a file whose first 4 KiB are looked at
     * @return the kind of source
     * @throws MemoryMapException BAD_SOURCE naming the file when it is none of the three
     * @throws org.dtcore.input.InputException when the file cannot be read (missing, special, unreadable)
     */
    public static MemorySourceKind detect(Path path) {
        if (Files.isDirectory(path)) {
            return FOLDER;
        }
        // a FIFO or device could block or never end; none of the three inputs is one
        byte[] head = InputFile.head(path, PREFIX_BYTES);
        try {
            return detect(head);
        } catch (MemoryMapException e) {
            throw new MemoryMapException(e.kind(), path.toString(), e.detail());
        }
    }

    /**
     * What a source read whole into memory holds (standard input): a blob or /proc/iomem text; it cannot
     * be a folder. {@code head} may be the whole input; only its first bytes are looked at.
     *
     * @param head the input, or at least its first 4 KiB
     * @return {@link #DTB} or {@link #IOMEM}
     * @throws MemoryMapException BAD_SOURCE when it is neither
     */
    public static MemorySourceKind detect(byte[] head) {
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
        String found = head.length >= 4 ? "found " + Numbers.hex8(Integer.toUnsignedLong(magic))
                : "the file has only " + head.length + " bytes";
        throw new MemoryMapException(BAD_SOURCE, "", "neither a device tree blob (magic 0xd00dfeed; "
                + found + "), a folder, nor /proc/iomem text ('start-end : name' lines)");
    }

    private static boolean looksLikeIomem(byte[] head) {
        // ISO-8859-1 maps every byte to a char, so binary input cannot fail to decode
        String text = new String(head, 0, Math.min(head.length, PREFIX_BYTES), StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty()) {
                return IomemLine.PATTERN.matcher(trimmed).matches();
            }
        }
        return false;
    }
}
