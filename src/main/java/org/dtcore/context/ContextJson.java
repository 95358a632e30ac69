package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dtcore.input.InputFile;
import org.dtcore.memory.Arch;
import org.dtcore.text.JsonText;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;
import org.dtcore.text.Utf8;

/**
 * Reads a JSON context file (SPEC §10; schema in docs/context.md) into a {@link PartialContext}:
 * <pre>
 * {"arch": "arm64",
 *  "cpus": [{"cpu": 0, "address": "0xbfbbd000", "size": "0x1a8"}],
 *  "vmcoreinfo": {"address": "0x40a34000", "size": "0x1024"},
 *  "kernelText": {"vaddr": "0xffff800008000000", "paddr": "0x40200000", "size": "0x4c0000"},
 *  "linearMapBase": "0xffff000000000000", "physOffset": "0x40000000",
 *  "pageSize": "0x1000", "eFlags": 0, "vaBits": 48, "warnings": []}
 * </pre>
 * Every field is optional (a missing one falls to the next source or a default); {@code "kernelText": null}
 * says there is none. Numbers are "0x..." hex strings (SPEC §0: 64-bit values do not survive JSON numbers
 * in most readers); decimal strings and JSON integers are accepted too. "warnings" is output only and is
 * ignored. An unknown field is an error (a misspelt one would otherwise be silently defaulted).
 *
 * <p>Every failure is a {@link ContextException} naming the file and the field path
 * ("cpus[1].address: ..."); no Jackson exception escapes. Bounded: files over {@value #MAX_BYTES}
 * bytes and more than {@value SysfsCpus#MAX_CPUS} CPUs are refused.
 */
public final class ContextJson {
    public static final int MAX_BYTES = 16 << 20;

    private static final Set<String> TOP = Set.of("arch", "cpus", "vmcoreinfo", "kernelText", "linearMapBase",
            "physOffset", "pageSize", "eFlags", "vaBits", "warnings");
    private static final Set<String> CPU = Set.of("cpu", "address", "size");
    private static final Set<String> VMCOREINFO = Set.of("address", "size");
    private static final Set<String> TEXT = Set.of("vaddr", "paddr", "size");
    /** Deepest nesting read: the schema needs 3 (cpus[i].address); Jackson's default would allow 1000. */
    static final int MAX_DEPTH = JsonText.MAX_DEPTH;
    private static final ObjectMapper MAPPER = JsonText.MAPPER;

    private final String where;

    private ContextJson(String where) {
        this.where = where;
    }

    /** Reads {@code file}; {@code arch} must match the file's "arch" when it has one. */
    public static PartialContext read(Path file, Arch arch) {
        String text;
        try {
            text = Utf8.strict(InputFile.read(file, MAX_BYTES)); // as expectation files (docs/numbers.md)
        } catch (TextException e) {
            throw new ContextException(BAD_FILE, file.toString(), e.getMessage());
        }
        return parse(text, file.toString(), arch);
    }

