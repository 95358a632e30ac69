package org.dtcore.layout;

import static org.dtcore.layout.ExpectationException.Kind.BAD_FIELD;
import static org.dtcore.layout.ExpectationException.Kind.BAD_FILE;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dtcore.fdt.LibfdtVersion;
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
import org.dtcore.text.ByteSize;
import org.dtcore.text.JsonField;
import org.dtcore.text.JsonText;
import org.dtcore.text.JsonValue;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * Reads an expectation file (docs/expectations.md, schemas/expectation.schema.json). Strict: unknown
 * fields, numbers that are not strings (the one rule of {@link JsonField}), ranges whose size disagrees
 * with their ends are errors naming the line, column and JSON field path
 * ("line 12 column 21: $.reserved[0].end: ...").
 */
public final class ExpectationReader {
    /** The value of {@code format}; a later schema gets a new number and this reader refuses it. */
    public static final String FORMAT = "dtcore-expect/1";
    /** Files larger than this are not expectation files (a real one is a few KiB). */
    public static final int MAX_BYTES = 16 << 20;

    private static final Set<String> TOP = Set.of("format", "board", "scan", "bootLoader", "ram", "chunks",
            "reserved", "dynamic", "numa", "rules", "crash");
    private static final Set<String> RANGE = Set.of("start", "end", "size");
    private static final Set<String> KINDS = Set.of("memreserve", "reserved-memory", "rtas", "opal", "tce",
            "reserved-ranges");

    private ExpectationReader() {
    }

    /**
     * Reads the expectation file {@code file}.
     *
     * @param file an expectation file, at most {@link #MAX_BYTES} bytes
     * @return the expectation; sections the file leaves out are not checked
     * @throws IOException when the file cannot be read
     * @throws ExpectationException when it is not an expectation file, naming the line, column and field
     * @throws org.dtcore.input.InputException when it is not a regular file or is larger than the cap
     */
    public static Expectation read(Path file) throws IOException {
        return parse(InputFile.read(file, MAX_BYTES));
    }

    /**
     * Parses a file's bytes, which must be UTF-8 (RFC 8259); a byte that is not is an error at its line and
     * column.
     *
     * @param bytes the file's contents
     * @return the expectation; sections the file leaves out are not checked
     * @throws ExpectationException when the bytes are not an expectation file, naming the line, column and field
     */
    public static Expectation parse(byte[] bytes) {
        if (bytes.length > MAX_BYTES) {
            throw new ExpectationException(BAD_FILE, "", "larger than " + MAX_BYTES + " bytes; refusing to read it");
        }
        return expectation(() -> JsonText.parse(bytes));
    }

    /**
     * Parses an expectation file's text.
     *
     * @param json the file's text
     * @return the expectation; sections the file leaves out are not checked
     * @throws ExpectationException when the text is not an expectation file, naming the line, column and field
     */
    public static Expectation parse(String json) {
        return expectation(() -> JsonText.parse(json));
    }

    private interface Source {
        JsonValue parse();
    }

    private static Expectation expectation(Source source) {
        try {
            return expectation(JsonField.root(source.parse()));
        } catch (TextException e) {
            throw new ExpectationException(e.kind() == TextException.Kind.JSON_FIELD ? BAD_FIELD : BAD_FILE,
                    e.location(), e.detail(), e);
        }
    }

    private static Expectation expectation(JsonField top) {
        top.object(TOP);
        Optional<String> format = top.get("format").optionalText();
        if (format.isPresent() && !format.get().equals(FORMAT)) {
            throw top.get("format").error("not " + FORMAT + ", the one format this dtcore reads");
        }
        Expectation e = new Expectation(top.get("board").optionalText().orElse(null),
                top.get("scan").present() ? scan(top.get("scan")) : null,
                top.get("ram").present() ? ranges(top.get("ram")) : null,
                top.get("chunks").present() ? top.get("chunks").list(ExpectationReader::chunk) : null,
                top.get("reserved").present() ? top.get("reserved").list(ExpectationReader::reserved) : null,
                top.get("dynamic").present() ? top.get("dynamic").list(ExpectationReader::dynamic) : null,
                top.get("numa").present() ? numa(top.get("numa")) : null,
                top.get("rules").present() ? rules(top.get("rules")) : LayoutRules.NONE,
                top.get("crash").present() ? crash(top.get("crash")) : null);
        return top.get("bootLoader").present() ? e.withBootLoader(bootLoader(top.get("bootLoader"))) : e;
    }

