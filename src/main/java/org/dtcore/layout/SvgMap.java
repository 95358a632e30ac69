package org.dtcore.layout;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.memory.Ranges;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Numbers;

/**
 * The SVG picture of a memory map ({@code dtcore map}): a column of the physical address space to scale,
 * broken at holes ({@link MapScale}), with address ticks, RAM coloured per NUMA node (SPEC §3.6), holes
 * hatched, a lane of reserved regions (no-map cross-hatched and dashed, /memreserve/ apart, SPEC §5), a lane of
 * crash kernel regions (/chosen, SPEC §6), addresses on the left, labels with node names and sizes on the
 * right, and a legend listing the dynamic reservations (placed at boot, so never drawn at an address).
 * Every size and position is computed from the text it holds ({@link SvgCanvas#CHAR_WIDTH}), so no text
 * runs out of the picture or over another.
 */
public final class SvgMap {
    /**
     * RAM fills: the first for RAM without a NUMA node, then one per node. Blues, greens and greys only, so
     * no node's RAM looks like the oranges, pinks and purples of the reserved lanes.
     */
    static final String[] NODE_FILLS = {"#9ecae1", "#a1d99b", "#80cdc1", "#c6dbef", "#d9f0a3", "#b8e186", "#ccece6",
        "#d9d9d9"};
    /** The fills of the reserved and crash lanes (SvgCanvas's style sheet), which RAM must not resemble. */
    static final String[] LANE_FILLS = {"#fd8d3c", "#fdd49e", "#fcbba1", "#9e9ac8", "#c994c7", "#dd3497"};
    /** At most this many address ticks along one RAM run. */
    private static final int MAX_TICKS = 8;
    private static final double MARGIN = 14;
    private static final double LINE = 17;
    private static final double RAM_WIDTH = 150;
    private static final double LANE = 24;
    private static final double GAP = 8;
    private static final double LEADER = 34;

    /** A coloured run of RAM: touching chunks with the same NUMA node. */
    private record RamRun(MemoryRange range, int numaNode, List<String> nodes) {
    }

    private SvgMap() {
    }

