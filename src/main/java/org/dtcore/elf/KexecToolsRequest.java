package org.dtcore.elf;

import java.nio.ByteOrder;
import java.util.List;

import org.dtcore.fdt.DeviceTree;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;

/**
 * The choices behind a kexec-tools header that the system root cannot give (SPEC §9 kexec-tools mode).
 *
 * @param crashKernels   crash kernel regions to use instead of the system's; empty for the system's
 * @param backupCopy     where kexec-tools placed the copy of the backup region (x86_64's low RAM, powerpc's
 *                       first 64 KiB): the backup PT_LOAD's p_offset, which `kexec -d` prints; null if unknown
 * @param elfClass       32 or 64, null for kexec-tools' default (64 on these architectures)
 * @param byteOrder      the byte order kexec-tools ran with (its host's), null to take it from the system root
 * @param tree           a device tree to read instead of the root's /proc/device-tree (powerpc), or null
 * @param iomem          /proc/iomem lines to read instead of the root's, or null
 */
public record KexecToolsRequest(List<MemoryRange> crashKernels, Long backupCopy, Integer elfClass,
                                ByteOrder byteOrder, DeviceTree tree, List<IomemEntry> iomem) {
    public static final KexecToolsRequest DEFAULT = new KexecToolsRequest(List.of(), null, null, null, null, null);

    public KexecToolsRequest {
        crashKernels = List.copyOf(crashKernels);
        iomem = iomem == null ? null : List.copyOf(iomem);
    }

    public KexecToolsRequest withCrashKernels(List<MemoryRange> regions) {
        return new KexecToolsRequest(regions, backupCopy, elfClass, byteOrder, tree, iomem);
    }

    public KexecToolsRequest withBackupCopy(Long address) {
        return new KexecToolsRequest(crashKernels, address, elfClass, byteOrder, tree, iomem);
    }

    public KexecToolsRequest withElfClass(Integer bits) {
        return new KexecToolsRequest(crashKernels, backupCopy, bits, byteOrder, tree, iomem);
    }

    public KexecToolsRequest withByteOrder(ByteOrder order) {
        return new KexecToolsRequest(crashKernels, backupCopy, elfClass, order, tree, iomem);
    }

    public KexecToolsRequest withTree(DeviceTree t) {
        return new KexecToolsRequest(crashKernels, backupCopy, elfClass, byteOrder, t, iomem);
    }

    public KexecToolsRequest withIomem(List<IomemEntry> lines) {
        return new KexecToolsRequest(crashKernels, backupCopy, elfClass, byteOrder, tree, lines);
    }
}
