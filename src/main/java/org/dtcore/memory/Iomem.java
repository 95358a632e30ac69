package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_IOMEM;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.input.InputFile;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * Reads /proc/iomem text (SPEC §7) into {@link IomemEntry} records and turns them into a
 * {@link MemoryMap}. The kernel prints one resource per line as {@code start-end : name}, both numbers
 * hex with an <b>inclusive</b> end, each child indented two spaces more than its parent.
 */
public final class Iomem {
    /** The node name chunks from /proc/iomem carry (there is no device-tree node behind them). */
    public static final String SOURCE = "/proc/iomem";
    /** The name of RAM the kernel manages (kernel/resource.c, arch setup code): top-level entries are the RAM. */
    public static final String SYSTEM_RAM = "System RAM";
    /** The name of the crash kernel's regions (crashk_res and crashk_low_res: kernel/crash_core.c in 6.1, kernel/crash_reserve.c from 6.12). */
    public static final String CRASH_KERNEL = "Crash kernel";
    /** The name of the kernel image's text, under System RAM (SPEC §10). */
    public static final String KERNEL_CODE = "Kernel code";
    /** The name of the kernel image's data, under System RAM. */
    public static final String KERNEL_DATA = "Kernel data";

    /** /proc/iomem is a few KiB even on large machines; anything past this is not one (as a system root's). */
    public static final int MAX_BYTES = RootFile.IOMEM.maxBytes();

    private Iomem() {
    }

    /**
     * Reads and parses a file; an I/O failure or a file over {@link #MAX_BYTES} names the file.
     *
     * @param file a /proc/iomem copy (UTF-8; a stray non-UTF-8 byte is replaced)
     * @return the entries in file order
     * @throws org.dtcore.input.InputException when the file cannot be read or is too large
     * @throws MemoryMapException BAD_IOMEM as {@link #parse}
     */
    public static List<IomemEntry> read(Path file) {
        return parse(new String(InputFile.read(file, MAX_BYTES), StandardCharsets.UTF_8));
    }

    /**
     * A system root's /proc/iomem, parsed, when it has one. A failure to parse is located at the line only:
     * the caller names the file ({@link SystemRoot#where(RootFile)}).
     *
     * @param root a running system or a copy of one
     * @return the entries in file order; empty when the root has no /proc/iomem
     * @throws MemoryMapException BAD_IOMEM as {@link #parse}, located at the line
     */
    public static Optional<List<IomemEntry>> read(SystemRoot root) {
        return root.text(RootFile.IOMEM).map(Iomem::parse);
    }

