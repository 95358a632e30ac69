package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_FILE;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.input.InputFile;
import org.dtcore.input.InputLines;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.text.Numbers;

/**
 * The three kernel symbols the kernel-map PT_LOAD needs (SPEC §9, §10), from /proc/kallsyms or a
 * System.map: both are lines "ADDRESS TYPE NAME" (kallsyms may add "[module]"), the address in hex
 * without "0x". Linux 6.1's arm64 kallsyms lacks {@code _text} and {@code _end} (SPEC §9): give a System.map
 * then.
 *
 * @param text   {@code _text}; empty when the file does not list it
 * @param stext  {@code _stext}; empty when the file does not list it
 * @param end    {@code _end}; empty when the file does not list it
 * @param source the file they came from, for messages
 */
public record KernelSymbols(OptionalLong text, OptionalLong stext, OptionalLong end, String source) {
    /**
     * The symbols as found.
     *
     * @param text   {@code _text}; empty when not listed
     * @param stext  {@code _stext}; empty when not listed
     * @param end    {@code _end}; empty when not listed
     * @param source the file they came from, for messages
     * @throws NullPointerException when a symbol is null (give {@code OptionalLong.empty()})
     */
    public KernelSymbols {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(stext, "stext");
        Objects.requireNonNull(end, "end");
    }

    /** A System.map is bounded as /proc/kallsyms is (the declaration's cap, with why it is enough). */
    static final long MAX_BYTES = RootFile.KALLSYMS.maxBytes();
    /**
     * "ADDRESS TYPE NAME\t[module]": a symbol name is at most KSYM_NAME_LEN (512 since Linux 6.1), a module
     * name MODULE_NAME_LEN (56), the address 16 hex digits; 4 KiB is any real line with room to spare.
     */
    static final int MAX_LINE_BYTES = 4096;

    /**
     * Reads a System.map or a saved /proc/kallsyms, stopping once all three symbols are found.
     *
     * @param file the symbol file
     * @return the symbols found, each missing one absent
     * @throws ContextException when an address is not hex or every address is 0 (kptr_restrict)
     * @throws org.dtcore.input.InputException when the file cannot be read, is too large or has an
     *                                         over-long line
     */
    public static KernelSymbols read(Path file) {
        // ISO-8859-1 maps every byte to a char: a binary file cannot fail to decode
        try (InputLines in = InputFile.lines(file, MAX_BYTES, MAX_LINE_BYTES)) {
            return read(in, file.toString());
        }
    }

    /**
     * A system root's /proc/kallsyms.
     *
     * @param root the system root
     * @return the symbols it lists; empty when the root has no /proc/kallsyms
     * @throws ContextException when an address is not hex or every address is 0 (kptr_restrict)
     */
    public static Optional<KernelSymbols> read(SystemRoot root) {
        return root.lines(RootFile.KALLSYMS, MAX_LINE_BYTES).map(lines -> {
            try (InputLines in = lines) {
                return read(in, root.where(RootFile.KALLSYMS));
            }
        });
    }

    private static KernelSymbols read(InputLines in, String where) {
        Long text = null;
        Long stext = null;
        Long end = null;
        boolean anyNonZero = false;
        int lines = 0;
        for (String line = in.next().orElse(null); line != null; line = in.next().orElse(null)) {
            lines = in.number();
            String[] f = line.trim().split("\\s+");
            if (f.length < 3) {
                continue;
            }
            String name = f[2];
            if (!name.equals("_text") && !name.equals("_stext") && !name.equals("_end")) {
                anyNonZero |= !f[0].matches("0+");
                continue;
            }
            long value = Hex.parse(f[0], where + " line " + lines, name);
            anyNonZero |= value != 0;
            switch (name) {
                case "_text" -> text = text == null ? value : text;
                case "_stext" -> stext = stext == null ? value : stext;
                default -> end = end == null ? value : end;
            }
            if (text != null && stext != null && end != null && anyNonZero) {
                break;
            }
        }
        if (lines > 0 && !anyNonZero) {
            throw hidden(where);
        }
        return new KernelSymbols(listed(text), listed(stext), listed(end), where);
    }

    private static OptionalLong listed(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** kptr_restrict shows every address as 0 to readers without CAP_SYSLOG: such a file is no symbol table. */
    static ContextException hidden(String where) {
        return new ContextException(BAD_FILE, where, "addresses are all zero: read it as root (kptr_restrict hides"
                + " them)");
    }

    /**
     * The kernel image mapping (SPEC §9): vaddr {@code _text}; paddr = "Kernel code" start − ({@code _stext}
     * − {@code _text}), since arm64 registers "Kernel code" from {@code _stext} (on riscv and x86_64 the
     * two symbols coincide); size {@code _end − _text}.
     *
     * @param kernelCodeStart the start of /proc/iomem's "Kernel code"
     * @return the mapping; empty when a symbol is missing
     * @throws ContextException when the symbols are out of order or do not fit "Kernel code"
     */
    public Optional<KernelText> kernelText(long kernelCodeStart) {
        return kernelText(kernelCodeStart, false);
    }

    /**
     * As {@link #kernelText(long)}; {@code codeStartsAtText}: "Kernel code" starts at {@code _text} itself
     * (arm64 from Linux 6.12, {@link org.dtcore.memory.KernelVersion#arm64KernelCodeStartsAtText()}), so
     * paddr is its start.
     *
     * @param kernelCodeStart  the start of /proc/iomem's "Kernel code"
     * @param codeStartsAtText whether "Kernel code" starts at {@code _text} rather than {@code _stext}
     * @return the mapping; empty when a symbol is missing
     * @throws ContextException when the symbols are out of order or do not fit "Kernel code"
     */
    public Optional<KernelText> kernelText(long kernelCodeStart, boolean codeStartsAtText) {
        if (text.isEmpty() || stext.isEmpty() || end.isEmpty()) {
            return Optional.empty();
        }
        long text = this.text.getAsLong();
        long stext = this.stext.getAsLong();
        long end = this.end.getAsLong();
        if (Long.compareUnsigned(end, text) <= 0 || Long.compareUnsigned(stext, text) < 0
                || Long.compareUnsigned(stext, end) > 0) {
            throw new ContextException(BAD_FILE, source,
                    "_text " + Numbers.hex(text) + ", _stext " + Numbers.hex(stext) + ", _end " + Numbers.hex(end)
                    + " are not in order");
        }
        long offset = codeStartsAtText ? 0 : stext - text;
        if (Long.compareUnsigned(kernelCodeStart, offset) < 0) {
            throw new ContextException(BAD_FILE, source,
                    "\"Kernel code\" starts at " + Numbers.hex(kernelCodeStart) + ", below _stext − _text ("
                    + Numbers.hex(offset) + "): the symbols do not belong to this kernel");
        }
        return Optional.of(new KernelText(text, kernelCodeStart - offset, end - text));
    }

    /**
     * Which of the three symbols are missing, for messages.
     *
     * @return their names joined by ", " ("_text, _end"); empty when none is missing
     */

    public String missing() {
        StringBuilder b = new StringBuilder();
        if (text.isEmpty()) {
            b.append("_text");
        }
        if (stext.isEmpty()) {
            b.append(b.length() > 0 ? ", " : "").append("_stext");
        }
        if (end.isEmpty()) {
            b.append(b.length() > 0 ? ", " : "").append("_end");
        }
        return b.toString();
    }
}