    private static ScanOptions scan(JsonField f) {
        f.object(Set.of("arch", "pageSize", "legacyMemoryRule", "kernelLoadAddress", "kernelVersion"));
        Arch arch = arch(f.get("arch"));
        Long page = f.get("pageSize").optionalNumber().orElse(null);
        if (page != null && PageSize.problem(page).isPresent()) {
            throw f.get("pageSize").error(PageSize.problem(page).get());
        }
        boolean legacy = f.get("legacyMemoryRule").optionalBoolean().orElse(false);
        long load = f.get("kernelLoadAddress").optionalNumber().orElse(-1L);
        KernelVersion kernel = null;
        Optional<String> release = f.get("kernelVersion").optionalText();
        if (release.isPresent()) {
            try {
                kernel = KernelVersion.parse(release.get(), "");
            } catch (MemoryMapException e) {
                throw f.get("kernelVersion").error("not a kernel release: MAJOR.MINOR first, such as \"6.12\" or"
                        + " \"6.12.117\"");
            }
        }
        return new ScanOptions(arch, page == null ? 0 : page, legacy, load, true, kernel);
    }

    /** {@code "bootLoader": {"memory": [ranges], "overlays": ["x.dtbo"], "libfdt": "1.7"}}. */
    private static BootLoaderSection bootLoader(JsonField f) {
        f.object(Set.of("memory", "overlays", "libfdt"));
        List<MemoryRange> banks = f.get("memory").present() ? ranges(f.get("memory")) : List.of();
        List<String> overlays = f.get("overlays").present() ? f.get("overlays").list(o -> {
            if (o.text().isEmpty()) {
                throw o.error("an empty path");
            }
            return o.text();
        }) : List.of();
        LibfdtVersion libfdt = null;
        Optional<String> version = f.get("libfdt").optionalText();
        if (version.isPresent()) {
            libfdt = LibfdtVersion.of(version.get())
                    .orElseThrow(() -> f.get("libfdt").error("not \"1.7\" or \"1.6\""));
        }
        return new BootLoaderSection(banks, overlays, libfdt);
    }

    private static Arch arch(JsonField f) {
        Optional<String> name = f.optionalText();
        try {
            return name.isEmpty() ? null : Arch.parse(name.get());
        } catch (IllegalArgumentException e) {
            throw f.error("not an architecture dtcore knows (" + String.join(", ",
                    Arrays.stream(Arch.values()).map(Arch::cliName).toList()) + ")");
        }
    }

    private static ExpectedChunk chunk(JsonField f) {
        f.object(Set.of("start", "end", "size", "node", "property", "numaNode", "hotpluggable"));
        JsonField numa = f.get("numaNode");
        int numaNode = !numa.present() ? ExpectedChunk.ANY_NUMA : numa.isNull() ? MemoryChunk.NO_NUMA_NODE
                : numa.integer(Integer.MAX_VALUE);
        return new ExpectedChunk(range(f), f.get("node").optionalText().orElse(null),
                f.get("property").optionalText().orElse(null), numaNode,
                f.get("hotpluggable").optionalBoolean().orElse(null));
    }

    private static ExpectedReserved reserved(JsonField f) {
        f.object(Set.of("start", "end", "size", "kind", "node", "noMap", "reusable"));
        String kind = f.get("kind").optionalText().orElse(null);
        if (kind != null && !KINDS.contains(kind)) {
            throw f.get("kind").error("not a reserved kind (" + kindNames() + ")");
        }
        return new ExpectedReserved(range(f), kind, f.get("node").optionalText().orElse(null),
                f.get("noMap").optionalBoolean().orElse(null), f.get("reusable").optionalBoolean().orElse(null));
    }

    /** A dynamic reservation; {@code "alignment": null} says it has none (0), a missing one is not checked. */
    private static ExpectedDynamic dynamic(JsonField f) {
        f.object(Set.of("node", "size", "alignment", "allocRanges", "noMap", "reusable"));
        JsonField align = f.get("alignment");
        Long alignment = !align.present() ? null : align.isNull() ? 0L : align.number();
        JsonField alloc = f.get("allocRanges");
        return new ExpectedDynamic(f.get("node").text(), f.get("size").number(), alignment,
                alloc.given() ? ranges(alloc) : null, f.get("noMap").optionalBoolean().orElse(null),
                f.get("reusable").optionalBoolean().orElse(null));
    }

