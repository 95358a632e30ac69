package org.dtcore.layout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.ByteSize;
import org.dtcore.text.JsonText;
import org.dtcore.text.Numbers;

/**
 * Writes an {@link Expectation} as an expectation file (docs/expectations.md) that
 * {@link ExpectationReader} reads back to an equal value: addresses as {@code "0x..."}, sizes in the
 * shortest exact form ({@code "256M"}), unchecked fields left out.
 */
public final class ExpectationWriter {
    private static final ObjectMapper MAPPER = JsonText.MAPPER;

    private ExpectationWriter() {
    }

    /** Pretty-printed JSON, one row object per line, ending with a newline. */
    public static String write(Expectation e) {
        StringBuilder b = new StringBuilder();
        try {
            write(e, b);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringBuilder does not fail
        }
        return b.toString();
    }

    /**
     * As {@link #write(Expectation)}, streamed to {@code out}: the row lists (RAM, chunks, reserved,
     * dynamic) are written one row at a time, so a board of a million chunks never has a million JSON
     * objects, nor its whole text, in memory at once (issue 12 item 4). The text is the same.
     */
    public static void write(Expectation e, Appendable out) throws IOException {
        if (e.ram() == null && e.chunks() == null && e.reserved() == null && e.dynamic() == null
                && e.numa() == null && e.rules().isEmpty() && e.crash() == null && e.scan() == null) {
            out.append(CompactJson.print(tree(e))).append('\n'); // only scalars: one flat line
            return;
        }
        Sections s = new Sections(out);
        s.node("format", TextNode.valueOf(ExpectationReader.FORMAT));
        if (e.board() != null) {
            s.node("board", TextNode.valueOf(e.board()));
        }
        if (e.scan() != null) {
            s.node("scan", scan(e.scan()));
        }
        if (e.ram() != null) {
            s.rows("ram", e.ram(), ExpectationWriter::range);
        }
        if (e.chunks() != null) {
            s.rows("chunks", e.chunks(), ExpectationWriter::chunk);
        }
        if (e.reserved() != null) {
            s.rows("reserved", e.reserved(), ExpectationWriter::reserved);
        }
        if (e.dynamic() != null) {
            s.rows("dynamic", e.dynamic(), ExpectationWriter::dynamic);
        }
        if (e.numa() != null) {
            s.node("numa", numa(e.numa()));
        }
        if (!e.rules().isEmpty()) {
            s.node("rules", rules(e.rules()));
        }
        if (e.crash() != null) {
            s.node("crash", crash(e.crash()));
        }
        out.append("\n}\n");
    }

    /** The root object's members, written in turn at the first level of indentation. */
    private static final class Sections {
        private final Appendable out;
        private boolean first = true;

        Sections(Appendable out) {
            this.out = out;
        }

        private void key(String name) throws IOException {
            out.append(first ? "{\n  " : ",\n  ").append(CompactJson.quote(name)).append(": ");
            first = false;
        }

        void node(String name, JsonNode value) throws IOException {
            key(name);
            CompactJson.write(value, 1, out);
        }

        <T> void rows(String name, List<T> rows, Function<T, JsonNode> row) throws IOException {
            key(name);
            if (rows.isEmpty()) {
                out.append("[]");
                return;
            }
            out.append('[');
            String sep = "\n    ";
            for (T r : rows) {
                out.append(sep);
                CompactJson.write(row.apply(r), 2, out);
                sep = ",\n    ";
            }
            out.append("\n  ]");
        }
    }

