package org.dtcore.fdt;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;

/**
 * The device trees a system root offers (SPEC §10): the booted blob ({@code sys/firmware/fdt}, what the boot
 * loader handed the kernel) and the live tree as a folder ({@code proc/device-tree}), which also carries what
 * the kernel added at boot (powerpc's {@code linux,crashkernel-base}, {@code linux,rtas-base} ...) and is what
 * kexec-tools reads on powerpc. Which one a caller wants is the caller's: each is read when asked for.
 */
public final class SystemTree {
    private SystemTree() {
    }

    /**
     * Which file the booted tree comes from: the blob when the root has it, else the live folder.
     *
     * @param root the system root
     * @return {@link RootFile#FDT_BLOB} or {@link RootFile#DEVICE_TREE}; empty when the root has neither
     *         (an x86 machine, say)
     */
    public static Optional<RootFile> booted(SystemRoot root) {
        if (root.found(RootFile.FDT_BLOB, null).isPresent()) {
            return Optional.of(RootFile.FDT_BLOB);
        }
        return root.folder(RootFile.DEVICE_TREE).isPresent() ? Optional.of(RootFile.DEVICE_TREE) : Optional.empty();
    }

    /**
     * The live tree, read from the root's {@code proc/device-tree} folder.
     *
     * @param root the system root
     * @return the tree (without a header); empty when the root has no such folder
     * @throws FdtException of kind {@link FdtException.Kind#BAD_FOLDER} when the folder is not a tree
     */
    public static Optional<DeviceTree> live(SystemRoot root) {
        return root.folder(RootFile.DEVICE_TREE).map(DeviceTreeFolder::read);
    }

    /**
     * The tree of one of the root's files, as {@link #booted} named it.
     *
     * @param root the system root
     * @param file {@link RootFile#FDT_BLOB} or {@link RootFile#DEVICE_TREE}, which must be there
     * @return the tree
     * @throws FdtException for a bad blob or folder, or when the file is not there
     */
    public static DeviceTree read(SystemRoot root, RootFile file) {
        if (file == RootFile.DEVICE_TREE) {
            return live(root).orElseThrow(() -> FdtException.atPath(FdtException.Kind.BAD_FOLDER, "", "not a folder"));
        }
        byte[] blob = root.bytes(file).orElseThrow(() -> FdtException.of(FdtException.Kind.TRUNCATED, "no such file"));
        return FdtParser.parse(ByteBuffer.wrap(blob));
    }
}