    /**
     * Draws {@code map}.
     *
     * @param map  the memory map
     * @param name what the title calls the board ("Memory map of NAME: ..."), e.g. its file name
     * @return a standalone SVG document
     */
    public static String render(MemoryMap map, String name) {
        List<RamRun> runs = runs(map.chunks());
        List<MemoryRange> holes = holes(map.memory());
        List<MemoryRange> all = new ArrayList<>();
        runs.forEach(r -> all.add(r.range()));
        all.addAll(holes);
        map.reserved().forEach(r -> all.add(r.range()));
        all.addAll(map.chosen().crashKernels());

        SvgCanvas svg = new SvgCanvas();
        String title = "Memory map of " + name + ": " + map.ramSize().human() + " RAM in "
                + SectionComparison.count(map.memory().size(), "range") + ", "
                + SectionComparison.count(map.reserved().size(), "reserved region");
        double columnTop = MARGIN + 2 * LINE;
        MapScale scale = new MapScale(all, holes, columnTop);
        double addrWidth = SvgCanvas.textWidth(Numbers.hex16(0));
        double ramX = MARGIN + addrWidth + GAP + 8;
        double resX = ramX + RAM_WIDTH + GAP;
        double crashX = resX + LANE + GAP;
        double labelX = crashX + LANE + LEADER;

        LabelColumn left = new LabelColumn(LINE);
        LabelColumn right = new LabelColumn(LINE);
        double mid = SvgCanvas.FONT_SIZE * 0.35; // from a text's middle to its baseline
        for (RamRun r : runs) {
            double y0 = scale.yOf(r.range().start());
            double y1 = scale.yAfter(r.range().end());
            String fill = r.numaNode() < 0 ? NODE_FILLS[0] : NODE_FILLS[1 + r.numaNode() % (NODE_FILLS.length - 1)];
            svg.rect(ramX, y0, RAM_WIDTH, y1 - y0, "ram", fill, "RAM " + RangeText.format(r.range()) + " ("
                    + r.range().length().human() + ")" + numa(r.numaNode()) + " " + String.join(", ", r.nodes()));
            right.add("RAM " + r.range().length().human() + numa(r.numaNode()) + " " + nodes(r.nodes()),
                    (y0 + y1) / 2 + mid, "ram");
            left.add(Numbers.hex16(r.range().start()), y0 + mid, "addr");
            for (long t : ticks(r.range())) {
                double ty = scale.yAt(t);
                svg.tick(ramX - 6, ty, ramX, t);
                left.add(Numbers.hex16(t), ty + mid, "addr");
            }
        }
        for (MemoryRange h : holes) {
            double y0 = scale.yOf(h.start());
            double y1 = scale.yAfter(h.end());
            svg.rect(ramX, y0, RAM_WIDTH, y1 - y0, "hole", null, "hole " + RangeText.format(h) + " ("
                    + h.length().human() + ")");
            right.add("hole " + h.length().human(), (y0 + y1) / 2 + mid, "hole");
            left.add(Numbers.hex16(h.start()), y0 + mid, "addr");
        }
        for (ReservedRegion r : map.reserved()) {
            double y0 = scale.yOf(r.range().start());
            double y1 = scale.yAfter(r.range().end());
            String css = reservedClass(r);
            String what = reservedWords(r);
            svg.rect(resX, y0, LANE, y1 - y0, css, null, what + " " + RangeText.format(r.range()) + " ("
                    + r.range().length().human() + ")" + r.node().map(n -> " " + n).orElse(""));
            right.add(what + " " + r.range().length().human() + " at " + Numbers.hex(r.range().start())
                    + r.node().map(n -> " " + shortNode(n)).orElse(""), (y0 + y1) / 2 + mid, css);
        }
        for (MemoryRange c : map.chosen().crashKernels()) {
            double y0 = scale.yOf(c.start());
            double y1 = scale.yAfter(c.end());
            svg.rect(crashX, y0, LANE, y1 - y0, "crash", null, "crash kernel " + RangeText.format(c) + " ("
                    + c.length().human() + ")");
            right.add("crash kernel " + c.length().human() + " at " + Numbers.hex(c.start()), (y0 + y1) / 2 + mid,
                    "crash");
        }
        if (!scale.pieces().isEmpty()) {
            MemoryRange lastPiece = scale.pieces().get(scale.pieces().size() - 1).range();
            left.add(Numbers.hex16(lastPiece.end()), scale.bottom() + mid, "addr");
        }

        double textTop = columnTop + mid;
        List<LabelColumn.Placed> lefts = left.place(textTop);
        List<LabelColumn.Placed> rights = right.place(textTop);
        for (LabelColumn.Placed p : lefts) {
            svg.text(MARGIN, p.y(), p.text(), "addr");
            svg.leader(MARGIN + addrWidth + 2, p.y() - mid, ramX, p.wantY() - mid, "edge");
        }
        for (LabelColumn.Placed p : rights) {
            svg.text(labelX, p.y(), p.text(), p.cssClass());
            double from = p.cssClass().equals("crash") ? crashX + LANE
                    : p.cssClass().equals("ram") || p.cssClass().equals("hole") ? ramX + RAM_WIDTH : resX + LANE;
            svg.leader(from, p.wantY() - mid, labelX - 4, p.y() - mid, "leader");
        }
        double bottom = Math.max(scale.bottom(), last(lefts, rights) + LINE);
        if (scale.pieces().isEmpty()) {
            svg.text(MARGIN, columnTop + mid, "(no memory and no regions)", "hole");
            bottom = columnTop + LINE;
        }
        double width = Math.max(labelX + SvgCanvas.textWidth("x".repeat(right.widestChars())),
                MARGIN + SvgCanvas.textWidth(title));
        double y = bottom + LINE;
        svg.text(MARGIN, MARGIN + SvgCanvas.FONT_SIZE, title, "title");
        y = legend(svg, map, y);
        for (String line : dynamicLines(map.dynamicReserved())) {
            svg.text(MARGIN, y, line, "dynamic");
            width = Math.max(width, MARGIN + SvgCanvas.textWidth(line));
            y += LINE;
        }
        width = Math.max(width, MARGIN + LEGEND_WIDTH);
        return svg.document(Math.ceil(width + MARGIN), Math.ceil(y + MARGIN), title);
    }

    /**
     * Round addresses inside {@code run} to mark along the bar: multiples of the largest power of two
     * (at least 1 MiB) that gives two to {@link #MAX_TICKS} of them, so a reader can see where in the
     * run a reservation lies.
     */
    static List<Long> ticks(MemoryRange run) {
        long bestStep = 0;
        long bestFirst = 0;
        long bestCount = 0;
        for (int shift = 62; shift >= 20; shift--) {
            long step = 1L << shift;
            long below = run.start() | (step - 1); // the last address before the next multiple
            if (below == -1L) {
                continue;
            }
            long first = below + 1; // after the start, which is labelled already
            long count = Long.compareUnsigned(first, run.end()) > 0 ? 0
                    : Long.divideUnsigned(run.end() - first, step) + 1;
            if (count > MAX_TICKS) {
                break;
            }
            if (count >= 2) {
                bestStep = step;
                bestFirst = first;
                bestCount = count;
            }
        }
        List<Long> out = new ArrayList<>();
        for (long i = 0; i < bestCount; i++) {
            out.add(bestFirst + i * bestStep);
        }
        return out;
    }

