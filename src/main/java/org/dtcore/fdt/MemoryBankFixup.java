package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_NCELLS;
import static org.dtcore.fdt.FdtException.Kind.BAD_VALUE;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.text.Numbers;

/**
 * The RAM a boot loader writes into the tree before it starts Linux, as U-Boot's
 * fdt_fixup_memory_banks does it (boot/fdt_support.c; arch_fixup_fdt in arch/arm/lib/bootm-fdt.c calls
 * it for every arm and arm64 board with the DRAM banks it found, and x86, mips and some riscv boards too):
 * <ul>
 * <li>the node is the first root child called "memory" or "memory@…" (libfdt's fdt_subnode_offset),
 *     whatever its unit address; when there is none, a node "memory" is added first among the root's
 *     children (fdt_find_or_add_subnode). Other memory nodes are left as they are, so Linux still reads
 *     them as well — {@link Result#otherMemoryNodes} names them;</li>
 * <li>{@code device_type = "memory"} is set (in place, or first among the node's properties);</li>
 * <li>the banks are taken in the order given, up to the first one with start 0 and size 0; when none
 *     is left, {@code reg} is not touched;</li>
 * <li>{@code reg} is set to every bank as (address, size) in the ROOT's #address-cells and
 *     #size-cells (libfdt's defaults 2 and 1 when absent), each number as one or two cells
 *     (fdt_pack_reg).</li>
 * </ul>
 * Where U-Boot would write something Linux cannot mean, this refuses instead: fdt_pack_reg writes a
 * number that does not fit one cell as its low 32 bits, and for 0, 3 or 4 cells it leaves cells
 * unwritten; both are a {@link FdtException} here.
 */
final class MemoryBankFixup {

    /**
     * The fixed-up tree, the node that holds the banks, the memory nodes left as they were, and whether
     * the root lacked #address-cells or #size-cells (U-Boot then packs in libfdt's 2 and 1, while Linux
     * reads such a root as 1 and 1, SPEC §2: the kernel misreads the banks).
     */
    public record Result(DeviceTree tree, String node, List<String> otherMemoryNodes, boolean defaultCells) {
        public Result {
            otherMemoryNodes = List.copyOf(otherMemoryNodes);
        }
    }

    private MemoryBankFixup() {
    }

    /** {@code tree} with {@code banks} (address, size) as U-Boot's fdt_fixup_memory_banks writes them. */
    public static Result apply(DeviceTree tree, List<RegEntry> banks) {
        TreeEditor editor = tree.edit(TreeEditor.Placement.LIBFDT);
        DraftNode root = editor.draftRoot();
        List<RegEntry> used = new ArrayList<>();
        for (RegEntry b : banks) {
            if (b.address() == 0 && b.size() == 0) {
                break;
            }
            used.add(b);
        }
        byte[] reg = used.isEmpty() ? null : pack(root, used);
        DraftNode memory = LibfdtLookup.subnode(root, "memory");
        if (memory == null) {
            memory = root.addFirstChild("memory");
        }
        memory.setFirst("device_type", PropertyValues.string("memory"));
        if (reg != null) {
            memory.setFirst("reg", reg);
        }
        List<String> others = new ArrayList<>();
        for (DraftNode c : root.children()) {
            byte[] type = LibfdtLookup.value(c, "device_type");
            if (c != memory && type != null && LibfdtLookup.cString(type, 0).equals("memory")) {
                others.add(c.path);
            }
        }
        boolean defaults = reg != null
                && (LibfdtLookup.value(root, "#address-cells") == null || LibfdtLookup.value(root, "#size-cells") == null);
        return new Result(editor.build(), memory.path, others, defaults);
    }

    /** fdt_pack_reg with the root's cells. */
    private static byte[] pack(DraftNode root, List<RegEntry> banks) {
        int ac = cells(root, "#address-cells", 2);
        int sc = cells(root, "#size-cells", 1);
        ByteBuffer out = ByteBuffer.allocate(banks.size() * 4 * (ac + sc));
        for (RegEntry b : banks) {
            put(out, b.address(), ac, "address", b);
            put(out, b.size(), sc, "size", b);
        }
        return out.array();
    }

    /** fdt_address_cells/fdt_size_cells of the root ({@link Cells}), then fdt_pack_reg's own limit. */
    private static int cells(DraftNode root, String name, int absent) {
        byte[] v = LibfdtLookup.value(root, name);
        if (v == null) {
            return absent;
        }
        String path = FdtNode.childPath("/", name);
        String only = ": U-Boot's fdt_fixup_memory_banks writes banks in 1 or 2 cells only";
        int n;
        try {
            n = Cells.count(v, path);
        } catch (FdtException e) {
            throw FdtException.atPath(BAD_NCELLS, path, e.detail() + only);
        }
        if (n != 1 && n != 2) {
            throw FdtException.atPath(BAD_NCELLS, path, "is " + n + only);
        }
        return n;
    }

    private static void put(ByteBuffer out, long value, int cells, String what, RegEntry bank) {
        if (cells == 2) {
            out.putLong(value);
        } else if (value >>> 32 == 0) {
            out.putInt((int) value);
        } else {
            throw FdtException.atPath(BAD_VALUE, "/", "bank " + Numbers.hex(bank.address()) + "+"
                    + Numbers.hex(bank.size()) + ": the " + what
                    + " does not fit the root's one cell (U-Boot would keep its low 32 bits)");
        }
    }
}