    /** {@code "numa": {"0": {"ranges": [...], "total": "2G"}, ...}}: keys are node ids. */
    private static List<ExpectedNumaNode> numa(JsonField f) {
        List<ExpectedNumaNode> out = new ArrayList<>();
        for (String key : f.names()) {
            // one spelling per id: Integer.parseInt would also take "00", "+1" and non-ASCII digits, so two
            // keys could name one node
            if (!Numbers.isDigits(key, 10) || key.length() > 1 && key.charAt(0) == '0' || key.length() > 10
                    || Long.parseLong(key) > Integer.MAX_VALUE) {
                throw f.errorAt(f.get(key).value().orElseThrow(), "a NUMA node key is a node id: decimal 0 to "
                        + Integer.MAX_VALUE + ", no sign and no leading zeros");
            }
            JsonField n = f.get(key).object(Set.of("ranges", "total"));
            List<MemoryRange> ranges = n.get("ranges").present() ? ranges(n.get("ranges")) : null;
            Long total = n.get("total").optionalNumber().orElse(null);
            if (ranges == null && total == null) {
                throw n.error("a NUMA node needs \"ranges\" or \"total\"");
            }
            out.add(new ExpectedNumaNode(Integer.parseInt(key), ranges, total));
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
            Optional<Long> align = c.get("alignment").optionalNumber();
            fit = new CrashKernelFit(c.get("size").number(), c.get("below").number(),
                    align.orElse(CrashKernelFit.DEFAULT_ALIGNMENT));
            if (fit.size() == 0) {
                throw c.get("size").error("size 0 always fits");
            }
            if (align.isPresent() && align.get() != 0 && Long.bitCount(align.get()) != 1) {
                throw c.get("alignment").error("not a power of two");
            }
        }
        return new LayoutRules(f.get("totalRamAtLeast").optionalNumber().orElse(null),
                f.get("totalRamAtMost").optionalNumber().orElse(null), f.get("noRamBelow").optionalNumber().orElse(null),
                f.get("noRamFrom").optionalNumber().orElse(null), fit,
                f.get("reservedWithinRam").optionalBoolean().orElse(false),
                f.get("reservedDisjoint").optionalBoolean().orElse(false));
    }

    private static CrashExpectation crash(JsonField f) {
        f.object(Set.of("arch", "crashkernel", "dumpRanges", "omits", "includes"));
        JsonField k = f.get("crashkernel");
        List<MemoryRange> kernels = k.given() ? k.list(ExpectationReader::crashKernel) : null;
        return new CrashExpectation(arch(f.get("arch")), kernels,
                f.get("dumpRanges").present() ? ranges(f.get("dumpRanges")) : null,
                f.get("omits").present() ? ranges(f.get("omits")) : List.of(),
                f.get("includes").present() ? ranges(f.get("includes")) : List.of());
    }

    /** A placed crash kernel: {@code "256M@0x60000000"} (SPEC §6 size@offset) or a range object. */
    private static MemoryRange crashKernel(JsonField f) {
        if (!f.value().map(v -> v.is(JsonValue.Type.STRING)).orElse(false)) {
            f.object(RANGE);
            return range(f);
        }
        if (f.text().indexOf('@') < 0) {
            throw f.error("not SIZE@OFFSET (a crash kernel the kernel places itself has no fixed range to check)");
        }
        try {
            return RangeText.parse(f.text());
        } catch (TextException e) {
            throw f.error("not SIZE@OFFSET in dtcore's number grammar, inside the 64-bit space (docs/numbers.md)");
        }
    }

    private static List<MemoryRange> ranges(JsonField f) {
        return f.list(r -> {
            r.object(RANGE);
            return range(r);
        });
    }

    /**
     * The range fields of an object (a range, or a row that also has other fields): {@code start} with
     * {@code end} or {@code size} (both allowed when they agree). A size may be 2^64 ({@code "16E"}), the
     * whole space, which is what {@code expect} writes for it.
     */
    private static MemoryRange range(JsonField f) {
        long start = f.get("start").number();
        Long end = f.get("end").optionalNumber().orElse(null);
        ByteSize size = f.get("size").optionalSize().orElse(null);
        if (end == null && size == null) {
            throw f.error("a range needs \"end\" or \"size\"");
        }
        MemoryRange r;
        try {
            if (end != null) {
                r = new MemoryRange(start, end);
            } else if (size.full()) {
                if (start != 0) {
                    throw f.error("2^64 bytes from " + Numbers.hex(start) + " wrap past 2^64");
                }
                r = new MemoryRange(0, -1L);
            } else {
                r = MemoryRange.ofSize(start, size.bytes(), f.path());
            }
        } catch (MemoryMapException e) {
            throw f.error(e.detail());
        }
        if (size != null && !r.length().equals(size)) {
            throw f.get("size").error("size " + size.compact() + " does not match start..end (size "
                    + r.length().compact() + ")");
        }
        return r;
    }

    private static String kindNames() {
        return String.join(", ", Arrays.stream(ReservedRegion.Kind.values()).map(ReservedRegion.Kind::jsonName)
                .toList());
    }
}
