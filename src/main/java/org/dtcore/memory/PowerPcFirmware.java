package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_TREE;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.fdt.NodesByType;
import org.dtcore.fdt.RegEntry;

/**
 * The one decoder of powerpc's firmware regions (SPEC §5 "powerpc extras"): RTAS, OPAL, the TCE tables and
 * the root's {@code reserved-ranges}. The memory scan, the kernel's kexec_file loader and kexec-tools each
 * read them, not all alike, so every region is read under a named {@link Reader}; the rules stand side by
 * side below and in docs/kernel-rules.md.
 *
 * <table>
 * <caption>Who reads what</caption>
 * <tr><th></th><th>{@link Reader#BOOT}</th><th>{@link Reader#KEXEC_FILE}</th><th>{@link Reader#KEXEC_TOOLS}</th></tr>
 * <tr><td>RTAS</td><td>{@code /rtas} {@code linux,rtas-base} + {@code rtas-size}, each 4 or 8 bytes; none
 *     unless both</td><td>u32 each; a {@code /rtas} without them fails the load</td><td>u32 each (fread of 4
 *     bytes); a {@code /rtas} without them fails the load</td></tr>
 * <tr><td>OPAL</td><td>{@code /ibm,opal} {@code opal-base-address} + {@code opal-runtime-size}, each 4 or 8
 *     bytes; none unless both</td><td>u64 each; missing fails</td><td>u64 each (fread of 8 bytes); missing
 *     fails</td></tr>
 * <tr><td>TCE</td><td>every node with {@code linux,tce-base} (u64) and {@code linux,tce-size} (u32)</td>
 *     <td>nodes of device_type "pci", at any depth</td><td>root children named {@code pci@…}</td></tr>
 * <tr><td>reserved-ranges</td><td>2 + 2 cells, whatever the root says</td><td>the root's #address-cells +
 *     #size-cells (Linux's defaults 1 and 1)</td><td>two u64s: 2 + 2 cells</td></tr>
 * </table>
 *
 * A region is handed back as its properties hold it ({@link Region}): unchecked, so a size may be 0 and a
 * pair may wrap; what that means is the caller's rule. Where a reader refuses the tree, so does this, with a
 * {@link MemoryMapException} naming the property.
 */
public final class PowerPcFirmware {
    /** Whose reading of the firmware properties. */
    public enum Reader {
        /**
         * The booted kernel's map (the memory scan). The kernel itself reads RTAS as u32s
         * (arch/powerpc/kernel/rtas.c early_init_dt_scan_rtas), OPAL by length
         * (arch/powerpc/platforms/powernv/opal.c early_init_dt_scan_opal: of_read_number(p, len / 4)) and
         * reserved-ranges as 2 + 2 cells (arch/powerpc/kernel/prom.c early_reserve_mem_dt); it reads no TCE
         * property at boot (prom_init.c prom_initialize_tce_table reserved the tables in the /memreserve/
         * block already), so the map lists every node that has one.
         */
        BOOT("the booted kernel"),
        /**
         * The kernel's kexec_file_load (arch/powerpc/kexec/ranges.c add_rtas_mem_range, add_opal_mem_range,
         * add_tce_mem_ranges, add_reserved_mem_ranges; the same in Linux 6.1 and 6.12): of_property_read_u32 /
         * _u64, which fail on a missing or short property, and the root's cells for reserved-ranges.
         */
        KEXEC_FILE("the kernel's loader"),
        /**
         * kexec-tools 2.0.25 (kexec/arch/ppc64/kexec-ppc64.c get_devtree_details, scan_reserved_ranges):
         * fixed-width freads from /proc/device-tree, which fail on a missing or short file, and
         * reserved-ranges as pairs of u64s.
         */
        KEXEC_TOOLS("kexec-tools");

        private final String who;

        Reader(String who) {
            this.who = who;
        }
    }

    /**
     * A firmware region as its properties hold it.
     *
     * @param kind what it is
     * @param path the node (RTAS, OPAL, TCE) or property (reserved-ranges) it came from
     * @param pair its base and size, unchecked
     */
    public record Region(ReservedRegion.Kind kind, String path, RegEntry pair) {
    }

    private PowerPcFirmware() {
    }

    // Each method looks for its node before it names a region kind: the scan asks on every tree, and a
    // tree without the node then loads no more classes than it did before (docs/performance.md).

    /**
     * RTAS's region, if the tree has a {@code /rtas} node with it.
     *
     * @param tree   the tree
     * @param reader whose rules find and decode the properties (the booting kernel, kexec_file, kexec-tools)
     * @return the region; empty without the node, or for {@link Reader#BOOT} without either property (the
     *         other readers treat a missing or short property as the table above says)
     */
    public static Optional<Region> rtas(DeviceTree tree, Reader reader) {
        Optional<FdtNode> node = tree.node("/rtas");
        return node.isEmpty() ? Optional.empty()
                : pair(node.get(), "linux,rtas-base", "rtas-size", 4, 4, ReservedRegion.Kind.RTAS, reader);
    }

