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
 * @param symbols each wanted symbol the file lists, with its first address (0 when listed as 0)
 * @param source  the file, for messages
 */
public record Kallsyms(Map<String, Long> symbols, String source) {
    /**
     * A symbol table of these addresses (copied: the record stays immutable).
     *
     * @param symbols each symbol with its address
     * @param source  the file, for messages
     */
    public Kallsyms {
        symbols = Map.copyOf(symbols);
    }

    /**
     * No symbols at all: what kexec-tools sees when /proc/kallsyms cannot be opened.
     *
     * @param source what messages name as the (missing) file
     * @return a table where every {@link #address} is empty
     */
    public static Kallsyms none(String source) {
        return new Kallsyms(Map.of(), source);
    }

    /**
     * Reads a System.map or a saved /proc/kallsyms.
     *
     * @param file   the symbol file
     * @param wanted the names to keep; the file is read until all are found
     * @return the first address of each wanted name the file lists
     * @throws ContextException when an address is not hex
     * @throws org.dtcore.input.InputException when the file cannot be read, is too large or has an
     *                                         over-long line
     */
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
     *
     * @param root   the system root
     * @param wanted the names to keep
     * @return the first address of each wanted name; none when the root has no /proc/kallsyms
     * @throws ContextException when an address is not hex or every address is 0 (kptr_restrict)
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

    /**
     * A symbol's address as get_kernel_sym() returns it.
     *
     * @param name the symbol, as {@code read} was asked for it
     * @return its address; empty when it is not listed or listed as 0 (get_kernel_sym returns 0 for both)
     */

    public OptionalLong address(String name) {
        Long v = symbols.get(name);
        return v == null || v == 0 ? OptionalLong.empty() : OptionalLong.of(v);
    }
}
