package org.dtcore.context;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.dtcore.input.InputFile;
import org.dtcore.input.InputLines;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;

/**
 * Named symbols of /proc/kallsyms (or a System.map) as kexec-tools' get_kernel_sym() reads them
 * (kexec/symbols.c): lines "ADDRESS TYPE NAME", the first line naming a symbol wins, and a symbol that is
 * not listed is "0", which kexec-tools treats as absent. Only the {@code wanted} names are kept.
 *
 * @param source the file, for messages
 */
public record Kallsyms(Map<String, Long> symbols, String source) {
    public Kallsyms {
        symbols = Map.copyOf(symbols);
    }

    /** No symbols at all: what kexec-tools sees when /proc/kallsyms cannot be opened. */
    public static Kallsyms none(String source) {
        return new Kallsyms(Map.of(), source);
    }

    /** Reads the first address of each of {@code wanted} from {@code file}. */
    public static Kallsyms read(Path file, Set<String> wanted) {
        // bounded as KernelSymbols reads: a FIFO is refused, lines and the whole capped
        try (InputLines in = InputFile.lines(file, KernelSymbols.MAX_BYTES, KernelSymbols.MAX_LINE_BYTES)) {
            return read(in, file.toString(), wanted);
        }
    }

    /**
     * A system root's /proc/kallsyms, or {@link #none} when it has none (kexec-tools then finds nothing). One
     * whose symbols are all listed at 0 was read without the right to see addresses and is refused, as
     * {@link KernelSymbols} refuses it.
     */
    public static Kallsyms read(SystemRoot root, Set<String> wanted) {
        String where = root.where(RootFile.KALLSYMS);
        Kallsyms k = root.lines(RootFile.KALLSYMS, KernelSymbols.MAX_LINE_BYTES).map(lines -> {
            try (InputLines in = lines) {
                return read(in, where, wanted);
            }
        }).orElseGet(() -> none(where));
        if (!k.symbols.isEmpty() && k.symbols.values().stream().allMatch(v -> v == 0)) {
            throw KernelSymbols.hidden(where);
        }
        return k;
    }

    private static Kallsyms read(InputLines in, String where, Set<String> wanted) {
        Map<String, Long> found = new HashMap<>();
        for (String line = in.next().orElse(null); line != null && found.size() < wanted.size(); line = in.next().orElse(null)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && wanted.contains(f[2]) && !found.containsKey(f[2])) {
                found.put(f[2], Hex.parse(f[0], where + " line " + in.number(), f[2]));
            }
        }
        return new Kallsyms(found, where);
    }

    /** The symbol's address; empty when it is not listed or listed as 0 (get_kernel_sym returns 0 for both). */
    public OptionalLong address(String name) {
        Long v = symbols.get(name);
        return v == null || v == 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
