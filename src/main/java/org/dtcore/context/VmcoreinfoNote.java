package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dtcore.input.InputFile;
import org.dtcore.memory.Arch;

/**
 * The VMCOREINFO text (SPEC §9, §10): "KEY=VALUE" lines such as {@code PAGESIZE=4096},
 * {@code NUMBER(VA_BITS)=48}, {@code NUMBER(PHYS_OFFSET)=0x40000000}. A running system does not expose it
 * as a file (it lives in the note's memory), so it is an optional input: a copy saved from a vmcore
 * ({@code makedumpfile --dump-vmcoreinfo}, {@code readelf -n}) or the kernel-truth cases' vmcoreinfo-note.txt.
 *
 * <p>What it contributes: PAGESIZE everywhere; arm64 VA_BITS and PHYS_OFFSET; riscv64 VA_BITS,
 * phys_ram_base and PAGE_OFFSET, which kernels from 6.2 print (6.1's riscv note has none of them).
 *
 * @param entries each KEY with its VALUE, trimmed, in the note's order; the first of a repeated key
 * @param source  the file or name the text came from, for messages
 */
public record VmcoreinfoNote(Map<String, String> entries, String source) {
    /**
     * A note of these entries (copied: the record stays immutable).
     *
     * @param entries each KEY with its VALUE
     * @param source  the file or name the text came from, for messages
     */
    public VmcoreinfoNote {
        entries = Map.copyOf(entries);
    }

    /** A saved note is a page of text (VMCOREINFO_BYTES); a few KiB in practice, 16 MiB at most read. */
    public static final int MAX_BYTES = 16 << 20;

    /**
     * Reads a saved note.
     *
     * @param file the VMCOREINFO text, as {@code makedumpfile --dump-vmcoreinfo} saves it
     * @return its entries, the file named as the source
     * @throws org.dtcore.input.InputException when the file cannot be read or exceeds {@link #MAX_BYTES}
     */
    public static VmcoreinfoNote read(Path file) {
        return parse(new String(InputFile.read(file, MAX_BYTES), StandardCharsets.UTF_8), file.toString());
    }

    /**
     * Parses note text already in memory. Lines without "=" are skipped; the first value of a repeated key wins.
     *
     * @param text   the "KEY=VALUE" lines
     * @param source what messages name as the source
     * @return the entries (empty when no line has a key)
     */
    public static VmcoreinfoNote parse(String text, String source) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
            }
        }
        return new VmcoreinfoNote(map, source);
    }

    /**
     * OSRELEASE, the running kernel's release.
     *
     * @return the release text ("6.12.117-kt"); empty when the note has no OSRELEASE or an empty one
     */
    public java.util.Optional<String> osrelease() {
        return java.util.Optional.ofNullable(entries.get("OSRELEASE")).filter(v -> !v.isEmpty());
    }

    /**
     * The context fields this note gives (see the class comment for which, by architecture).
     *
     * @param arch the architecture whose keys are read
     * @return the fields found; the others are null (not said)
     * @throws ContextException when a value is not a number or VA_BITS is not between 1 and 64
     */

    public PartialContext context(Arch arch) {
        PartialContext c = PartialContext.EMPTY;
        Long page = number("PAGESIZE");
        if (page != null) {
            c = c.withPageSize(page);
        }
        if (arch == Arch.ARM64 || arch == Arch.RISCV64) {
            Long bits = number("NUMBER(VA_BITS)");
            if (bits != null) {
                if (bits < 1 || bits > 64) {
                    throw new ContextException(BAD_FILE, source,
                            "NUMBER(VA_BITS): " + bits + " is not between 1 and 64");
                }
                c = c.withVaBits((int) (long) bits);
            }
        }
        if (arch == Arch.ARM64) {
            c = c.withLinearMap(null, number("NUMBER(PHYS_OFFSET)"));
        } else if (arch == Arch.RISCV64) {
            c = c.withLinearMap(number("NUMBER(PAGE_OFFSET)"), number("NUMBER(phys_ram_base)"));
        }
        return c;
    }

    private Long number(String key) {
        String v = entries.get(key);
        return v == null ? null : Hex.parseNumber(v, source, key);
    }
}
