package org.dtcore.memory;

import org.dtcore.fdt.FdtProperty;

/**
 * The one decoder of powerpc's LMB lists in /ibm,dynamic-reconfiguration-memory (SPEC §4), for the scan
 * (the kernel's early_init_drmem_lmb) and for capture (the loader's walk_drmem_lmbs) alike. Both formats
 * start with a u32 count and then entries of root #address-cells + 4 cells:
 * <ul>
 * <li>{@code ibm,dynamic-memory} (v1): {base, drc_index, reserved, aa_index, flags}, one LMB each;</li>
 * <li>{@code ibm,dynamic-memory-v2}: {seq_lmbs, base, drc_index, aa_index, flags}, seq_lmbs LMBs from base.</li>
 * </ul>
 * What to do with an LMB (its flags, its NUMA node, a short property) is the caller's.
 */
public final class DrconfFormat {
    /** Receives each entry: {@code count} LMBs from {@code base} (1 for v1). */
    public interface Entries {
        void entry(int index, long count, long base, long aaIndex, int flags);
    }

    private DrconfFormat() {
    }

    /** Null when {@code p} holds its count's entries, else what is missing (the caller warns or fails). */
    public static String problem(FdtProperty p, int addressCells) {
        if (p.cellCount() < 1) {
            return "no entry count (" + p.length() + " bytes)";
        }
        long count = p.cell(0);
        long cells = count * (addressCells + 4) + 1;
        return cells <= p.cellCount() ? null
                : "count " + count + " needs " + cells * 4 + " bytes, property has " + p.length();
    }

    /** Every entry of {@code p} in order; {@link #problem} must have returned null. */
    public static void walk(FdtProperty p, boolean v2, int addressCells, Entries out) {
        long count = p.cell(0);
        int entryCells = addressCells + 4;
        for (int i = 0; i < count; i++) {
            int at = 1 + i * entryCells;
            if (v2) {
                out.entry(i, p.cell(at), p.cells(at + 1, addressCells), p.cell(at + addressCells + 2),
                        (int) p.cell(at + addressCells + 3));
            } else {
                out.entry(i, 1, p.cells(at, addressCells), p.cell(at + addressCells + 2),
                        (int) p.cell(at + addressCells + 3));
            }
        }
    }
}
