package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.dtcore.input.InputFile;
import org.dtcore.memory.Arch;
import org.dtcore.text.JsonField;
import org.dtcore.text.JsonText;
import org.dtcore.text.JsonValue;
import org.dtcore.text.TextException;

/**
 * Reads a JSON context file (SPEC §10; docs/context.md, schemas/context.schema.json) into a
 * {@link PartialContext}:
 * <pre>
 * {"arch": "arm64",
 *  "cpus": [{"cpu": 0, "address": "0xbfbbd000", "size": "0x1a8"}],
 *  "vmcoreinfo": {"address": "0x40a34000", "size": "0x1024"},
 *  "kernelText": {"vaddr": "0xffff800008000000", "paddr": "0x40200000", "size": "0x4c0000"},
 *  "linearMapBase": "0xffff000000000000", "physOffset": "0x40000000",
 *  "pageSize": "0x1000", "eFlags": "0x0", "vaBits": 48, "warnings": []}
 * </pre>
 * Every field is optional (a missing one falls to the next source or a default); {@code "kernelText": null}
 * says there is none. Numbers follow the one rule of every JSON file dtcore reads ({@link JsonField}):
 * addresses, sizes and e_flags are strings in dtcore's grammar, the CPU id and VA_BITS JSON integers.
 * "warnings" is output only: read back, it must be a list of strings and is otherwise ignored. An unknown
 * field is an error (a misspelt one would otherwise be silently defaulted).
 *
 * <p>Every failure is a {@link ContextException} naming the file, the line and column, and the field path
 * ("ctx.json: line 3 column 40: $.cpus[1].address: ..."). Bounded: files over {@value #MAX_BYTES} bytes and
 * more than {@value SysfsCpus#MAX_CPUS} CPUs are refused.
 */
public final class ContextJson {
    /** The largest context file read, in bytes (16 MiB: a real one is well under a KiB per CPU). */
    public static final int MAX_BYTES = 16 << 20;

    private static final Set<String> TOP = Set.of("arch", "cpus", "vmcoreinfo", "kernelText", "linearMapBase",
            "physOffset", "pageSize", "eFlags", "vaBits", "warnings");
    private static final Set<String> CPU = Set.of("cpu", "address", "size");
    private static final Set<String> VMCOREINFO = Set.of("address", "size");
    private static final Set<String> TEXT = Set.of("vaddr", "paddr", "size");

    private ContextJson() {
    }

    /**
     * Reads a context file.
     *
     * @param file the JSON file
     * @param arch the architecture the header is built for; the file's "arch", when given, must name it
     * @return the fields the file gives (null for each it leaves out, {@link PartialContext})
     * @throws ContextException when the file is not JSON or has a field that cannot be
     * @throws org.dtcore.input.InputException when the file cannot be read or exceeds {@link #MAX_BYTES}
     */
    public static PartialContext read(Path file, Arch arch) {
        byte[] bytes = InputFile.read(file, MAX_BYTES);
        return context(() -> JsonText.parse(bytes), file.toString(), arch);
    }

    /**
     * Parses context JSON already in memory (standard input, a test).
     *
     * @param json  the JSON text
     * @param where what errors name as the source ("&lt;stdin&gt;", a file name)
     * @param arch  the architecture the header is built for; the text's "arch", when given, must name it
     * @return the fields the text gives
     * @throws ContextException when the text is larger than {@link #MAX_BYTES}, is not JSON, or has a field
     *                          that cannot be
     */

    public static PartialContext parse(String json, String where, Arch arch) {
        if (json.length() > MAX_BYTES) {
            throw new ContextException(BAD_FILE, where, "larger than " + MAX_BYTES + " bytes; refusing to read it");
        }
        return context(() -> JsonText.parse(json), where, arch);
    }

    private interface Source {
        JsonValue parse();
    }

    private static PartialContext context(Source source, String where, Arch arch) {
        try {
            return context(JsonField.root(source.parse()), arch);
        } catch (TextException e) {
            throw new ContextException(BAD_FILE, where + ": " + e.location(), e.detail());
        }
    }

    private static PartialContext context(JsonField root, Arch arch) {
        root.object(TOP);
        JsonField a = root.get("arch");
        if (a.given()) {
            checkArch(a, arch);
        }
        PartialContext c = PartialContext.EMPTY;
        JsonField cpus = root.get("cpus");
        if (cpus.given()) {
            c = c.withCpus(cpus(cpus));
        }
        JsonField v = root.get("vmcoreinfo");
        if (v.given()) {
            v.object(VMCOREINFO);
            c = c.withVmcoreinfo(v.get("address").number(), v.get("size").optionalNumber().orElse(null));
        }
        JsonField text = root.get("kernelText");
        if (text.present()) {
            c = c.withKernelText(kernelText(text));
        }
        c = c.withLinearMap(root.get("linearMapBase").optionalNumber().orElse(null),
                root.get("physOffset").optionalNumber().orElse(null));
        c = c.withPageSize(root.get("pageSize").optionalNumber().orElse(null));
        JsonField flags = root.get("eFlags");
        if (flags.given()) {
            long f = flags.number();
            if (Long.compareUnsigned(f, 0xffff_ffffL) > 0) {
                throw flags.error("does not fit in 32 bits (ELF e_flags is a 32-bit word)");
            }
            c = c.withEFlags((int) f);
        }
        Optional<Integer> bits = root.get("vaBits").optionalInteger(64);
        if (bits.isPresent()) {
            c = c.withVaBits(bits.get());
        }
        JsonField warnings = root.get("warnings");
        if (warnings.given()) {
            warnings.list(JsonField::text); // output only: read back, it is checked for shape and ignored
        }
        return c;
    }

    private static void checkArch(JsonField a, Arch arch) {
        Arch file;
        try {
            file = Arch.parse(a.text());
        } catch (IllegalArgumentException e) {
            throw a.error("not an architecture dtcore knows (" + String.join(", ",
                    java.util.Arrays.stream(Arch.values()).map(Arch::cliName).toList()) + ")");
        }
        if (file != arch) {
            throw a.error("the file is for " + file + ", but the architecture asked for is " + arch);
        }
    }

    private static List<CpuNote> cpus(JsonField array) {
        List<JsonField> items = array.elements();
        if (items.size() > SysfsCpus.MAX_CPUS) {
            throw array.error(items.size() + " entries; at most " + SysfsCpus.MAX_CPUS + " CPUs are accepted");
        }
        List<CpuNote> out = new ArrayList<>(items.size());
        for (JsonField n : items) {
            n.object(CPU);
            int cpu = n.get("cpu").integer(Integer.MAX_VALUE);
            long address = n.get("address").number();
            JsonField sizeField = n.get("size");
            long size = sizeField.optionalNumber().orElse(0L);
            if (sizeField.given() && size == 0) {
                throw sizeField.error("0 is not a note size");
            }
            out.add(new CpuNote(cpu, address, size));
        }
        return out;
    }

    private static Optional<KernelText> kernelText(JsonField n) {
        if (n.isNull()) {
            return Optional.empty();
        }
        n.object(TEXT);
        return Optional.of(new KernelText(n.get("vaddr").number(), n.get("paddr").number(), n.get("size").number()));
    }
}