    /** Parses JSON text; {@code where} names it in errors. */
    public static PartialContext parse(String json, String where, Arch arch) {
        if (json.length() > MAX_BYTES) {
            throw new ContextException(BAD_FILE, where, "larger than " + MAX_BYTES + " bytes; refusing to read it");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String pos = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
            throw new ContextException(BAD_FILE, where, "malformed JSON" + pos + ": " + e.getOriginalMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new ContextException(BAD_FILE, where, "empty: expected a JSON object");
        }
        return new ContextJson(where).context(root, arch);
    }

    private PartialContext context(JsonNode root, Arch arch) {
        object(root, "(top level)", TOP);
        JsonNode a = root.get("arch");
        if (a != null && !a.isNull()) {
            checkArch(a, arch);
        }
        PartialContext c = PartialContext.EMPTY;
        JsonNode cpus = root.get("cpus");
        if (cpus != null && !cpus.isNull()) {
            c = c.withCpus(cpus(cpus));
        }
        JsonNode v = root.get("vmcoreinfo");
        if (v != null && !v.isNull()) {
            object(v, "vmcoreinfo", VMCOREINFO);
            c = c.withVmcoreinfo(u64(required(v, "address", "vmcoreinfo"), "vmcoreinfo.address"),
                    optionalU64(v.get("size"), "vmcoreinfo.size"));
        }
        if (root.has("kernelText")) {
            c = c.withKernelText(kernelText(root.get("kernelText")));
        }
        c = c.withLinearMap(optionalU64(root.get("linearMapBase"), "linearMapBase"),
                optionalU64(root.get("physOffset"), "physOffset"));
        c = c.withPageSize(optionalU64(root.get("pageSize"), "pageSize"));
        Long flags = optionalU64(root.get("eFlags"), "eFlags");
        if (flags != null) {
            c = c.withEFlags((int) bounded(flags, 0xffff_ffffL, "eFlags"));
        }
        Long bits = optionalU64(root.get("vaBits"), "vaBits");
        if (bits != null) {
            c = c.withVaBits((int) bounded(bits, 64, "vaBits"));
        }
        return c;
    }

    private void checkArch(JsonNode a, Arch arch) {
        if (!a.isTextual()) {
            throw fail("arch", "expected a string such as \"arm64\", found " + type(a));
        }
        Arch file;
        try {
            file = Arch.parse(a.asText());
        } catch (IllegalArgumentException e) {
            throw fail("arch", e.getMessage());
        }
        if (file != arch) {
            throw fail("arch", "the file is for " + file + ", but the architecture asked for is " + arch);
        }
    }

    private List<CpuNote> cpus(JsonNode array) {
        if (!array.isArray()) {
            throw fail("cpus", "expected an array, found " + type(array));
        }
        if (array.size() > SysfsCpus.MAX_CPUS) {
            throw fail("cpus", array.size() + " entries; at most " + SysfsCpus.MAX_CPUS + " CPUs are accepted");
        }
        List<CpuNote> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            String path = "cpus[" + i + "]";
            JsonNode n = array.get(i);
            object(n, path, CPU);
            long cpu = bounded(u64(required(n, "cpu", path), path + ".cpu"), Integer.MAX_VALUE, path + ".cpu");
            long address = u64(required(n, "address", path), path + ".address");
            Long size = optionalU64(n.get("size"), path + ".size");
            if (size != null && size == 0) {
                throw fail(path + ".size", "0 is not a note size");
            }
            out.add(new CpuNote((int) cpu, address, size == null ? 0 : size));
        }
        return out;
    }

    private Optional<KernelText> kernelText(JsonNode n) {
        if (n.isNull()) {
            return Optional.empty();
        }
        object(n, "kernelText", TEXT);
        return Optional.of(new KernelText(u64(required(n, "vaddr", "kernelText"), "kernelText.vaddr"),
                u64(required(n, "paddr", "kernelText"), "kernelText.paddr"),
                u64(required(n, "size", "kernelText"), "kernelText.size")));
    }

    private void object(JsonNode n, String path, Set<String> known) {
        if (!n.isObject()) {
            throw fail(path, "expected an object, found " + type(n));
        }
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw fail(path, "unknown field \"" + Hex.shorten(name) + "\" (known: " + String.join(", ",
                        known.stream().sorted().toList()) + ")");
            }
        }
    }

    private JsonNode required(JsonNode n, String field, String path) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            throw fail(path, "missing \"" + field + "\"");
        }
        return v;
    }

    private Long optionalU64(JsonNode n, String path) {
        return n == null || n.isNull() ? null : u64(n, path);
    }

    /**
     * SPEC §0 unsigned 64-bit: a string in dtcore's number grammar (docs/numbers.md: "0x..." hex, decimal
     * with an optional K/M/G/T/P/E suffix), or a JSON integer in [0, 2^64).
     */
    private long u64(JsonNode n, String path) {
        if (n.isTextual()) {
            try {
                return Numbers.parse(n.asText());
            } catch (TextException e) {
                throw fail(path, e.getMessage());
            }
        }
        if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            if (v.signum() < 0 || v.bitLength() > 64) {
                throw fail(path, v + " is not an unsigned 64-bit number");
            }
            return v.longValue();
        }
        throw fail(path, "expected a \"0x...\" hex string, found " + type(n));
    }

    private long bounded(long v, long max, String path) {
        if (Long.compareUnsigned(v, max) > 0) {
            throw fail(path, Long.toUnsignedString(v) + " is larger than " + max);
        }
        return v;
    }

    private static String type(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private ContextException fail(String path, String message) {
        return new ContextException(BAD_FILE, where, path + ": " + message);
    }
}
