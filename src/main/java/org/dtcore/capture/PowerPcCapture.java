package org.dtcore.capture;

import org.dtcore.fdt.DeviceTree;
import org.dtcore.fdt.TreeEditor;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.PowerPcFirmware;
import org.dtcore.text.Numbers;

/**
 * powerpc's own steps after the shared ones (file_load_64.c setup_new_fdt_ppc64; SPEC §11), in the
 * kernel's order, which is the order of the /memreserve/ entries they add:
 * <ol>
 * <li>linux,drconf-usable-memory and linux,usable-memory ({@link PowerPcUsableMemory});</li>
 * <li>[64 KiB, crash kernel start): the crashed kernel's memory, all but the first 64 KiB, which the
 *     backup region holds a copy of;</li>
 * <li>the backup region itself (64 KiB at the loader's chosen address);</li>
 * <li>the cpu nodes rebuilt ({@link CpuNodes});</li>
 * <li>RTAS, TCE tables and root reserved-ranges, merged as {@link KexecRanges} merges them.</li>
 * </ol>
 */
final class PowerPcCapture {
    /** BACKUP_SRC_START .. BACKUP_SRC_END: the first 64 KiB, which purgatory copies aside. */
    static final long BACKUP_SIZE = 0x10000;

    private PowerPcCapture() {
    }

    static void apply(DeviceTree booted, TreeEditor editor, CaptureRequest request) {
        if (request.backupStart().isEmpty()) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "backup region",
                    "powerpc reserves the copy of the first 64 KiB: give its address");
        }
        MemoryRange crash = request.crashKernel();
        if (Long.compareUnsigned(crash.start(), BACKUP_SIZE) <= 0) {
            throw new CaptureException(CaptureException.Kind.BAD_REQUEST, "crash kernel",
                    "starts at " + Numbers.hex(crash.start()) + ", inside the first 64 KiB the backup region copies");
        }
        PowerPcUsableMemory.apply(booted, editor, UsableMemory.of(booted, crash, request.crashKernelCma()));
        editor.addReservation(BACKUP_SIZE, crash.start() - BACKUP_SIZE);
        editor.addReservation(request.backupStart().getAsLong(), BACKUP_SIZE);
        CpuNodes.apply(booted, editor);
        KexecRanges reserved = new KexecRanges();
        PowerPcFirmware.Reader loader = PowerPcFirmware.Reader.KEXEC_FILE;
        PowerPcFirmware.rtas(booted, loader).ifPresent(reserved::add);
        PowerPcFirmware.tce(booted, loader).forEach(reserved::add);
        PowerPcFirmware.reservedRanges(booted, loader).forEach(reserved::add);
        for (MemoryRange r : reserved.list()) {
            editor.addReservation(r.start(), r.size());
        }
    }
}
