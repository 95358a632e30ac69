package org.dtcore.kdump;

import java.util.OptionalLong;

/**
 * An x86_64 capture kernel's e820 map to work out (SPEC §11): the board's inputs, the loader, and what the
 * loader placed where the user knows it (else dtcore places it as the loader does).
 *
 * @param inputs            the first kernel's system root, or its /proc/iomem as FILE ({@link KdumpInputs})
 * @param mode              the kernel (kexec_file_load, {@code kexec -s -p}) or kexec-tools ({@code kexec -p})
 * @param elfCoreHeader     where the core header segment is, if known
 * @param elfCoreHeaderSize the bytes the map leaves out for it, if known (else the release's size)
 * @param backupStart       kexec-tools: where the copy of the low RAM is ({@code kexec -d} prints it), if known
 * @param acpiRsdp          kexec-tools: the acpi_rsdp= it appends, if known
 * @param passMemmapCmdline kexec-tools' {@code --pass-memmap-cmdline}
 */
public record CaptureMemmapRequest(KdumpInputs inputs, LoaderMode mode, OptionalLong elfCoreHeader,
                                   OptionalLong elfCoreHeaderSize, OptionalLong backupStart, OptionalLong acpiRsdp,
                                   boolean passMemmapCmdline) {
    /**
     * Checks the inputs are given; a null mode stands for {@link LoaderMode#KERNEL}, a null OptionalLong for
     * empty.
     *
     * @param inputs            the first kernel's system root, or its /proc/iomem as FILE ({@link KdumpInputs})
     * @param mode              the kernel (kexec_file_load, {@code kexec -s -p}) or kexec-tools ({@code kexec -p})
     * @param elfCoreHeader     where the core header segment is, if known
     * @param elfCoreHeaderSize the bytes the map leaves out for it, if known (else the release's size)
     * @param backupStart       kexec-tools: where the copy of the low RAM is ({@code kexec -d} prints it), if known
     * @param acpiRsdp          kexec-tools: the acpi_rsdp= it appends, if known
     * @param passMemmapCmdline kexec-tools' {@code --pass-memmap-cmdline}
     * @throws KdumpException BAD_REQUEST when {@code inputs} is null
     */
    public CaptureMemmapRequest {
        if (inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the inputs are required");
        }
        mode = mode == null ? LoaderMode.KERNEL : mode;
        elfCoreHeader = elfCoreHeader == null ? OptionalLong.empty() : elfCoreHeader;
        elfCoreHeaderSize = elfCoreHeaderSize == null ? OptionalLong.empty() : elfCoreHeaderSize;
        backupStart = backupStart == null ? OptionalLong.empty() : backupStart;
        acpiRsdp = acpiRsdp == null ? OptionalLong.empty() : acpiRsdp;
    }

    /**
     * The kernel's map for these inputs, everything placed as kexec_file_load places it.
     *
     * @param inputs the first kernel's system root, or its /proc/iomem as the file
     * @return a kernel-mode request with nothing placed by the user
     */
    public static CaptureMemmapRequest of(KdumpInputs inputs) {
        return new CaptureMemmapRequest(inputs, LoaderMode.KERNEL, OptionalLong.empty(), OptionalLong.empty(),
                OptionalLong.empty(), OptionalLong.empty(), false);
    }

    /**
     * This request for another loader's rules.
     *
     * @param m the kernel's (kexec_file_load) or kexec-tools' (kexec_load); null for the kernel's
     * @return a copy with the loader replaced
     */
    public CaptureMemmapRequest withMode(LoaderMode m) {
        return new CaptureMemmapRequest(inputs, m, elfCoreHeader, elfCoreHeaderSize, backupStart, acpiRsdp,
                passMemmapCmdline);
    }

    /**
     * This request with the core header segment where the loader put it (the elfcorehdr= it passed).
     *
     * @param address the segment's physical start address
     * @return a copy with the address given
     */
    public CaptureMemmapRequest withElfCoreHeader(long address) {
        return new CaptureMemmapRequest(inputs, mode, OptionalLong.of(address), elfCoreHeaderSize, backupStart,
                acpiRsdp, passMemmapCmdline);
    }

    /**
     * This request with the bytes the map leaves out for the core header segment.
     *
     * @param size the segment's size in bytes (instead of the size the kernel release reserves)
     * @return a copy with the size given
     */
    public CaptureMemmapRequest withElfCoreHeaderSize(long size) {
        return new CaptureMemmapRequest(inputs, mode, elfCoreHeader, OptionalLong.of(size), backupStart, acpiRsdp,
                passMemmapCmdline);
    }

    /**
     * kexec-tools: this request with the copy of the low RAM where the loader put it ({@code kexec -d} prints
     * it).
     *
     * @param address the backup region's physical start address
     * @return a copy with the address given
     */
    public CaptureMemmapRequest withBackupStart(long address) {
        return new CaptureMemmapRequest(inputs, mode, elfCoreHeader, elfCoreHeaderSize, OptionalLong.of(address),
                acpiRsdp, passMemmapCmdline);
    }

    /**
     * kexec-tools: this request with the acpi_rsdp= address it appends to the command line.
     *
     * @param address the ACPI RSDP's physical address
     * @return a copy with the address given
     */
    public CaptureMemmapRequest withAcpiRsdp(long address) {
        return new CaptureMemmapRequest(inputs, mode, elfCoreHeader, elfCoreHeaderSize, backupStart,
                OptionalLong.of(address), passMemmapCmdline);
    }

    /**
     * kexec-tools: this request with or without {@code --pass-memmap-cmdline}, which passes the map as
     * memmap= words on the command line as well.
     *
     * @param pass true as when the option is given
     * @return a copy with the choice replaced
     */
    public CaptureMemmapRequest withPassMemmapCmdline(boolean pass) {
        return new CaptureMemmapRequest(inputs, mode, elfCoreHeader, elfCoreHeaderSize, backupStart, acpiRsdp, pass);
    }
}
