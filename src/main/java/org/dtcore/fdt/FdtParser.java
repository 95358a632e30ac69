package org.dtcore.fdt;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import org.dtcore.input.InputFile;

/**
 * Reads a flattened device tree blob (SPEC §1) into a {@link DeviceTree}, validating it in libfdt's two
 * layers: the header ({@link HeaderCheck}), then a full walk of the reservation and structure blocks
 * ({@link ReservationBlock}, {@link StructureWalk}). Any defect is an {@link FdtException} with its
 * {@link FdtException.Kind} and the byte offset of the offending field or token; no other runtime
 * exception escapes, whatever the input.
 *
 * <p>Choices where the format leaves room (each as libfdt's fdt_check_full unless said otherwise):
 * <ul>
 * <li>A property after a subnode is validated but left out of the tree: libfdt lookups and Linux never
 *     see it.</li>
 * <li>Only END may follow the root's END_NODE (not even NOP); bytes after END are not read.</li>
 * <li>A property or END before the root node is rejected (stricter than libfdt: the tree needs a
 *     root).</li>
 * <li>The last reservation entry is the first with size 0, whatever its address.</li>
 * <li>Bytes past totalsize are ignored.</li>
 * </ul>
 *
 * <p>Property values are read-only views into the blob, never copies: keep the blob unchanged while
 * the tree is in use.
 */
public final class FdtParser {
    /** Files larger than this cannot hold a valid blob: libfdt caps totalsize at INT_MAX. */
    private static final long MAX_FILE_BYTES = Integer.MAX_VALUE;
    /**
     * A file that cannot be mapped (procfs, sysfs), or a stream, is read onto the heap: /sys/firmware/fdt
     * is a few hundred KiB even on large machines, so 256 MiB is far beyond any real one and still a
     * bounded cost.
     */
    public static final int MAX_READ_BYTES = 256 << 20;

    private FdtParser() {
    }

    /**
     * Parses a blob in memory, with {@link FdtLimits#DEFAULT}.
     *
     * @param blob the blob, from its position to its limit (bytes past totalsize are ignored); left as it was
     * @return the tree, its property values views into {@code blob}
     * @throws FdtException for any defect, at the byte offset from {@code blob}'s position
     */
    public static DeviceTree parse(ByteBuffer blob) {
        return parse(blob, FdtLimits.DEFAULT);
    }

    /**
     * Parses the blob from {@code blob}'s position to its limit. Offsets in errors count from that
     * position. The buffer's position, limit and byte order are left as they were.
     *
     * @param blob   the blob, from its position to its limit (bytes past totalsize are ignored)
     * @param limits the bounds against hostile input
     * @return the tree, its property values views into {@code blob}
     * @throws FdtException for any defect, or {@link FdtException.Kind#LIMIT} when the tree passes a limit
     */
    public static DeviceTree parse(ByteBuffer blob, FdtLimits limits) {
        ByteBuffer view = blob.slice().order(ByteOrder.BIG_ENDIAN);
        BlobLayout layout = HeaderCheck.check(view);
        ByteBuffer whole = view.slice(0, layout.totalSize()).order(ByteOrder.BIG_ENDIAN);
        List<RegEntry> reservations = ReservationBlock.read(whole, layout);
        FdtNode root = StructureWalk.walk(whole, layout, limits);
        return new DeviceTree(Optional.of(layout.header()), reservations, root);
    }

    /**
     * Reads a blob file with {@link FdtLimits#DEFAULT}, as {@link #read(Path, FdtLimits)} does.
     *
     * @param file a regular file holding one blob (a .dtb, /sys/firmware/fdt)
     * @return the tree
     * @throws IOException when the file cannot be read
     * @throws FdtException for a bad blob, its message naming {@code file}
     */
    public static DeviceTree read(Path file) throws IOException {
        return read(file, FdtLimits.DEFAULT);
    }

    /**
     * Reads a blob file: mapped read-only when the file system allows it, read into memory otherwise
     * (procfs and sysfs files). Only a regular file is opened: a FIFO or device could
     * block or never end, and is refused by {@link InputFile#requireRegular} before it is opened. I/O
     * failures are IOExceptions or {@link org.dtcore.input.InputException}s; a bad blob is an FdtException
     * whose message names {@code file} ({@link org.dtcore.DtcoreException#reading}).
     *
     * @param file   a regular file holding one blob
     * @param limits the bounds against hostile input
     * @return the tree; when the file was mapped, its values are views of the mapping, so the file must not
     *         change while the tree is in use
     * @throws IOException when the file cannot be read
     * @throws FdtException for a bad blob, its message naming {@code file}
     */
    public static DeviceTree read(Path file, FdtLimits limits) throws IOException {
        try {
            return parse(load(file), limits);
        } catch (FdtException e) {
            throw e.reading(file);
        }
    }

    private static ByteBuffer load(Path file) throws IOException {
        InputFile.requireRegular(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            // sysfs and procfs report size 0 (or a page) for files with other contents: read those.
            if (size > 0) {
                try {
                    return channel.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, MAX_FILE_BYTES));
                } catch (IOException | UnsupportedOperationException e) {
                    // fall through to reading
                }
            }
        }
        return ByteBuffer.wrap(InputFile.read(file, MAX_READ_BYTES));
    }
}
