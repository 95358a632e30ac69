package org.dtcore.kdump;

import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.memory.MemoryRange;

/**
 * A capture kernel's device tree to write (SPEC §11): the board's inputs and what the loader placed.
 *
 * @param inputs            the booted board and its sources ({@link KdumpInputs})
 * @param elfCoreHeader     where the core header segment is loaded
 * @param elfCoreHeaderSize its size, or empty for the size the kernel release reserves (from the context)
 * @param initrd            the capture kernel's initrd segment, if any
 * @param bootargs          the capture kernel's command line, if any
 * @param backupStart       powerpc: where the copy of the first 64 KiB is loaded
 * @param bootedFdtAddress  the booted blob's physical address, whose /memreserve/ entry is dropped
 */
public record CaptureDtbRequest(KdumpInputs inputs, long elfCoreHeader, OptionalLong elfCoreHeaderSize,
                                Optional<MemoryRange> initrd, Optional<String> bootargs, OptionalLong backupStart,
                                OptionalLong bootedFdtAddress) {
    public CaptureDtbRequest {
        if (inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the inputs are required");
        }
        elfCoreHeaderSize = elfCoreHeaderSize == null ? OptionalLong.empty() : elfCoreHeaderSize;
        initrd = initrd == null ? Optional.empty() : initrd;
        bootargs = bootargs == null ? Optional.empty() : bootargs;
        backupStart = backupStart == null ? OptionalLong.empty() : backupStart;
        bootedFdtAddress = bootedFdtAddress == null ? OptionalLong.empty() : bootedFdtAddress;
    }

    /** The header at {@code address}, its size from the context, nothing else. */
    public static CaptureDtbRequest of(KdumpInputs inputs, long address) {
        return new CaptureDtbRequest(inputs, address, OptionalLong.empty(), Optional.empty(), Optional.empty(),
                OptionalLong.empty(), OptionalLong.empty());
    }

    public CaptureDtbRequest withElfCoreHeaderSize(long size) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, OptionalLong.of(size), initrd, bootargs, backupStart,
                bootedFdtAddress);
    }

    public CaptureDtbRequest withInitrd(MemoryRange s) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, Optional.of(s), bootargs, backupStart,
                bootedFdtAddress);
    }

    public CaptureDtbRequest withBootargs(String s) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, initrd, Optional.of(s), backupStart,
                bootedFdtAddress);
    }

    public CaptureDtbRequest withBackupStart(long address) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, initrd, bootargs,
                OptionalLong.of(address), bootedFdtAddress);
    }

    public CaptureDtbRequest withBootedFdtAddress(long address) {
        return new CaptureDtbRequest(inputs, elfCoreHeader, elfCoreHeaderSize, initrd, bootargs, backupStart,
                OptionalLong.of(address));
    }
}
