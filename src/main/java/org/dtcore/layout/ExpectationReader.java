package org.dtcore.layout;

import static org.dtcore.layout.ExpectationException.Kind.BAD_FILE;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.dtcore.input.InputFile;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.PageSize;
import org.dtcore.memory.RangeText;
import org.dtcore.memory.ReservedRegion;
import org.dtcore.memory.ScanOptions;
import org.dtcore.text.JsonText;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;
import org.dtcore.text.Utf8;

/**
 * Reads an expectation file (docs/expectations.md). Strict: unknown fields, numbers that are not strings,
 * ranges whose size disagrees with their ends are errors naming the JSON field path.
 */
public final class ExpectationReader {
    /** The value of {@code format}; a later schema gets a new number and this reader refuses it. */
    public static final String FORMAT = "dtcore-expect/1";
    /** Files larger than this are not expectation files (a real one is a few KiB). */
    public static final int MAX_BYTES = 16 << 20;

    private static final Set<String> TOP = Set.of("format", "board", "scan", "ram", "chunks", "reserved", "dynamic",
            "numa", "rules", "crash");
    private static final Set<String> KINDS = Set.of("memreserve", "reserved-memory", "rtas", "opal", "tce",
            "reserved-ranges");

    /**
     * Deepest nesting read: the schema needs 5 ($.numa.N.ranges[i]); Jackson's default (1000) is kept far
     * from the stack's limit by its iterative tree building, but nothing deeper can be an expectation file.
     */
    static final int MAX_DEPTH = JsonText.MAX_DEPTH;
    private static final ObjectMapper MAPPER = JsonText.MAPPER;

    private ExpectationReader() {
    }

    public static Expectation read(Path file) throws IOException {
        return parse(InputFile.read(file, MAX_BYTES));
    }

