package org.dtcore.layout;

import java.util.List;
import java.util.stream.Collectors;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Columns;

/**
 * How each kind of row prints in a report: the range in {@code 0x%016x} (SPEC §0), a human size, then the
 * attributes; an expected row prints {@code *} for an attribute it does not check.
 */
final class RowText {
    private RowText() {
    }

    /** A range and its size: "0x...-0x... (2 GiB)". */
    static String range(MemoryRange r) {
        return RangeText.format(r) + " (" + r.length().human() + ")";
    }

    /** {@link #range} with the size padded, so the columns after it line up row under row. */
    private static String paddedRange(MemoryRange r) {
        return RangeText.format(r) + " " + pad(r.length().human());
    }

    static String ranges(List<MemoryRange> rs) {
        return rs.isEmpty() ? "(none)" : rs.stream().map(RangeText::format).collect(Collectors.joining(", "));
    }

    static String chunk(MemoryChunk c) {
        return paddedRange(c.range()) + " numa " + (c.hasNumaNode() ? c.numaNode() : "-")
                + (c.hotpluggable() ? " hotplug" : "") + " " + c.node() + " " + c.property();
    }

    static String chunk(ExpectedChunk c) {
        String numa = c.numaNode() == ExpectedChunk.ANY_NUMA ? "*"
                : c.numaNode() == MemoryChunk.NO_NUMA_NODE ? "-" : Integer.toString(c.numaNode());
        String hot = c.hotpluggable() == null ? " hotplug?" : c.hotpluggable() ? " hotplug" : "";
        return paddedRange(c.range()) + " numa " + numa + hot + " " + orStar(c.node()) + " " + orStar(c.property());
    }

    static String reserved(ReservedRegion r) {
        return paddedRange(r.range()) + " " + r.kind().jsonName() + flags(r.noMap(), r.reusable())
                + r.node().map(n -> " " + n).orElse("");
    }

    static String reserved(ExpectedReserved r) {
        String flags = (r.noMap() == null ? " no-map?" : r.noMap() ? " no-map" : "")
                + (r.reusable() == null ? " reusable?" : r.reusable() ? " reusable" : "");
        return paddedRange(r.range()) + " " + orStar(r.kind()) + flags + (r.node() == null ? "" : " " + r.node());
    }

    static String dynamic(DynamicReservation d) {
        return d.node() + " size " + ByteSize.compact(d.size()) + " align " + alignment(d.alignment())
                + flags(d.noMap(), d.reusable()) + (d.allocRanges().isEmpty() ? "" : " in " + ranges(d.allocRanges()));
    }

    static String dynamic(ExpectedDynamic d) {
        String flags = (d.noMap() == null ? " no-map?" : d.noMap() ? " no-map" : "")
                + (d.reusable() == null ? " reusable?" : d.reusable() ? " reusable" : "");
        return d.node() + " size " + ByteSize.compact(d.size()) + " align "
                + (d.alignment() == null ? "*" : alignment(d.alignment())) + flags
                + (d.allocRanges() == null ? " in *" : d.allocRanges().isEmpty() ? "" : " in " + ranges(d.allocRanges()));
    }

    /** 0 is no alignment asked for, printed "-" as the map's table prints it (null in JSON). */
    private static String alignment(long a) {
        return a == 0 ? "-" : ByteSize.compact(a);
    }

    private static String flags(boolean noMap, boolean reusable) {
        return (noMap ? " no-map" : "") + (reusable ? " reusable" : "");
    }

    private static String orStar(String s) {
        return s == null ? "*" : s;
    }

    private static String pad(String human) {
        return Columns.pad("(" + human + ")", 9);
    }
}