    private static final String[][] LEGEND = {{"ram", NODE_FILLS[0], "RAM (one colour per NUMA node)"},
        {"hole", null, "hole (no RAM)"}, {"reserved", null, "reserved"}, {"reusable", null, "reserved, reusable"},
        {"nomap", null, "reserved no-map"}, {"memreserve", null, "/memreserve/"},
        {"firmware", null, "rtas / opal / tce / reserved-ranges"}, {"crash", null, "crash kernel"}};
    private static final double LEGEND_WIDTH = 2 * (LANE + GAP + SvgCanvas.textWidth("x".repeat(36)));

    /** The legend in two columns of swatches; returns the baseline below it. */
    private static double legend(SvgCanvas svg, MemoryMap map, double y) {
        double colWidth = LEGEND_WIDTH / 2;
        for (int i = 0; i < LEGEND.length; i++) {
            double x = MARGIN + (i % 2) * colWidth;
            double row = y + (i / 2) * LINE;
            svg.rect(x, row - SvgCanvas.FONT_SIZE + 1, LANE, SvgCanvas.FONT_SIZE, LEGEND[i][0], LEGEND[i][1], null);
            svg.text(x + LANE + GAP, row, LEGEND[i][2], "legend");
        }
        return y + ((LEGEND.length + 1) / 2) * LINE + LINE / 2;
    }

    private static List<String> dynamicLines(List<DynamicReservation> dynamic) {
        List<String> out = new ArrayList<>();
        if (dynamic.isEmpty()) {
            return out;
        }
        out.add("Dynamic reservations (placed at boot, SPEC §5):");
        for (DynamicReservation d : dynamic) {
            out.add("  " + d.node() + ": " + ByteSize.human(d.size())
                    + (d.alignment() == 0 ? "" : ", align " + ByteSize.human(d.alignment()))
                    + (d.noMap() ? ", no-map" : "") + (d.reusable() ? ", reusable" : "")
                    + (d.allocRanges().isEmpty() ? "" : ", in " + RowText.ranges(d.allocRanges())));
        }
        return out;
    }

    private static double last(List<LabelColumn.Placed> a, List<LabelColumn.Placed> b) {
        double m = 0;
        for (LabelColumn.Placed p : a) {
            m = Math.max(m, p.y());
        }
        for (LabelColumn.Placed p : b) {
            m = Math.max(m, p.y());
        }
        return m;
    }

    private static String reservedClass(ReservedRegion r) {
        return switch (r.kind()) {
            case MEMRESERVE -> "memreserve";
            case RESERVED_MEMORY -> r.noMap() ? "nomap" : r.reusable() ? "reusable" : "reserved";
            default -> r.noMap() ? "nomap" : "firmware";
        };
    }

    private static String reservedWords(ReservedRegion r) {
        String kind = r.kind() == ReservedRegion.Kind.RESERVED_MEMORY ? "reserved" : r.kind().jsonName();
        return kind + (r.noMap() ? " no-map" : "") + (r.reusable() ? " reusable" : "");
    }

    private static String numa(int node) {
        return node < 0 ? "" : ", NUMA " + node;
    }

    private static String nodes(List<String> nodes) {
        return nodes.size() <= 2 ? String.join(" ", nodes) : nodes.get(0) + " +" + (nodes.size() - 1) + " more";
    }

    private static String shortNode(String path) {
        return path.startsWith("/reserved-memory/") ? path.substring("/reserved-memory/".length()) : path;
    }

    /** Chunks joined where they touch and share a NUMA node (SPEC §8's memblock rule, minus flags). */
    private static List<RamRun> runs(List<MemoryChunk> chunks) {
        List<MemoryChunk> sorted = new ArrayList<>(chunks);
        sorted.sort((a, b) -> a.range().compareTo(b.range()));
        List<RamRun> out = new ArrayList<>();
        for (MemoryChunk c : sorted) {
            RamRun last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.numaNode() == c.numaNode() && last.range().touches(c.range())) {
                long end = Long.compareUnsigned(c.range().end(), last.range().end()) > 0 ? c.range().end()
                        : last.range().end();
                List<String> nodes = new ArrayList<>(last.nodes());
                if (!nodes.contains(c.node())) {
                    nodes.add(c.node());
                }
                out.set(out.size() - 1, new RamRun(new MemoryRange(last.range().start(), end), c.numaNode(), nodes));
            } else {
                out.add(new RamRun(c.range(), c.numaNode(), List.of(c.node())));
            }
        }
        return out;
    }

    /** The gaps between merged RAM ranges. */
    private static List<MemoryRange> holes(List<MemoryRange> memory) {
        List<MemoryRange> merged = Ranges.merged(memory);
        List<MemoryRange> out = new ArrayList<>();
        for (int i = 1; i < merged.size(); i++) {
            out.add(new MemoryRange(merged.get(i - 1).end() + 1, merged.get(i).start() - 1));
        }
        return out;
    }
}