    /**
     * Parses a file's bytes, which must be UTF-8 (RFC 8259); a byte that is not is an error naming its
     * offset (Files.readString threw MalformedInputException, "Input length = 1", naming nothing).
     */
    public static Expectation parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new ExpectationException(BAD_FILE, "$", "file is larger than " + MAX_BYTES + " bytes");
        }
        String text;
        try {
            text = Utf8.strict(bytes);
        } catch (TextException e) {
            throw new ExpectationException(BAD_FILE, "$", e.getMessage());
        }
        return parse(text);
    }

    public static Expectation parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            throw new ExpectationException(BAD_FILE,
                    loc == null ? "$" : "line " + loc.getLineNr() + " column " + loc.getColumnNr(),
                    "not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null) {
            throw new ExpectationException(BAD_FILE, "$", "empty file");
        }
        JsonField top = new JsonField(root, "$").object(TOP);
        String format = top.get("format").optionalText();
        if (format != null && !format.equals(FORMAT)) {
            throw top.get("format").error("'" + format + "' is not " + FORMAT);
        }
        return new Expectation(top.get("board").optionalText(),
                top.get("scan").present() ? scan(top.get("scan")) : null,
                top.get("ram").present() ? top.get("ram").ranges() : null,
                top.get("chunks").present() ? top.get("chunks").list((f, i) -> chunk(f)) : null,
                top.get("reserved").present() ? top.get("reserved").list((f, i) -> reserved(f)) : null,
                top.get("dynamic").present() ? top.get("dynamic").list((f, i) -> dynamic(f)) : null,
                top.get("numa").present() ? numa(top.get("numa")) : null,
                top.get("rules").present() ? rules(top.get("rules")) : LayoutRules.NONE,
                top.get("crash").present() ? crash(top.get("crash")) : null);
    }

    private static ScanOptions scan(JsonField f) {
        f.object(Set.of("arch", "pageSize", "legacyMemoryRule", "kernelLoadAddress", "kernelVersion"));
        Arch arch = arch(f.get("arch"));
        Long page = f.get("pageSize").optionalNumber();
        if (page != null && PageSize.problem(page) != null) {
            throw f.get("pageSize").error(PageSize.problem(page));
        }
        Boolean legacy = f.get("legacyMemoryRule").optionalBoolean();
        Long load = f.get("kernelLoadAddress").optionalNumber();
        String release = f.get("kernelVersion").optionalText();
        KernelVersion kernel = null;
        if (release != null) {
            try {
                kernel = KernelVersion.parse(release, "");
            } catch (MemoryMapException e) {
                throw f.get("kernelVersion").error(e.getMessage());
            }
        }
        return new ScanOptions(arch, page == null ? 0 : page, legacy != null && legacy, load == null ? -1 : load, true,
                kernel);
    }

    private static Arch arch(JsonField f) {
        String name = f.optionalText();
        try {
            return name == null ? null : Arch.parse(name);
        } catch (IllegalArgumentException e) {
            throw f.error(e.getMessage());
        }
    }

    private static ExpectedChunk chunk(JsonField f) {
        f.object(Set.of("start", "end", "size", "node", "property", "numaNode", "hotpluggable"));
        JsonField numa = f.get("numaNode");
        int numaNode = !numa.present() ? ExpectedChunk.ANY_NUMA : numa.isNull() ? MemoryChunk.NO_NUMA_NODE
                : numa.integer();
        if (numaNode < ExpectedChunk.ANY_NUMA) {
            throw numa.error("a NUMA node id is not negative");
        }
        return new ExpectedChunk(rangeOf(f), f.get("node").optionalText(), f.get("property").optionalText(), numaNode,
                f.get("hotpluggable").optionalBoolean());
    }

    private static ExpectedReserved reserved(JsonField f) {
        f.object(Set.of("start", "end", "size", "kind", "node", "noMap", "reusable"));
        String kind = f.get("kind").optionalText();
        if (kind != null && !KINDS.contains(kind)) {
            throw f.get("kind").error("'" + kind + "' is not a reserved kind (" + kindNames() + ")");
        }
        return new ExpectedReserved(rangeOf(f), kind, f.get("node").optionalText(), f.get("noMap").optionalBoolean(),
                f.get("reusable").optionalBoolean());
    }

    private static ExpectedDynamic dynamic(JsonField f) {
        f.object(Set.of("node", "size", "alignment", "allocRanges", "noMap", "reusable"));
        JsonField alloc = f.get("allocRanges");
        return new ExpectedDynamic(f.get("node").text(), f.get("size").number(), f.get("alignment").optionalNumber(),
                alloc.present() && !alloc.isNull() ? alloc.ranges() : null, f.get("noMap").optionalBoolean(),
                f.get("reusable").optionalBoolean());
    }

    /** {@code "numa": {"0": {"ranges": [...], "total": "2G"}, ...}}: keys are node ids. */
    private static List<ExpectedNumaNode> numa(JsonField f) {
        if (!f.node().isObject()) {
            throw f.error("expected an object whose keys are NUMA node ids");
        }
        List<ExpectedNumaNode> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = f.node().properties().iterator(); it.hasNext(); ) {
            String key = it.next().getKey();
            JsonField n = f.get(key).object(Set.of("ranges", "total"));
            if (key.startsWith("-") && key.length() > 1 && key.chars().skip(1).allMatch(c -> c >= '0' && c <= '9')) {
                throw n.error("a NUMA node id is not negative");
            }
            // one spelling per id: Integer.parseInt also took "00", "+1" and non-ASCII digits, so two keys
            // could name one node
            if (!key.matches("0|[1-9][0-9]{0,9}") || Long.parseLong(key) > Integer.MAX_VALUE) {
                throw n.error("'" + key + "' is not a NUMA node id (0 to " + Integer.MAX_VALUE
                        + ", decimal, no leading zeros)");
            }
            int id = Integer.parseInt(key);
            List<MemoryRange> ranges = n.get("ranges").present() ? n.get("ranges").ranges() : null;
            Long total = n.get("total").optionalNumber();
            if (ranges == null && total == null) {
                throw n.error("a NUMA node needs \"ranges\" or \"total\"");
            }
            out.add(new ExpectedNumaNode(id, ranges, total));
        }
        out.sort((a, b) -> Integer.compare(a.id(), b.id()));
        return out;
    }

    private static LayoutRules rules(JsonField f) {
        f.object(Set.of("totalRamAtLeast", "totalRamAtMost", "noRamBelow", "noRamFrom", "crashkernelFits",
                "reservedWithinRam", "reservedDisjoint"));
        CrashKernelFit fit = null;
        JsonField c = f.get("crashkernelFits");
        if (c.present()) {
            c.object(Set.of("size", "below", "alignment"));
            Long align = c.get("alignment").optionalNumber();
            fit = new CrashKernelFit(c.get("size").number(), c.get("below").number(),
                    align == null ? CrashKernelFit.DEFAULT_ALIGNMENT : align);
            if (fit.size() == 0) {
                throw c.get("size").error("size 0 always fits");
            }
            if (align != null && align != 0 && Long.bitCount(align) != 1) {
                throw c.get("alignment").error(Numbers.hex(align) + " is not a power of two");
            }
        }
        Boolean within = f.get("reservedWithinRam").optionalBoolean();
        Boolean disjoint = f.get("reservedDisjoint").optionalBoolean();
        return new LayoutRules(f.get("totalRamAtLeast").optionalNumber(), f.get("totalRamAtMost").optionalNumber(),
                f.get("noRamBelow").optionalNumber(), f.get("noRamFrom").optionalNumber(), fit,
                within != null && within, disjoint != null && disjoint);
    }

    private static CrashExpectation crash(JsonField f) {
        f.object(Set.of("arch", "crashkernel", "dumpRanges", "omits", "includes"));
        JsonField k = f.get("crashkernel");
        List<MemoryRange> kernels = k.present() && !k.isNull() ? k.list((item, i) -> crashKernel(item)) : null;
        return new CrashExpectation(arch(f.get("arch")), kernels,
                f.get("dumpRanges").present() ? f.get("dumpRanges").ranges() : null,
                f.get("omits").present() ? f.get("omits").ranges() : List.of(),
                f.get("includes").present() ? f.get("includes").ranges() : List.of());
    }

    /** A placed crash kernel: {@code "256M@0x60000000"} (SPEC §6 size@offset) or a range object. */
    private static MemoryRange crashKernel(JsonField f) {
        if (!f.node().isTextual()) {
            return f.range();
        }
        if (f.text().indexOf('@') < 0) {
            throw f.error("'" + f.text() + "' is not SIZE@OFFSET (a crash kernel the kernel places itself has no"
                    + " fixed range to check)");
        }
        try {
            return RangeText.parse(f.text());
        } catch (TextException e) {
            throw f.error(e.getMessage());
        }
    }

    private static MemoryRange rangeOf(JsonField f) {
        JsonNode n = f.node().deepCopy();
        // the range fields of a row object, read as a range with the same path
        var copy = MAPPER.createObjectNode();
        for (String k : List.of("start", "end", "size")) {
            if (n.has(k)) {
                copy.set(k, n.get(k));
            }
        }
        return new JsonField(copy, f.path()).range();
    }

    private static String kindNames() {
        return String.join(", ", java.util.Arrays.stream(ReservedRegion.Kind.values())
                .map(ReservedRegion.Kind::jsonName).toList());
    }
}
