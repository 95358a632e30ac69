package org.dtcore.layout;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.ByteSize;
import org.dtcore.text.JsonText;
import org.dtcore.text.Numbers;

/**
 * Writes an {@link Expectation} as an expectation file (docs/expectations.md,
 * schemas/expectation.schema.json) that {@link ExpectationReader} reads back to an equal value: addresses
 * as {@code "0x..."}, sizes in the shortest exact form ({@code "256M"}, a form people review), unchecked
 * fields left out, in dtcore's one document layout ({@link JsonText#document}). Streamed: a board of a
 * million chunks never has a million JSON objects, nor its whole text, in memory at once.
 */
public final class ExpectationWriter {
    private ExpectationWriter() {
    }

    /**
     * The expectation file's text for {@code e}.
     *
     * @param e the expectation to write
     * @return the file's text, ending with a line feed
     */
    public static String write(Expectation e) {
        StringWriter out = new StringWriter();
        try {
            write(e, out);
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible); // a StringWriter does not fail
        }
        return out.toString();
    }

    /**
     * As {@link #write(Expectation)}, streamed to {@code out} (left open).
     *
     * @param e   the expectation to write
     * @param out where the text goes; not closed
     * @throws IOException when {@code out} fails
     */
    public static void write(Expectation e, Writer out) throws IOException {
        try (JsonGenerator g = JsonText.document(out)) {
            g.writeStartObject();
            g.writeStringField("format", ExpectationReader.FORMAT);
            if (e.board() != null) {
                g.writeStringField("board", e.board());
            }
            if (e.scan() != null) {
                scan(g, e.scan());
            }
            if (e.bootLoader().isPresent()) {
                bootLoader(g, e.bootLoader().get());
            }
            if (e.ram() != null) {
                ranges(g, "ram", e.ram());
            }
            if (e.chunks() != null) {
                g.writeArrayFieldStart("chunks");
                for (ExpectedChunk c : e.chunks()) {
                    chunk(g, c);
                }
                g.writeEndArray();
            }
            if (e.reserved() != null) {
                g.writeArrayFieldStart("reserved");
                for (ExpectedReserved r : e.reserved()) {
                    reserved(g, r);
                }
                g.writeEndArray();
            }
            if (e.dynamic() != null) {
                g.writeArrayFieldStart("dynamic");
                for (ExpectedDynamic d : e.dynamic()) {
                    dynamic(g, d);
                }
                g.writeEndArray();
            }
            if (e.numa() != null) {
                numa(g, e.numa());
            }
            if (!e.rules().isEmpty()) {
                rules(g, e.rules());
            }
            if (e.crash() != null) {
                crash(g, e.crash());
            }
            g.writeEndObject();
        }
        out.write('\n');
    }

    private static void scan(JsonGenerator g, ScanOptions s) throws IOException {
        g.writeObjectFieldStart("scan");
        if (s.arch() != null) {
            g.writeStringField("arch", s.arch().cliName());
        }
        if (s.pageSize() != 0) {
            g.writeStringField("pageSize", ByteSize.compact(s.pageSize()));
        }
        if (s.legacyMemoryRule()) {
            g.writeBooleanField("legacyMemoryRule", true);
        }
        if (s.kernelLoadAddress() != -1) {
            g.writeStringField("kernelLoadAddress", Numbers.hex(s.kernelLoadAddress()));
        }
        if (s.kernel() != null) {
            g.writeStringField("kernelVersion", s.kernel().release());
        }
        g.writeEndObject();
    }

    private static void bootLoader(JsonGenerator g, BootLoaderSection b) throws IOException {
        g.writeObjectFieldStart("bootLoader");
        if (!b.memory().isEmpty()) {
            ranges(g, "memory", b.memory());
        }
        if (!b.overlays().isEmpty()) {
            g.writeArrayFieldStart("overlays");
            for (String o : b.overlays()) {
                g.writeString(o);
            }
            g.writeEndArray();
            g.writeStringField("libfdt", b.libfdt().label());
        }
        g.writeEndObject();
    }

    private static void chunk(JsonGenerator g, ExpectedChunk c) throws IOException {
        g.writeStartObject();
        rangeFields(g, c.range());
        if (c.node() != null) {
            g.writeStringField("node", c.node());
        }
        if (c.property() != null) {
            g.writeStringField("property", c.property());
        }
        if (c.numaNode() == MemoryChunk.NO_NUMA_NODE) {
            g.writeNullField("numaNode");
        } else if (c.numaNode() != ExpectedChunk.ANY_NUMA) {
            g.writeNumberField("numaNode", c.numaNode());
        }
        flag(g, "hotpluggable", c.hotpluggable());
        g.writeEndObject();
    }

    private static void reserved(JsonGenerator g, ExpectedReserved r) throws IOException {
        g.writeStartObject();
        rangeFields(g, r.range());
        if (r.kind() != null) {
            g.writeStringField("kind", r.kind());
        }
        if (r.node() != null) {
            g.writeStringField("node", r.node());
        }
        flag(g, "noMap", r.noMap());
        flag(g, "reusable", r.reusable());
        g.writeEndObject();
    }

    /** A dynamic reservation; no alignment (0) is {@code null}, as the map's JSON writes it. */
    private static void dynamic(JsonGenerator g, ExpectedDynamic d) throws IOException {
        g.writeStartObject();
        g.writeStringField("node", d.node());
        g.writeStringField("size", ByteSize.compact(d.size()));
        if (d.alignment() != null && d.alignment() == 0) {
            g.writeNullField("alignment");
        } else if (d.alignment() != null) {
            g.writeStringField("alignment", ByteSize.compact(d.alignment()));
        }
        if (d.allocRanges() != null) {
            ranges(g, "allocRanges", d.allocRanges());
        }
        flag(g, "noMap", d.noMap());
        flag(g, "reusable", d.reusable());
        g.writeEndObject();
    }

    private static void numa(JsonGenerator g, List<ExpectedNumaNode> nodes) throws IOException {
        g.writeObjectFieldStart("numa");
        for (ExpectedNumaNode n : nodes) {
            g.writeObjectFieldStart(Integer.toString(n.id()));
            if (n.ranges() != null) {
                ranges(g, "ranges", n.ranges());
            }
            if (n.total() != null) {
                g.writeStringField("total", ByteSize.compact(n.total()));
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void rules(JsonGenerator g, LayoutRules r) throws IOException {
        g.writeObjectFieldStart("rules");
        if (r.totalRamAtLeast() != null) {
            g.writeStringField("totalRamAtLeast", ByteSize.compact(r.totalRamAtLeast()));
        }
        if (r.totalRamAtMost() != null) {
            g.writeStringField("totalRamAtMost", ByteSize.compact(r.totalRamAtMost()));
        }
        if (r.noRamBelow() != null) {
            g.writeStringField("noRamBelow", Numbers.hex(r.noRamBelow()));
        }
        if (r.noRamFrom() != null) {
            g.writeStringField("noRamFrom", Numbers.hex(r.noRamFrom()));
        }
        if (r.crashkernelFits() != null) {
            g.writeObjectFieldStart("crashkernelFits");
            g.writeStringField("size", ByteSize.compact(r.crashkernelFits().size()));
            g.writeStringField("below", Numbers.hex(r.crashkernelFits().below()));
            g.writeStringField("alignment", ByteSize.compact(r.crashkernelFits().alignment()));
            g.writeEndObject();
        }
        if (r.reservedWithinRam()) {
            g.writeBooleanField("reservedWithinRam", true);
        }
        if (r.reservedDisjoint()) {
            g.writeBooleanField("reservedDisjoint", true);
        }
        g.writeEndObject();
    }

    private static void crash(JsonGenerator g, CrashExpectation c) throws IOException {
        g.writeObjectFieldStart("crash");
        if (c.arch() != null) {
            g.writeStringField("arch", c.arch().cliName());
        }
        if (c.crashKernels() != null) {
            ranges(g, "crashkernel", c.crashKernels());
        }
        if (c.dumpRanges() != null) {
            ranges(g, "dumpRanges", c.dumpRanges());
        }
        if (!c.omits().isEmpty()) {
            ranges(g, "omits", c.omits());
        }
        if (!c.includes().isEmpty()) {
            ranges(g, "includes", c.includes());
        }
        g.writeEndObject();
    }

    private static void ranges(JsonGenerator g, String name, List<MemoryRange> rs) throws IOException {
        g.writeArrayFieldStart(name);
        for (MemoryRange r : rs) {
            g.writeStartObject();
            rangeFields(g, r);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void rangeFields(JsonGenerator g, MemoryRange r) throws IOException {
        g.writeStringField("start", Numbers.hex(r.start()));
        g.writeStringField("end", Numbers.hex(r.end()));
        g.writeStringField("size", r.length().compact());
    }

    private static void flag(JsonGenerator g, String name, Boolean v) throws IOException {
        if (v != null) {
            g.writeBooleanField(name, v);
        }
    }
}