    /**
     * Parses the text. Blank lines are skipped; any other line that is not {@code start-end : name} at
     * an even indentation no deeper than one level below the line before, inside its parent, fails with
     * the line number. All-zero addresses fail too: the kernel shows zeros to readers without
     * CAP_SYS_ADMIN (SPEC §7), and a map of zeros would be silently wrong.
     *
     * @param text the whole of /proc/iomem
     * @return the entries in text order, parents before their children; empty for blank text
     * @throws MemoryMapException BAD_IOMEM naming the line
     */
    public static List<IomemEntry> parse(String text) {
        List<IomemEntry> out = new ArrayList<>();
        List<IomemEntry> open = new ArrayList<>(); // the enclosing entry at each depth
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isBlank()) {
                continue;
            }
            IomemEntry e = parseLine(line, i + 1, open);
            while (open.size() > e.depth()) {
                open.remove(open.size() - 1);
            }
            open.add(e);
            out.add(e);
        }
        if (!out.isEmpty() && out.stream().allMatch(e -> e.range().start() == 0 && e.range().end() == 0)) {
            throw new MemoryMapException(BAD_IOMEM, "", "addresses are all zero: read /proc/iomem as root"
                    + " (the kernel hides them from readers without CAP_SYS_ADMIN)");
        }
        return List.copyOf(out);
    }

    private static IomemEntry parseLine(String line, int number, List<IomemEntry> open) {
        String where = "line " + number;
        int spaces = 0;
        while (spaces < line.length() && line.charAt(spaces) == ' ') {
            spaces++;
        }
        String rest = line.substring(spaces);
        if (!rest.isEmpty() && Character.isWhitespace(rest.charAt(0))) {
            throw new MemoryMapException(BAD_IOMEM, where, "indented with a character other than a space;"
                    + " /proc/iomem indents two spaces per level");
        }
        int sep = rest.indexOf(" : ");
        String name;
        if (sep >= 0) {
            name = rest.substring(sep + 3);
        } else if (rest.endsWith(" :")) { // an empty name whose trailing space was stripped
            sep = rest.length() - 2;
            name = "";
        } else {
            throw new MemoryMapException(where, "not a /proc/iomem line ('start-end : name')");
        }
        String numbers = rest.substring(0, sep);
        int dash = numbers.indexOf('-');
        if (dash < 0) {
            throw new MemoryMapException(where, "not a /proc/iomem line ('start-end : name')");
        }
        long start = hex(numbers.substring(0, dash), where, line);
        long end = hex(numbers.substring(dash + 1), where, line);
        if (Long.compareUnsigned(start, end) > 0) {
            throw new MemoryMapException(BAD_IOMEM, where, "start " + Numbers.hex(start) + " is above end "
                    + Numbers.hex(end));
        }
        if (spaces % 2 != 0) {
            throw new MemoryMapException(BAD_IOMEM, where, "indented by " + spaces
                    + " spaces; /proc/iomem indents two spaces per level");
        }
        int depth = spaces / 2;
        if (depth > 0 && open.isEmpty()) {
            throw new MemoryMapException(BAD_IOMEM, where,
                    "the first line is indented; top-level lines start in column 1");
        }
        if (depth > open.size()) {
            throw new MemoryMapException(BAD_IOMEM, where,
                    "indented " + depth + " levels, but the line before is at level "
                    + (open.size() - 1) + " (a child is one level deeper than its parent)");
        }
        MemoryRange range = new MemoryRange(start, end);
        IomemEntry parent = depth == 0 ? null : open.get(depth - 1);
        if (parent != null && !parent.range().contains(range)) {
            throw new MemoryMapException(BAD_IOMEM, where, range + " is not inside its parent " + parent.range()
                    + " (line " + parent.line() + ")");
        }
        return new IomemEntry(range, name, depth, parent == null ? Optional.empty() : Optional.of(parent.name()),
                number);
    }

    // SPEC §0: numbers are unsigned 64-bit; more significant digits than 16 cannot be one. Errors describe
    // the text and never quote it: the file may not be /proc/iomem at all.
    private static long hex(String digits, String where, String line) {
        if (digits.isEmpty()) {
            throw new MemoryMapException(BAD_IOMEM, where, "missing address");
        }
        if (!Numbers.isDigits(digits, 16)) {
            throw new MemoryMapException(BAD_IOMEM, where, "an address of " + digits.length() + " characters is not hex");
        }
        try {
            return Numbers.hexDigits(digits); // the width check (SPEC §0), text.Numbers'
        } catch (TextException e) {
            throw new MemoryMapException(BAD_IOMEM, where, "an address of " + digits.length()
                    + " hex digits is wider than 64 bits");
        }
    }

    /**
     * The memory map /proc/iomem gives (SPEC §7): top-level "System RAM" entries are the RAM chunks (node
     * {@value #SOURCE}, property "System RAM", no NUMA node, not hotpluggable: iomem says neither);
     * "Crash kernel" entries are {@link Chosen#crashKernels()}.
     *
     * <p>The "reserved"/"Reserved" children of System RAM are <em>not</em> listed as
     * {@link ReservedRegion}s: they are the kernel's memblock reservations (firmware, the kernel image,
     * the device tree, /memreserve/, reserved-memory regions with or without no-map, per-CPU areas ...),
     * all mixed under one name. SPEC §5's kinds and no-map flag, which decide what leaves a dump (§8),
     * cannot be told apart from these lines, so listing them would invite the crash layer to drop memory
     * the kernel keeps.
     *
     * @param entries what {@link #parse} returned
     * @return the map: RAM, crash kernels, and a warning for nested System RAM or none at all
     */
    public static MemoryMap toMemoryMap(List<IomemEntry> entries) {
        List<MemoryChunk> chunks = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (IomemEntry e : entries) {
            if (!e.name().equals(SYSTEM_RAM)) {
                continue;
            }
            if (e.isTopLevel()) {
                chunks.add(new MemoryChunk(e.range(), SOURCE, SYSTEM_RAM, MemoryChunk.NO_NUMA_NODE, false));
            } else {
                warnings.add("line " + e.line() + ": \"System RAM\" nested under '" + e.parentName().orElse("")
                        + "' is not counted (only top-level System RAM is RAM)");
            }
        }
        if (chunks.isEmpty()) {
            warnings.add("/proc/iomem has no top-level \"System RAM\" line: no RAM");
        }
        chunks.sort((a, b) -> a.range().compareTo(b.range()));
        List<MemoryRange> ram = new ArrayList<>(chunks.size());
        for (MemoryChunk c : chunks) {
            ram.add(c.range());
        }
        Chosen chosen = new Chosen(List.of(), Optional.empty(), Optional.empty(), crashKernels(entries),
                Optional.empty(), Optional.empty(), Optional.empty());
        return new MemoryMap(Ranges.merged(ram), chunks, List.of(), List.of(), chosen, warnings);
    }

    /**
     * The "Crash kernel" entries, at any depth (they sit under System RAM). The kernel registers at most
     * two, crashkernel and crashkernel-low, so a third is an error. Order as SPEC §6/§11 give
     * linux,usable-memory-range: the main region first, the low one (always the lower address) last.
     *
     * @param entries what {@link #parse} returned
     * @return the main region then the low one; empty when there is none
     * @throws MemoryMapException BAD_IOMEM for a third entry
     */
    public static List<MemoryRange> crashKernels(List<IomemEntry> entries) {
        List<MemoryRange> found = new ArrayList<>();
        for (IomemEntry e : entries) {
            if (e.name().equals(CRASH_KERNEL)) {
                if (found.size() == 2) {
                    throw new MemoryMapException(BAD_IOMEM, "line " + e.line(), "a third \"Crash kernel\" entry "
                            + e.range() + "; the kernel registers at most two (crashkernel and crashkernel-low)");
                }
                found.add(e.range());
            }
        }
        found.sort((a, b) -> b.compareTo(a));
        return List.copyOf(found);
    }

    /**
     * The first "Kernel code" range, at any depth (riscv nests it under "Kernel image"). SPEC §10.
     *
     * @param entries what {@link #parse} returned
     * @return the range; empty when there is none
     */
    public static Optional<MemoryRange> kernelCode(List<IomemEntry> entries) {
        return first(entries, KERNEL_CODE);
    }

    /**
     * The first "Kernel data" range, at any depth. SPEC §10.
     *
     * @param entries what {@link #parse} returned
     * @return the range; empty when there is none
     */
    public static Optional<MemoryRange> kernelData(List<IomemEntry> entries) {
        return first(entries, KERNEL_DATA);
    }

    /**
     * Every entry with exactly this name, in file order.
     *
     * @param entries what {@link #parse} returned
     * @param name    the resource name, matched exactly (case included)
     * @return the entries; empty when none has the name
     */
    public static List<IomemEntry> named(List<IomemEntry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).toList();
    }

    private static Optional<MemoryRange> first(List<IomemEntry> entries, String name) {
        return entries.stream().filter(e -> e.name().equals(name)).map(IomemEntry::range).findFirst();
    }
}