    /**
     * OPAL's region, if the tree has an {@code /ibm,opal} node with it.
     *
     * @param tree   the tree
     * @param reader whose rules find and decode the properties (the booting kernel, kexec_file, kexec-tools)
     * @return the region; empty without the node, or for {@link Reader#BOOT} without either property (the
     *         other readers treat a missing or short property as the table above says)
     */
    public static Optional<Region> opal(DeviceTree tree, Reader reader) {
        Optional<FdtNode> node = tree.node("/ibm,opal");
        return node.isEmpty() ? Optional.empty()
                : pair(node.get(), "opal-base-address", "opal-runtime-size", 8, 8, ReservedRegion.Kind.OPAL, reader);
    }

    /**
     * The TCE tables, in tree order, found as {@code reader} finds them.
     *
     * @param tree   the tree
     * @param reader whose rules find and decode the properties (the booting kernel, kexec_file, kexec-tools)
     * @return the tables, in tree order; empty when no node has one
     */
    public static List<Region> tce(DeviceTree tree, Reader reader) {
        List<FdtNode> nodes;
        if (reader == Reader.BOOT) {
            nodes = withProperty(tree.root(), "linux,tce-base");
        } else if (reader == Reader.KEXEC_FILE) {
            nodes = NodesByType.find(tree.root(), "pci").stream().map(NodesByType.Found::node).toList();
        } else {
            nodes = tree.root().children().stream().filter(n -> n.name().startsWith("pci@")).toList();
        }
        List<Region> out = new ArrayList<>();
        for (FdtNode n : nodes) {
            // a node without linux,tce-base has no table ("Non LPAR" to kexec-tools, -EINVAL to the kernel)
            boolean needed = reader == Reader.KEXEC_TOOLS ? n.hasProperty("linux,tce-base")
                    : n.hasProperty("linux,tce-base") && n.hasProperty("linux,tce-size");
            if (needed) {
                pair(n, "linux,tce-base", "linux,tce-size", 8, 4, ReservedRegion.Kind.TCE, reader).ifPresent(out::add);
            }
        }
        return out;
    }

    /**
     * The root's reserved-ranges as {@code reader} counts its cells (a trailing partial pair is left out;
     * {@link #reservedRangesCells} gives the cells, so a caller can say what was left).
     *
     * @param tree   the tree
     * @param reader whose rules find and decode the properties (the booting kernel, kexec_file, kexec-tools)
     * @return the pairs, in property order; empty without the property
     */
    public static List<Region> reservedRanges(DeviceTree tree, Reader reader) {
        Optional<FdtProperty> p = tree.root().property("reserved-ranges");
        if (p.isEmpty()) {
            return List.of();
        }
        List<Region> out = new ArrayList<>();
        for (RegEntry e : reservedRangesCells(tree, reader).tuples(p.get())) {
            out.add(new Region(ReservedRegion.Kind.RESERVED_RANGES, p.get().path(), e));
        }
        return out;
    }

    /**
     * The cells of one reserved-ranges pair under {@code reader} (see the table above).
     *
     * @param tree   the tree
     * @param reader whose rules find and decode the properties (the booting kernel, kexec_file, kexec-tools)
     * @return the root's cells for kexec_file, 2 and 2 otherwise
     */
    public static Cells reservedRangesCells(DeviceTree tree, Reader reader) {
        return reader == Reader.KEXEC_FILE ? Cells.linuxRoot(tree.root()) : new Cells(2, 2);
    }

    private static Optional<Region> pair(FdtNode node, String base, String size, int baseBytes, int sizeBytes,
                                         ReservedRegion.Kind kind, Reader reader) {
        Optional<FdtProperty> b = node.property(base);
        Optional<FdtProperty> s = node.property(size);
        if (reader == Reader.BOOT) {
            if (b.isEmpty() || s.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Region(kind, node.path(), new RegEntry(b.get().asU32OrU64(), s.get().asU32OrU64())));
        }
        return Optional.of(new Region(kind, node.path(), new RegEntry(first(node, base, b, baseBytes, reader),
                first(node, size, s, sizeBytes, reader))));
    }

    /** of_property_read_u32/_u64 and kexec-tools' fread: the first {@code bytes} of the value, or a failure. */
    private static long first(FdtNode node, String name, Optional<FdtProperty> p, int bytes, Reader reader) {
        if (p.isEmpty() || p.get().length() < bytes) {
            throw new MemoryMapException(BAD_TREE, FdtNode.childPath(node.path(), name),
                    (p.isEmpty() ? "missing" : "shorter than " + bytes + " bytes") + ": " + reader.who + " fails here");
        }
        return Cells.number(p.get(), 0, bytes / 4);
    }

    /** Every node under and including {@code root} that has {@code property}, in tree order; a stack, not recursion. */
    private static List<FdtNode> withProperty(FdtNode root, String property) {
        List<FdtNode> out = new ArrayList<>();
        Deque<FdtNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            FdtNode n = todo.pop();
            if (n.hasProperty(property)) {
                out.add(n);
            }
            List<FdtNode> children = n.children();
            for (int i = children.size() - 1; i >= 0; i--) {
                todo.push(children.get(i));
            }
        }
        return out;
    }
}
