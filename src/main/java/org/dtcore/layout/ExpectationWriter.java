package org.dtcore.layout;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
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
        return CompactJson.print(tree(e)) + "\n";
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
            for (ExpectedChunk c : e.chunks()) {
                ObjectNode o = range(c.range());
                putIf(o, "node", c.node());
                putIf(o, "property", c.property());
                if (c.numaNode() == MemoryChunk.NO_NUMA_NODE) {
                    o.putNull("numaNode");
                } else if (c.numaNode() != ExpectedChunk.ANY_NUMA) {
                    o.put("numaNode", c.numaNode());
                }
                putIf(o, "hotpluggable", c.hotpluggable());
                a.add(o);
            }
        }
        if (e.reserved() != null) {
            ArrayNode a = root.putArray("reserved");
            for (ExpectedReserved r : e.reserved()) {
                ObjectNode o = range(r.range());
                putIf(o, "kind", r.kind());
                putIf(o, "node", r.node());
                putIf(o, "noMap", r.noMap());
                putIf(o, "reusable", r.reusable());
                a.add(o);
            }
        }
        if (e.dynamic() != null) {
            ArrayNode a = root.putArray("dynamic");
            for (ExpectedDynamic d : e.dynamic()) {
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
                a.add(o);
            }
        }
        if (e.numa() != null) {
            ObjectNode numa = root.putObject("numa");
            for (ExpectedNumaNode n : e.numa()) {
                ObjectNode o = numa.putObject(Integer.toString(n.id()));
                if (n.ranges() != null) {
                    o.set("ranges", ranges(n.ranges()));
                }
                if (n.total() != null) {
                    o.put("total", ByteSize.compact(n.total()));
                }
            }
        }
        if (!e.rules().isEmpty()) {
            root.set("rules", rules(e.rules()));
        }
        if (e.crash() != null) {
            root.set("crash", crash(e.crash()));
        }
        return root;
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
