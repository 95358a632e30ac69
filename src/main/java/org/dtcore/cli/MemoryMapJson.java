package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.Numbers;

/**
 * The JSON form of a memory map (SPEC §12 `chunks --format json`; schemas/memory-map.schema.json, docs/json.md),
 * written field by field to a streaming generator: the same fields in {@code chunks --format json} and in
 * each {@code --jsonl} record's {@code map}.
 */
final class MemoryMapJson {
    private MemoryMapJson() {
    }

    /** The rules the map was read by, then the map's fields, into the object the generator has open. */
    static void fields(JsonGenerator g, MemoryMap map, ScanOptions options) throws IOException {
        g.writeStringField("arch", options.arch() == null ? "generic" : options.arch().cliName());
        g.writeStringField("pageSize", Numbers.hex(options.effectivePageSize()));
        fields(g, map);
    }

    /** The map's fields, into the object the generator has open. */
    private static void fields(JsonGenerator g, MemoryMap map) throws IOException {
        g.writeArrayFieldStart("memory");
        for (MemoryRange r : map.memory()) {
            range(g, r);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("chunks");
        for (MemoryChunk c : map.chunks()) {
            g.writeStartObject();
            rangeFields(g, c.range());
            g.writeStringField("node", c.node());
            g.writeStringField("property", c.property());
            if (c.hasNumaNode()) {
                g.writeNumberField("numaNode", c.numaNode());
            } else {
                g.writeNullField("numaNode");
            }
            g.writeBooleanField("hotpluggable", c.hotpluggable());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("reserved");
        for (ReservedRegion r : map.reserved()) {
            g.writeStartObject();
            rangeFields(g, r.range());
            g.writeStringField("kind", r.kind().jsonName());
            g.writeStringField("node", r.node().orElse(null));
            g.writeBooleanField("noMap", r.noMap());
            g.writeBooleanField("reusable", r.reusable());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("dynamicReserved");
        for (DynamicReservation d : map.dynamicReserved()) {
            g.writeStartObject();
            g.writeStringField("node", d.node());
            g.writeStringField("size", Numbers.hex(d.size()));
            if (d.alignment() == 0) {
                g.writeNullField("alignment"); // none asked for: the table's "-"
            } else {
                g.writeStringField("alignment", Numbers.hex(d.alignment()));
            }
            ranges(g, "allocRanges", d.allocRanges());
            g.writeBooleanField("noMap", d.noMap());
            g.writeBooleanField("reusable", d.reusable());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeFieldName("chosen");
        chosen(g, map.chosen());
        g.writeArrayFieldStart("warnings");
        for (String w : map.warnings()) {
            g.writeString(w);
        }
        g.writeEndArray();
    }

    private static void chosen(JsonGenerator g, Chosen c) throws IOException {
        g.writeStartObject();
        ranges(g, "usableMemoryRanges", c.usableMemoryRanges());
        optionalRange(g, "elfCoreHeader", c.elfCoreHeader());
        optionalRange(g, "initrd", c.initrd());
        ranges(g, "crashKernels", c.crashKernels());
        optionalHex(g, "memoryLimit", c.memoryLimit());
        optionalHex(g, "kernelEnd", c.kernelEnd());
        if (c.bootargs().isPresent()) {
            g.writeStringField("bootargs", c.bootargs().get());
        } else {
            g.writeNullField("bootargs");
        }
        g.writeEndObject();
    }

    private static void ranges(JsonGenerator g, String name, List<MemoryRange> list) throws IOException {
        g.writeArrayFieldStart(name);
        for (MemoryRange r : list) {
            range(g, r);
        }
        g.writeEndArray();
    }

    private static void optionalRange(JsonGenerator g, String name, Optional<MemoryRange> r) throws IOException {
        g.writeFieldName(name);
        if (r.isPresent()) {
            range(g, r.get());
        } else {
            g.writeNull();
        }
    }

    private static void optionalHex(JsonGenerator g, String name, Optional<Long> v) throws IOException {
        if (v.isPresent()) {
            g.writeStringField(name, Numbers.hex(v.get()));
        } else {
            g.writeNullField(name);
        }
    }

    static void range(JsonGenerator g, MemoryRange r) throws IOException {
        g.writeStartObject();
        rangeFields(g, r);
        g.writeEndObject();
    }

    private static void rangeFields(JsonGenerator g, MemoryRange r) throws IOException {
        g.writeStringField("start", Numbers.hex(r.start()));
        g.writeStringField("end", Numbers.hex(r.end()));
        g.writeStringField("size", r.length().hex().orElse(null));
    }
}
