package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_RESERVATION;
import static org.dtcore.fdt.FdtException.Kind.TOO_LARGE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.dtcore.text.Numbers;

/**
 * Serialises a {@link DeviceTree} to a version 17 FDT blob (SPEC §1) that dtc, fdtdump and libfdt read
 * back as the same tree, laid out as {@code dtc -I dtb -O dtb} lays it out, byte for byte:
 * <ul>
 * <li>header (40 bytes), then the reservation block at 0x28 (the header length rounded up to 8), the
 *     structure block right after it, the strings block right after that, then any padding;</li>
 * <li>version 17, last_comp_version 16, whatever version the tree was read from (dtc writes 17 unless
 *     told otherwise), and boot_cpuid_phys kept from the tree's header (0 without one), as dtc keeps it;</li>
 * <li>the reservation entries, then {@link FdtWriteOptions#reservationSlots} empty ones, then the (0, 0)
 *     terminator, which dtc always writes;</li>
 * <li>the structure and strings blocks as {@link StructureEmitter} and {@link StringTable} describe.</li>
 * </ul>
 * A tree read from a blob drops that blob's NOPs, free space and string order; a property the parser
 * left out (one after a subnode, see {@link FdtParser}) is not written.
 */
public final class FdtWriter {
    /** libfdt caps totalsize at INT_MAX; a Java array holds a few bytes fewer. */
    static final long MAX_TOTAL_SIZE = Integer.MAX_VALUE - 8;

    private static final int RESERVATION_ENTRY = 16;
    private static final long VERSION = 17;
    private static final long LAST_COMP_VERSION = 16;

    private FdtWriter() {
    }

    /**
     * The blob of a tree, laid out as {@code dtc -I dtb -O dtb} lays it out, without free space.
     *
     * @param tree the tree; its header, when it has one, gives only boot_cpuid_phys
     * @return the whole blob, version 17
     * @throws FdtException when a name holds a NUL, a reservation has size 0, or the blob would pass
     *                      {@value #MAX_TOTAL_SIZE} bytes ({@link FdtException.Kind#TOO_LARGE}, before
     *                      allocating it)
     */
    public static byte[] write(DeviceTree tree) {
        return write(tree, FdtWriteOptions.DEFAULT);
    }

    /**
     * The blob of {@code tree}. Fails with an {@link FdtException} when a name holds a NUL, a reservation
     * has size 0 (readers would take it for the terminator and lose the rest), or the blob would pass
     * {@value #MAX_TOTAL_SIZE} bytes ({@link FdtException.Kind#TOO_LARGE}, before allocating it).
     *
     * @param tree    the tree
     * @param options the free space to leave
     * @return the whole blob, version 17
     */
    static byte[] write(DeviceTree tree, FdtWriteOptions options) {
        List<RegEntry> reservations = tree.reservations();
        long rsvmapStart = ceil8(FdtHeader.V17_SIZE);
        for (int i = 0; i < reservations.size(); i++) {
            if (reservations.get(i).size() == 0) {
                long at = rsvmapStart + (long) i * RESERVATION_ENTRY;
                throw FdtException.at(BAD_RESERVATION, at, "reservation entry " + i + " (address "
                        + Numbers.hex(reservations.get(i).address())
                        + ") has size 0: readers would end the block there");
            }
        }
        long rsvmapSize = ((long) reservations.size() + options.reservationSlots() + 1) * RESERVATION_ENTRY;
        long structStart = checked(rsvmapStart + rsvmapSize, "the reservation block");

        StringTable strings = new StringTable();
        long structSize = StructureEmitter.measure(tree.root(), strings, MAX_TOTAL_SIZE - structStart);
        strings.layOut();
        long stringsStart = structStart + structSize;
        long used = checked(stringsStart + strings.size(), "the strings block");
        long totalSize = checked(used + options.padFor(used), "the padding");

        byte[] blob = new byte[(int) totalSize];
        ByteBuffer out = ByteBuffer.wrap(blob).order(ByteOrder.BIG_ENDIAN);
        long bootCpuid = tree.header().map(FdtHeader::bootCpuidPhys).orElse(0L);
        for (long word : new long[] {FdtHeader.MAGIC, totalSize, structStart, stringsStart, rsvmapStart,
                VERSION, LAST_COMP_VERSION, bootCpuid, strings.size(), structSize}) {
            out.putInt((int) word);
        }
        out.position((int) rsvmapStart);
        for (RegEntry r : reservations) {
            out.putLong(r.address()).putLong(r.size());
        }
        // the empty slots and the terminator are zeros already
        out.position((int) structStart);
        StructureEmitter.emit(tree.root(), strings, out);
        out.put(strings.toByteArray());
        return blob;
    }

    private static long checked(long size, String what) {
        if (size > MAX_TOTAL_SIZE) {
            throw FdtException.at(TOO_LARGE, 0, "the blob would be " + Numbers.hex(size) + " bytes up to the end of "
                    + what + ": an FDT blob is at most " + Numbers.hex(MAX_TOTAL_SIZE)
                    + " bytes (32-bit offsets; libfdt caps totalsize at INT_MAX)");
        }
        return size;
    }

    private static long ceil8(long n) {
        return (n + 7) & ~7L;
    }
}
