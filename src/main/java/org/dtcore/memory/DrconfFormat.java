package org.dtcore.memory;

import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * The one decoder of powerpc's LMB lists in /ibm,dynamic-reconfiguration-memory (SPEC §4), for the scan
 * (the kernel's early_init_drmem_lmb), for capture (the loader's walk_drmem_lmbs) and for kexec-tools'
 * crash memory alike. Both formats start with a u32 count and then entries of #address-cells + 4 cells:
 * <ul>
 * <li>{@code ibm,dynamic-memory} (v1): {base, drc_index, reserved, aa_index, flags}, one LMB each;</li>
 * <li>{@code ibm,dynamic-memory-v2}: {seq_lmbs, base, drc_index, aa_index, flags}, seq_lmbs LMBs from base.</li>
 * </ul>
 * {@code ibm,lmb-size} is one number of #size-cells. Whose cells those are is the one difference between the
 * readers: the kernel takes the root's (arch/powerpc/mm/drmem.c read_drconf_v1_cell, read_drconf_v2_cell,
 * walk_drmem_lmbs_early), kexec-tools fixed ones ({@link #KEXEC_TOOLS}). What to do with an LMB (its flags,
 * its NUMA node, a short property) is the caller's.
 */
public final class DrconfFormat {
    /**
     * The cells kexec-tools reads the LMB lists with, whatever the root says: 24-byte entries with a u64
     * base and an 8-byte ibm,lmb-size (kexec-tools 2.0.25 kexec/arch/ppc64/crashdump-ppc64.h LMB_ENTRY_SIZE,
     * DRCONF_ADDR, DRCONF_FLAGS; kexec-ppc64.c get_dyn_reconf_base_ranges), which is the kernel's layout
     * for a root of 2 and 2 cells.
     */
    public static final Cells KEXEC_TOOLS = new Cells(2, 2);

    /** Receives each entry of an LMB list, in the list's order. */
    public interface Entries {
        /**
         * Takes one entry.
         *
         * @param index   the entry's index in the list, from 0
         * @param count   the LMBs the entry stands for, from {@code base} on: seq_lmbs in v2, 1 in v1
         * @param base    the first LMB's physical address
         * @param aaIndex the index into ibm,associativity-lookup-arrays (the NUMA node's row)
         * @param flags   the DRCONF_MEM_* flags (assigned, reserved, hotremovable ...)
         */
        void entry(int index, long count, long base, long aaIndex, int flags);
    }

    private DrconfFormat() {
    }

    /**
     * The node's LMB list: {@code ibm,dynamic-memory}, else {@code ibm,dynamic-memory-v2} (SPEC §4: v1 wins
     * when both are present, in the kernel's drmem.c and kexec-tools' get_dyn_reconf_base_ranges alike).
     *
     * @param node /ibm,dynamic-reconfiguration-memory
     * @return the list's property; empty when the node has neither
     */
    public static Optional<FdtProperty> list(FdtNode node) {
        Optional<FdtProperty> v1 = node.property("ibm,dynamic-memory");
        return v1.isPresent() ? v1 : node.property("ibm,dynamic-memory-v2");
    }

    /**
     * Which format a list is in.
     *
     * @param list a property {@link #list} returned
     * @return true for {@code ibm,dynamic-memory-v2}, false for v1
     */
    public static boolean isV2(FdtProperty list) {
        return list.name().equals("ibm,dynamic-memory-v2");
    }

    /**
     * The node's ibm,lmb-size in {@code cells}' size cells, or empty when it is missing or shorter than that
     * (drmem.c walk_drmem_lmbs_early and init_drmem_lmb_size give up on the LMBs then).
     *
     * @param node  /ibm,dynamic-reconfiguration-memory
     * @param cells the cells the reader decodes with: the root's, or {@link #KEXEC_TOOLS}
     * @return the LMB size in bytes; empty when the property is missing or too short
     */
    public static OptionalLong lmbSize(FdtNode node, Cells cells) {
        Optional<FdtProperty> p = node.property("ibm,lmb-size");
        if (p.isEmpty() || p.get().length() < 4 * cells.size()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Cells.number(p.get(), 0, cells.size()));
    }

    /**
     * Checks that a list holds as many entries as its count says, before {@link #walk}.
     *
     * @param p     a property {@link #list} returned
     * @param cells the cells the reader decodes with: the root's, or {@link #KEXEC_TOOLS}
     * @return what is missing, for the caller to warn or fail with ("count 3 needs 76 bytes, property has
     *         40"); empty when the list is whole
     */
    public static Optional<String> problem(FdtProperty p, Cells cells) {
        if (p.cellCount() < 1) {
            return Optional.of("no entry count (" + p.length() + " bytes)");
        }
        long count = p.cell(0);
        long need = count * (cells.address() + 4) + 1;
        return need <= p.cellCount() ? Optional.empty()
                : Optional.of("count " + count + " needs " + need * 4 + " bytes, property has " + p.length());
    }

    /**
     * Hands every entry of a list to {@code out}, in order.
     *
     * @param p     a property {@link #list} returned, which {@link #problem} found whole
     * @param cells the cells the reader decodes with: the root's, or {@link #KEXEC_TOOLS}
     * @param out   receives each entry
     */
    public static void walk(FdtProperty p, Cells cells, Entries out) {
        long count = p.cell(0);
        int addressCells = cells.address();
        int entryCells = addressCells + 4;
        boolean v2 = isV2(p);
        for (int i = 0; i < count; i++) {
            int at = 1 + i * entryCells;
            if (v2) {
                out.entry(i, p.cell(at), Cells.number(p, at + 1, addressCells), p.cell(at + addressCells + 2),
                        (int) p.cell(at + addressCells + 3));
            } else {
                out.entry(i, 1, Cells.number(p, at, addressCells), p.cell(at + addressCells + 2),
                        (int) p.cell(at + addressCells + 3));
            }
        }
    }

    /**
     * Whether every base fits in 64 bits ({@link Cells#fits}): a base with more #address-cells loses bits.
     *
     * @param p     a property {@link #list} returned, which {@link #problem} found whole
     * @param cells the cells the reader decodes with
     * @return true when no entry's base loses bits
     */
    public static boolean fits(FdtProperty p, Cells cells) {
        if (cells.address() <= Cells.NUMBER_CELLS) {
            return true;
        }
        long count = p.cell(0);
        int entryCells = cells.address() + 4;
        int base = isV2(p) ? 2 : 1;
        for (int i = 0; i < count; i++) {
            if (!Cells.fits(p, base + i * entryCells, cells.address())) {
                return false;
            }
        }
        return true;
    }
}
