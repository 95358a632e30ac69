package org.dtcore.cli;

import java.io.PrintWriter;
import org.dtcore.TerminalText;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;

/** The table form of a memory map: aligned columns like readelf, 0x%016x, human sizes, warnings last. */
final class MemoryMapTable {
    private static final String RANGE_HEAD = "  " + padRight("Start", 18) + " " + padRight("End", 18) + " "
            + padRight("Size", 18) + " " + padRight("", 9);

    private MemoryMapTable() {
    }

    static void print(MemoryMap map, String title, PrintWriter out) {
        out.println(TerminalText.escape(title));
        out.println();
        out.println("RAM: " + map.memory().size() + " range" + (map.memory().size() == 1 ? "" : "s") + ", "
                + AddressFormat.human(map.totalRam()));
        out.println(RANGE_HEAD.stripTrailing());
        for (MemoryRange r : map.memory()) {
            out.println(row(r).stripTrailing());
        }
        out.println();
        out.println("Chunks: " + map.chunks().size());
        out.println(RANGE_HEAD + " NUMA Hotplug Source");
        // One row per chunk (262,144 on a big pseries tree): built without Formatter and printed without
        // printf, whose autoflush would make a write per row; the command flushes once at the end.
        for (MemoryChunk c : map.chunks()) {
            out.print(row(c.range()) + " " + padRight(c.hasNumaNode() ? Integer.toString(c.numaNode()) : "-", 4)
                    + " " + padRight(c.hotpluggable() ? "yes" : "no", 7) + " " + TerminalText.escape(c.node()) + " "
                    + TerminalText.escape(c.property())
                    + System.lineSeparator());
        }
        if (!map.reserved().isEmpty()) {
            out.println();
            out.println("Reserved: " + map.reserved().size());
            out.println(RANGE_HEAD + " Kind            Flags        Node");
            for (ReservedRegion r : map.reserved()) {
                String flags = r.noMap() ? "no-map" : r.reusable() ? "reusable" : "-";
                out.println(row(r.range()) + " " + padRight(r.kind().jsonName(), 15) + " " + padRight(flags, 12) + " "
                        + (r.node() == null ? "/memreserve/" : TerminalText.escape(r.node())));
            }
        }
        if (!map.dynamicReserved().isEmpty()) {
            out.println();
            out.println("Dynamic reservations (placed at boot): " + map.dynamicReserved().size());
            out.println("  " + padRight("Size", 18) + " " + padRight("", 9) + " " + padRight("Alignment", 18) + " "
                    + padRight("Flags", 12) + " Node / alloc-ranges");
            for (DynamicReservation d : map.dynamicReserved()) {
                String flags = d.noMap() ? "no-map" : d.reusable() ? "reusable" : "-";
                StringBuilder alloc = new StringBuilder();
                for (MemoryRange r : d.allocRanges()) {
                    alloc.append(' ').append(AddressFormat.hex16(r.start())).append('-')
                            .append(AddressFormat.hex16(r.end()));
                }
                out.println("  " + AddressFormat.hex16(d.size()) + " " + padRight("(" + AddressFormat.human(d.size())
                        + ")", 9) + " " + AddressFormat.hex16(d.alignment()) + " " + padRight(flags, 12) + " " + TerminalText.escape(d.node())
                        + alloc);
            }
        }
        printChosen(map.chosen(), out);
        if (!map.warnings().isEmpty()) {
            out.println();
            out.println("Warnings: " + map.warnings().size());
            for (String w : map.warnings()) {
                out.println("  " + w);
            }
        }
    }

    private static void printChosen(Chosen c, PrintWriter out) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.usableMemoryRanges().size(); i++) {
            b.append(line("linux,usable-memory-range[" + i + "]", c.usableMemoryRanges().get(i)));
        }
        if (c.elfCoreHeader().isPresent()) {
            b.append(line("linux,elfcorehdr", c.elfCoreHeader().get()));
        }
        if (c.initrd().isPresent()) {
            b.append(line("initrd", c.initrd().get()));
        }
        for (MemoryRange r : c.crashKernels()) {
            b.append(line("crash kernel", r));
        }
        if (c.memoryLimit().isPresent()) {
            b.append(named("memoryLimit", AddressFormat.hex16(c.memoryLimit().get())));
        }
        if (c.kernelEnd().isPresent()) {
            b.append(named("linux,kernel-end", AddressFormat.hex16(c.kernelEnd().get())));
        }
        if (c.bootargs().isPresent()) {
            b.append(named("bootargs", TerminalText.escape(c.bootargs().get())));
        }
        if (b.length() > 0) {
            out.println();
            out.println("Chosen:");
            out.print(b);
        }
    }

    private static String line(String name, MemoryRange r) {
        return named(name, AddressFormat.hex16(r.start()) + "-" + AddressFormat.hex16(r.end()) + " ("
                + AddressFormat.human(r) + ")");
    }

    /** {@code "  %-27s %s%n"}. */
    private static String named(String name, String value) {
        return "  " + padRight(name, 27) + " " + value + System.lineSeparator();
    }

    private static String row(MemoryRange r) {
        String size = r.size() == 0 ? "0x10000000000000000" : AddressFormat.hex16(r.size());
        return "  " + AddressFormat.hex16(r.start()) + " " + AddressFormat.hex16(r.end()) + " " + padRight(size, 18)
                + " " + padRight("(" + AddressFormat.human(r) + ")", 9);
    }

    /** {@code String.format("%-Ns", s)} without a Formatter. */
    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
