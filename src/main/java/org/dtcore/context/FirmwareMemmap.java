package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;
import static org.dtcore.context.ContextException.Kind.BAD_VALUE;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.dtcore.memory.MemoryRange;

/**
 * A system root's {@code sys/firmware/memmap} (drivers/firmware/memmap.c): the memory map the firmware
 * handed the kernel, one folder per entry, numbered in the order the kernel added them (on x86 the
 * sanitized e820 table, e820_table_firmware, before the kernel's own edits). Each folder holds
 * {@code start} and {@code end} ("0x%llx", end inclusive) and {@code type} (e820_type_to_string(): "System
 * RAM", "Reserved", "ACPI Tables" ...). Only the files are read here; what a type means is the capture
 * layer's. kexec-tools' get_memory_ranges() (kexec/arch/i386/kexec-x86-common.c) prefers this map to
 * /proc/iomem for the memory it may place segments in.
 */
public final class FirmwareMemmap {
    /** The folder under a system root. */
    public static final String FOLDER = "sys/firmware/memmap";
    /** Far more entries than any e820 table (E820_MAX_ENTRIES is 3 × 128 + 128 on x86) or kexec-tools reads. */
    static final int MAX_ENTRIES = 65536;

    /**
     * One entry as sysfs shows it.
     *
     * @param index the folder's number
     * @param range start .. end, inclusive
     * @param type  the type text, without its newline
     */
    public record Entry(int index, MemoryRange range, String type) {
    }

    private FirmwareMemmap() {
    }

    /** The entries in folder order (0, 1, 2 ...), or empty when the root has no such folder. */
    static Optional<List<Entry>> read(SystemRoot root) {
        Path folder = root.file(FOLDER);
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        List<Entry> out = new ArrayList<>();
        for (Path dir : entryFolders(folder)) {
            int index = Integer.parseInt(dir.getFileName().toString());
            Path startFile = root.file(FOLDER + "/" + index + "/start");
            Path endFile = root.file(FOLDER + "/" + index + "/end");
            Path typeFile = root.file(FOLDER + "/" + index + "/type");
            long start = Hex.parse(SystemFile.require(startFile, SystemFile.ATTRIBUTE_BYTES).strip(),
                    startFile.toString(), "start");
            long end = Hex.parse(SystemFile.require(endFile, SystemFile.ATTRIBUTE_BYTES).strip(),
                    endFile.toString(), "end");
            if (Long.compareUnsigned(end, start) < 0) {
                throw new ContextException(BAD_VALUE, endFile.toString(), "end lies below the entry's start");
            }
            // "%s\n": the newline is sysfs', the type is the text before it
            String type = SystemFile.require(typeFile, SystemFile.ATTRIBUTE_BYTES);
            type = type.endsWith("\n") ? type.substring(0, type.length() - 1) : type;
            out.add(new Entry(index, new MemoryRange(start, end), type));
        }
        out.sort(Comparator.comparingInt(Entry::index));
        return Optional.of(List.copyOf(out));
    }

    /** The numbered folders (no leading zeros, at most 9 digits); anything else is not a sysfs copy. */
    private static List<Path> entryFolders(Path folder) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(folder)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (!isIndex(name)) {
                    throw new ContextException(BAD_FILE, p.toString(), "not a numbered memmap entry folder");
                }
                if (out.size() == MAX_ENTRIES) {
                    throw new ContextException(BAD_FILE, folder.toString(), "more than " + MAX_ENTRIES + " entries");
                }
                out.add(p);
            }
        } catch (IOException e) {
            throw new ContextException(BAD_FILE, folder.toString(), "cannot list: " + e.getMessage());
        }
        return out;
    }

    private static boolean isIndex(String name) {
        if (name.isEmpty() || name.length() > 9 || name.charAt(0) == '0' && name.length() > 1) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
