package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;
import static org.dtcore.context.ContextException.Kind.BAD_VALUE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
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

    /**
     * The entries in folder order (0, 1, 2 ...), or empty when the root has no such folder. Each numbered
     * folder must hold all three files.
     *
     * @param root the system root
     * @return the entries; empty when the root has no /sys/firmware/memmap
     * @throws ContextException when an entry lacks a file, a number does not parse, an end lies below its
     *                          start, or there are too many entries
     */

    public static Optional<List<Entry>> read(SystemRoot root) {
        List<String> numbers = root.instances(RootFile.FIRMWARE_MEMMAP_START);
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        if (numbers.size() > MAX_ENTRIES) {
            throw new ContextException(BAD_FILE, root.where(RootFile.FIRMWARE_MEMMAP_START.numberedFolder()),
                    "more than " + MAX_ENTRIES + " entries");
        }
        List<Entry> out = new ArrayList<>(numbers.size());
        for (String n : numbers) {
            long start = Hex.parse(attribute(root, RootFile.FIRMWARE_MEMMAP_START, n).strip(),
                    root.where(RootFile.FIRMWARE_MEMMAP_START, n), "start");
            String endFile = root.where(RootFile.FIRMWARE_MEMMAP_END, n);
            long end = Hex.parse(attribute(root, RootFile.FIRMWARE_MEMMAP_END, n).strip(), endFile, "end");
            if (Long.compareUnsigned(end, start) < 0) {
                throw new ContextException(BAD_VALUE, endFile, "end lies below the entry's start");
            }
            // "%s\n": the newline is sysfs', the type is the text before it
            String type = attribute(root, RootFile.FIRMWARE_MEMMAP_TYPE, n);
            type = type.endsWith("\n") ? type.substring(0, type.length() - 1) : type;
            out.add(new Entry(Integer.parseInt(n), new MemoryRange(start, end), type));
        }
        return Optional.of(List.copyOf(out));
    }

    private static String attribute(SystemRoot root, RootFile file, String n) {
        return root.text(file, n).orElseThrow(() -> new ContextException(BAD_FILE, root.where(file, n),
                "missing: every memmap entry has start, end and type"));
    }
}
