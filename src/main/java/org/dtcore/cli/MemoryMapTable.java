package org.dtcore.cli;

import java.io.PrintWriter;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/** The table form of a memory map: aligned columns like readelf, 0x%016x, human sizes, warnings last. */
final class MemoryMapTable {
    private static final String RANGE_HEAD = String.format("  %-18s %-18s %-18s %-9s", "Start", "End", "Size", "");

    private MemoryMapTable() {
    }

    static void print(MemoryMap map, String title, PrintWriter out) {
        out.println(title);
        out.println();
        out.printf("RAM: %d range%s, %s%n", map.memory().size(), map.memory().size() == 1 ? "" : "s",
                map.ramSize().human());
        out.println(RANGE_HEAD.stripTrailing());
        for (MemoryRange r : map.memory()) {
            out.println(row(r).stripTrailing());
        }
        out.println();
        out.printf("Chunks: %d%n", map.chunks().size());
        out.println(RANGE_HEAD + " NUMA Hotplug Source");
        // One row per chunk (262,144 on a big pseries tree): built without Formatter and printed without
        // printf, whose autoflush would make a write per row; the command flushes once at the end.
        for (MemoryChunk c : map.chunks()) {
            out.print(row(c.range()) + " " + padRight(c.hasNumaNode() ? Integer.toString(c.numaNode()) : "-", 4)
                    + " " + padRight(c.hotpluggable() ? "yes" : "no", 7) + " " + c.node() + " " + c.property()
                    + System.lineSeparator());
        }
        if (!map.reserved().isEmpty()) {
            out.println();
            out.printf("Reserved: %d%n", map.reserved().size());
            out.println(RANGE_HEAD + " Kind            Flags        Node");
            for (ReservedRegion r : map.reserved()) {
                String flags = r.noMap() ? "no-map" : r.reusable() ? "reusable" : "-";
                out.printf("%s %-15s %-12s %s%n", row(r.range()), r.kind().jsonName(), flags,
                        r.node() == null ? "/memreserve/" : r.node());
            }
        }
        if (!map.dynamicReserved().isEmpty()) {
            out.println();
            out.printf("Dynamic reservations (placed at boot): %d%n", map.dynamicReserved().size());
            out.printf("  %-18s %-9s %-18s %-12s %s%n", "Size", "", "Alignment", "Flags", "Node / alloc-ranges");
            for (DynamicReservation d : map.dynamicReserved()) {
                String flags = d.noMap() ? "no-map" : d.reusable() ? "reusable" : "-";
                StringBuilder alloc = new StringBuilder();
                for (MemoryRange r : d.allocRanges()) {
                    alloc.append(' ').append(Numbers.hex16(r.start())).append('-')
                            .append(Numbers.hex16(r.end()));
                }
                out.printf("  %s %-9s %s %-12s %s%s%n", Numbers.hex16(d.size()),
                        "(" + ByteSize.human(d.size()) + ")", Numbers.hex16(d.alignment()), flags,
                        d.node(), alloc);
            }
        }
        printChosen(map.chosen(), out);
        if (!map.warnings().isEmpty()) {
            out.println();
            out.printf("Warnings: %d%n", map.warnings().size());
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
        c.elfCoreHeader().ifPresent(r -> b.append(line("linux,elfcorehdr", r)));
        c.initrd().ifPresent(r -> b.append(line("initrd", r)));
        for (MemoryRange r : c.crashKernels()) {
            b.append(line("crash kernel", r));
        }
        c.memoryLimit().ifPresent(v -> b.append(String.format("  %-27s %s%n", "linux,memory-limit", Numbers.hex16(v))));
        c.kernelEnd().ifPresent(v -> b.append(String.format("  %-27s %s%n", "linux,kernel-end", Numbers.hex16(v))));
        c.bootargs().ifPresent(s -> b.append(String.format("  %-27s %s%n", "bootargs", s)));
        if (b.length() > 0) {
            out.println();
            out.println("Chosen:");
            out.print(b);
        }
    }

    private static String line(String name, MemoryRange r) {
        return String.format("  %-27s %s-%s (%s)%n", name, Numbers.hex16(r.start()), Numbers.hex16(r.end()),
                r.length().human());
    }

    private static String row(MemoryRange r) {
        String size = r.size() == 0 ? "0x10000000000000000" : Numbers.hex16(r.size());
        return "  " + Numbers.hex16(r.start()) + " " + Numbers.hex16(r.end()) + " " + padRight(size, 18)
                + " " + padRight("(" + r.length().human() + ")", 9);
    }

    /** {@code String.format("%-Ns", s)} without a Formatter. */
    private static String padRight(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
