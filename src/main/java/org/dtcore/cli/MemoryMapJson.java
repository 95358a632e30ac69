package org.dtcore.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.dtcore.memory.Chosen;
import org.dtcore.memory.DynamicReservation;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMap;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.text.Numbers;

/** The JSON form of a memory map (SPEC §12 `chunks --format json`); README documents the schema. */
final class MemoryMapJson {
    private final ObjectMapper mapper;

    MemoryMapJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode render(MemoryMap map) {
        ObjectNode root = mapper.createObjectNode();
        ArrayNode memory = root.putArray("memory");
        for (MemoryRange r : map.memory()) {
            memory.add(range(r));
        }
        ArrayNode chunks = root.putArray("chunks");
        for (MemoryChunk c : map.chunks()) {
            ObjectNode o = range(c.range());
            o.put("node", c.node());
            o.put("property", c.property());
            if (c.hasNumaNode()) {
                o.put("numaNode", c.numaNode());
            } else {
                o.putNull("numaNode");
            }
            o.put("hotpluggable", c.hotpluggable());
            chunks.add(o);
        }
        ArrayNode reserved = root.putArray("reserved");
        for (ReservedRegion r : map.reserved()) {
            ObjectNode o = range(r.range());
            o.put("kind", r.kind().jsonName());
            o.put("node", r.node());
            o.put("noMap", r.noMap());
            o.put("reusable", r.reusable());
            reserved.add(o);
        }
        ArrayNode dynamic = root.putArray("dynamicReserved");
        for (DynamicReservation d : map.dynamicReserved()) {
            ObjectNode o = mapper.createObjectNode();
            o.put("node", d.node());
            o.put("size", Numbers.hex(d.size()));
            o.put("alignment", Numbers.hex(d.alignment()));
            ArrayNode alloc = o.putArray("allocRanges");
            d.allocRanges().forEach(r -> alloc.add(range(r)));
            o.put("noMap", d.noMap());
            o.put("reusable", d.reusable());
            dynamic.add(o);
        }
        root.set("chosen", chosen(map.chosen()));
        ArrayNode warnings = root.putArray("warnings");
        map.warnings().forEach(warnings::add);
        return root;
    }

    private ObjectNode chosen(Chosen c) {
        ObjectNode o = mapper.createObjectNode();
        o.set("usableMemoryRanges", ranges(c.usableMemoryRanges()));
        optionalRange(o, "elfCoreHeader", c.elfCoreHeader());
        optionalRange(o, "initrd", c.initrd());
        o.set("crashKernels", ranges(c.crashKernels()));
        optionalHex(o, "memoryLimit", c.memoryLimit());
        optionalHex(o, "kernelEnd", c.kernelEnd());
        if (c.bootargs().isPresent()) {
            o.put("bootargs", c.bootargs().get());
        } else {
            o.putNull("bootargs");
        }
        return o;
    }

    private ArrayNode ranges(List<MemoryRange> list) {
        ArrayNode a = mapper.createArrayNode();
        list.forEach(r -> a.add(range(r)));
        return a;
    }

    private void optionalRange(ObjectNode o, String name, Optional<MemoryRange> r) {
        if (r.isPresent()) {
            o.set(name, range(r.get()));
        } else {
            o.putNull(name);
        }
    }

    private static void optionalHex(ObjectNode o, String name, Optional<Long> v) {
        if (v.isPresent()) {
            o.put(name, Numbers.hex(v.get()));
        } else {
            o.putNull(name);
        }
    }

    ObjectNode range(MemoryRange r) {
        ObjectNode o = mapper.createObjectNode();
        o.put("start", Numbers.hex(r.start()));
        o.put("end", Numbers.hex(r.end()));
        o.put("size", r.length().hexOrNull());
        return o;
    }
}
