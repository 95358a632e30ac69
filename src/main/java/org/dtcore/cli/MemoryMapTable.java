package org.dtcore.cli;

import org.dtcore.TerminalText;
import java.io.PrintWriter;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.text.Columns;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * The table form of a memory map: aligned columns like readelf, 0x%016x addresses, exact human sizes
 * (docs/numbers.md), warnings last; every line within {@link Columns#WIDTH} columns.
 */
final class MemoryMapTable {
    private static final String RANGE_HEAD = "  " + Columns.pad("Start", 18) + " " + Columns.pad("End", 18) + " "
            + Columns.pad("Size", 10);
    /** Where free text continues when it does not fit after the columns. */
    private static final int INDENT = 6;

    private MemoryMapTable() {
    }

    static void print(MemoryMap map, String title, PrintWriter out) {
        out.println(Columns.fit("", TerminalText.escape(title), 0).strip());
        out.println();
        out.println("RAM: " + Columns.count(map.memory().size(), "range") + ", " + map.ramSize().human());
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
            String head = row(c.range()) + " " + Columns.pad(c.hasNumaNode() ? Integer.toString(c.numaNode()) : "-", 4)
                    + " " + Columns.pad(c.hotpluggable() ? "yes" : "no", 7);
            out.print(Columns.fit(head, TerminalText.escape(c.node()) + " " + TerminalText.escape(c.property()), INDENT) + System.lineSeparator());
        }
        if (!map.reserved().isEmpty()) {
            out.println();
            out.println("Reserved: " + map.reserved().size());
            out.println(RANGE_HEAD + " Kind            Flags    Node");
            for (ReservedRegion r : map.reserved()) {
                String flags = r.noMap() ? "no-map" : r.reusable() ? "reusable" : "-";
                String head = row(r.range()) + " " + Columns.pad(r.kind().jsonName(), 15) + " " + Columns.pad(flags, 8);
                out.println(Columns.fit(head, r.node().map(TerminalText::escape).orElse("/memreserve/"), INDENT));
            }
        }
        if (!map.dynamicReserved().isEmpty()) {
            out.println();
            out.println("Dynamic reservations (placed at boot): " + map.dynamicReserved().size());
            out.println("  " + Columns.pad("Size", 10) + " " + Columns.pad("Alignment", 10) + " "
                    + Columns.pad("Flags", 8) + " Node, then alloc-ranges");
            for (DynamicReservation d : map.dynamicReserved()) {
                String flags = d.noMap() ? "no-map" : d.reusable() ? "reusable" : "-";
                // alignment 0: the node has no alignment property (SPEC §5), not an alignment of 0
                String align = d.alignment() == 0 ? "-" : ByteSize.human(d.alignment());
                String head = "  " + Columns.pad(ByteSize.human(d.size()), 10) + " " + Columns.pad(align, 10) + " "
                        + Columns.pad(flags, 8);
                out.println(Columns.fit(head, TerminalText.escape(d.node()), INDENT));
                for (MemoryRange r : d.allocRanges()) {
                    out.println("      in " + RangeText.format(r) + " (" + r.length().human() + ")");
                }
            }
        }
        printChosen(map.chosen(), out);
        if (!map.warnings().isEmpty()) {
            out.println();
            out.println("Warnings: " + map.warnings().size());
            for (String w : map.warnings()) {
                out.println(Columns.wrap(TerminalText.escape(w), 2));
            }
        }
    }

    private static void printChosen(Chosen c, PrintWriter out) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < c.usableMemoryRanges().size(); i++) {
            b.append(line("linux,usable-memory-range[" + i + "]", c.usableMemoryRanges().get(i)));
        }
        // if/isPresent, not lambdas: each lambda spins classes at start-up (docs/performance.md)
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
            b.append(line("memoryLimit", Numbers.hex16(c.memoryLimit().get())));
        }
        if (c.kernelEnd().isPresent()) {
            b.append(line("linux,kernel-end", Numbers.hex16(c.kernelEnd().get())));
        }
        if (c.bootargs().isPresent()) {
            // an empty bootargs is shown as "" so it is not mistaken for a missing value
            String s = c.bootargs().get();
            b.append(line("bootargs", s.isEmpty() ? "\"\"" : TerminalText.escape(s)));
        }
        if (b.length() > 0) {
            out.println();
            out.println("Chosen:");
            out.print(b);
        }
    }

    private static String line(String name, MemoryRange r) {
        return line(name, RangeText.format(r) + " (" + r.length().human() + ")");
    }

    private static String line(String name, String value) {
        return Columns.fit("  " + Columns.pad(name, 27), value, 4) + System.lineSeparator();
    }

    private static String row(MemoryRange r) {
        return "  " + Numbers.hex16(r.start()) + " " + Numbers.hex16(r.end()) + " " + Columns.pad(r.length().human(), 10);
    }
}