    public static ObjectNode tree(Expectation e) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", ExpectationReader.FORMAT);
        if (e.board() != null) {
            root.put("board", e.board());
        }
        if (e.scan() != null) {
            root.set("scan", scan(e.scan()));
        }
        if (e.ram() != null) {
            root.set("ram", ranges(e.ram()));
        }
        if (e.chunks() != null) {
            ArrayNode a = root.putArray("chunks");
            e.chunks().forEach(c -> a.add(chunk(c)));
        }
        if (e.reserved() != null) {
            ArrayNode a = root.putArray("reserved");
            e.reserved().forEach(r -> a.add(reserved(r)));
        }
        if (e.dynamic() != null) {
            ArrayNode a = root.putArray("dynamic");
            e.dynamic().forEach(d -> a.add(dynamic(d)));
        }
        if (e.numa() != null) {
            root.set("numa", numa(e.numa()));
        }
        if (!e.rules().isEmpty()) {
            root.set("rules", rules(e.rules()));
        }
        if (e.crash() != null) {
            root.set("crash", crash(e.crash()));
        }
        return root;
    }

    private static ObjectNode chunk(ExpectedChunk c) {
        ObjectNode o = range(c.range());
        putIf(o, "node", c.node());
        putIf(o, "property", c.property());
        if (c.numaNode() == MemoryChunk.NO_NUMA_NODE) {
            o.putNull("numaNode");
        } else if (c.numaNode() != ExpectedChunk.ANY_NUMA) {
            o.put("numaNode", c.numaNode());
        }
        putIf(o, "hotpluggable", c.hotpluggable());
        return o;
    }

    private static ObjectNode reserved(ExpectedReserved r) {
        ObjectNode o = range(r.range());
        putIf(o, "kind", r.kind());
        putIf(o, "node", r.node());
        putIf(o, "noMap", r.noMap());
        putIf(o, "reusable", r.reusable());
        return o;
    }

    private static ObjectNode dynamic(ExpectedDynamic d) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("node", d.node());
        o.put("size", ByteSize.compact(d.size()));
        if (d.alignment() != null) {
            o.put("alignment", d.alignment() == 0 ? "0x0" : ByteSize.compact(d.alignment()));
        }
        if (d.allocRanges() != null) {
            o.set("allocRanges", ranges(d.allocRanges()));
        }
        putIf(o, "noMap", d.noMap());
        putIf(o, "reusable", d.reusable());
        return o;
    }

    private static ObjectNode numa(List<ExpectedNumaNode> nodes) {
        ObjectNode numa = MAPPER.createObjectNode();
        for (ExpectedNumaNode n : nodes) {
            ObjectNode o = numa.putObject(Integer.toString(n.id()));
            if (n.ranges() != null) {
                o.set("ranges", ranges(n.ranges()));
            }
            if (n.total() != null) {
                o.put("total", ByteSize.compact(n.total()));
            }
        }
        return numa;
    }

    private static ObjectNode scan(ScanOptions s) {
        ObjectNode o = MAPPER.createObjectNode();
        if (s.arch() != null) {
            o.put("arch", s.arch().cliName());
        }
        if (s.pageSize() != 0) {
            o.put("pageSize", ByteSize.compact(s.pageSize()));
        }
        if (s.legacyMemoryRule()) {
            o.put("legacyMemoryRule", true);
        }
        if (s.kernelLoadAddress() != -1) {
            o.put("kernelLoadAddress", Numbers.hex(s.kernelLoadAddress()));
        }
        if (s.kernel() != null) {
            o.put("kernelVersion", s.kernel().release());
        }
        return o;
    }

    private static ObjectNode rules(LayoutRules r) {
        ObjectNode o = MAPPER.createObjectNode();
        putSize(o, "totalRamAtLeast", r.totalRamAtLeast());
        putSize(o, "totalRamAtMost", r.totalRamAtMost());
        if (r.noRamBelow() != null) {
            o.put("noRamBelow", Numbers.hex(r.noRamBelow()));
        }
        if (r.noRamFrom() != null) {
            o.put("noRamFrom", Numbers.hex(r.noRamFrom()));
        }
        if (r.crashkernelFits() != null) {
            ObjectNode c = o.putObject("crashkernelFits");
            c.put("size", ByteSize.compact(r.crashkernelFits().size()));
            c.put("below", Numbers.hex(r.crashkernelFits().below()));
            c.put("alignment", ByteSize.compact(r.crashkernelFits().alignment()));
        }
        if (r.reservedWithinRam()) {
            o.put("reservedWithinRam", true);
        }
        if (r.reservedDisjoint()) {
            o.put("reservedDisjoint", true);
        }
        return o;
    }

    private static ObjectNode crash(CrashExpectation c) {
        ObjectNode o = MAPPER.createObjectNode();
        if (c.arch() != null) {
            o.put("arch", c.arch().cliName());
        }
        if (c.crashKernels() != null) {
            o.set("crashkernel", ranges(c.crashKernels()));
        }
        if (c.dumpRanges() != null) {
            o.set("dumpRanges", ranges(c.dumpRanges()));
        }
        if (!c.omits().isEmpty()) {
            o.set("omits", ranges(c.omits()));
        }
        if (!c.includes().isEmpty()) {
            o.set("includes", ranges(c.includes()));
        }
        return o;
    }

    private static ArrayNode ranges(List<MemoryRange> rs) {
        ArrayNode a = MAPPER.createArrayNode();
        rs.forEach(r -> a.add(range(r)));
        return a;
    }

    private static ObjectNode range(MemoryRange r) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("start", Numbers.hex(r.start()));
        o.put("end", Numbers.hex(r.end()));
        o.put("size", r.length().compact());
        return o;
    }

    private static void putSize(ObjectNode o, String name, Long v) {
        if (v != null) {
            o.put(name, ByteSize.compact(v));
        }
    }

    private static void putIf(ObjectNode o, String name, String v) {
        if (v != null) {
            o.put(name, v);
        }
    }

    private static void putIf(ObjectNode o, String name, Boolean v) {
        if (v != null) {
            o.put(name, v);
        }
    }
}
