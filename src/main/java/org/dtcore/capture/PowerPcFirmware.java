package org.dtcore.capture;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.dtcore.fdt.Cells;
import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;

/**
 * The firmware regions powerpc's loader adds to its range lists (SPEC §5 powerpc extras), read as
 * arch/powerpc/kexec/ranges.c reads them from the live tree: RTAS, OPAL, TCE tables, root reserved-ranges.
 */
final class PowerPcFirmware {
    private PowerPcFirmware() {
    }

    /** /rtas linux,rtas-base + rtas-size (u32 each); a /rtas without them fails the load. */
    static void rtas(DeviceTree tree, KexecRanges out) {
        region(tree, "/rtas", "linux,rtas-base", "rtas-size", 4, out);
    }

    /** /ibm,opal opal-base-address + opal-runtime-size (u64 each). */
    static void opal(DeviceTree tree, KexecRanges out) {
        region(tree, "/ibm,opal", "opal-base-address", "opal-runtime-size", 8, out);
    }

    /** A node's (base, size) pair of {@code bytes}-wide properties, when the node exists. */
    private static void region(DeviceTree tree, String path, String base, String size, int bytes, KexecRanges out) {
        Optional<FdtNode> node = tree.node(path);
        if (node.isPresent()) {
            out.add(required(node.get(), base, bytes), required(node.get(), size, bytes), path);
        }
    }

    /** Every device_type "pci" node with linux,tce-base (u64) and linux,tce-size (u32); others are skipped. */
    static void tce(DeviceTree tree, KexecRanges out) {
        for (NodesByType.Found f : NodesByType.find(tree.root(), "pci")) {
            FdtNode n = f.node();
            if (n.hasProperty("linux,tce-base") && n.hasProperty("linux,tce-size")) {
                out.add(required(n, "linux,tce-base", 8), required(n, "linux,tce-size", 4), n.path());
            }
        }
    }

    /** Root reserved-ranges, (address, size) pairs in the root's cells as Linux counts them. */
    static void reservedRanges(DeviceTree tree, KexecRanges out) {
        Optional<FdtProperty> p = tree.root().property("reserved-ranges");
        if (p.isEmpty()) {
            return;
        }
        Cells cells = Cells.linuxRoot(tree.root());
        int tupleBytes = 4 * (cells.address() + cells.size());
        ByteBuffer buf = p.get().buffer();
        for (int i = 0; i < p.get().length() / tupleBytes; i++) {
            long base = Cells.read(buf, cells.address());
            long size = Cells.read(buf, cells.size());
            out.add(base, size, p.get().path());
        }
    }

    /** of_property_read_u32/_u64: the first {@code bytes} of the value; missing or short fails the load. */
    private static long required(FdtNode node, String name, int bytes) {
        Optional<FdtProperty> p = node.property(name);
        if (p.isEmpty() || p.get().length() < bytes) {
            throw new CaptureException(CaptureException.Kind.BAD_TREE, node.path() + "/" + name,
                    (p.isEmpty() ? "missing" : "shorter than " + bytes + " bytes")
                            + ": the kernel's loader fails here");
        }
        ByteBuffer b = p.get().buffer();
        return bytes == 8 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
    }
}
