package org.dtcore.kdump;

import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.crash.ExclusionRule;
import org.dtcore.elf.DumpHead;

/**
 * A dump to audit ({@link AuditPipeline}) against the system it came from.
 *
 * @param dump         the dump's head, read once ({@link DumpHead#read})
 * @param inputs       the system: its root (required) and whatever {@code header} would take besides; the
 *                     architecture is usually the dump's ({@link DumpHead#arch()})
 * @param mode         who built the header; empty to find out from the header itself
 * @param exclusion    crash_exclude_mem_range's generation; empty for the kernel release's
 * @param backupOffset where the loader copied the backup region; empty to take it from the dump, the one place
 *                     that says it (a raw header's backup PT_LOAD p_offset)
 * @param kexecTools   kexec-tools mode's own settings
 */
public record AuditRequest(DumpHead dump, KdumpInputs inputs, Optional<LoaderMode> mode,
                           Optional<ExclusionRule> exclusion, OptionalLong backupOffset,
                           KexecToolsSettings kexecTools) {
    /**
     * Checks the dump and the system are given; a null Optional stands for empty, null settings for
     * {@link KexecToolsSettings#DEFAULT}.
     *
     * @param dump         the dump's head, read once ({@link DumpHead#read})
     * @param inputs       the system: its root (required) and whatever {@code header} would take besides; the
     *                     architecture is usually the dump's ({@link DumpHead#arch()})
     * @param mode         who built the header; empty to find out from the header itself
     * @param exclusion    crash_exclude_mem_range's generation; empty for the kernel release's
     * @param backupOffset where the loader copied the backup region; empty to take it from the dump, the one place
     *                     that says it (a raw header's backup PT_LOAD p_offset)
     * @param kexecTools   kexec-tools mode's own settings
     * @throws KdumpException BAD_REQUEST when {@code dump} or {@code inputs} is null
     */
    public AuditRequest {
        if (dump == null || inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the dump and the system are required");
        }
        mode = mode == null ? Optional.empty() : mode;
        exclusion = exclusion == null ? Optional.empty() : exclusion;
        backupOffset = backupOffset == null ? OptionalLong.empty() : backupOffset;
        kexecTools = kexecTools == null ? KexecToolsSettings.DEFAULT : kexecTools;
    }

    /**
     * {@code dump} against {@code inputs}, the loader found from the header.
     *
     * @param dump   the dump's head, read once
     * @param inputs the system the dump came from (its root required)
     * @return a request with every rule the release's and the backup offset taken from the dump
     */
    public static AuditRequest of(DumpHead dump, KdumpInputs inputs) {
        return new AuditRequest(dump, inputs, Optional.empty(), Optional.empty(), OptionalLong.empty(),
                KexecToolsSettings.DEFAULT);
    }

    /**
     * This request comparing the dump with one loader's header instead of finding the loader out.
     *
     * @param m the kernel (kexec_file_load) or kexec-tools (kexec_load); null to find it from the header
     * @return a copy with the loader replaced
     */
    public AuditRequest withMode(LoaderMode m) {
        return new AuditRequest(dump, inputs, Optional.ofNullable(m), exclusion, backupOffset, kexecTools);
    }

    /**
     * This request with crash_exclude_mem_range's generation chosen instead of the release's.
     *
     * @param rule the generation to apply; null for the kernel release's
     * @return a copy with the rule replaced
     */
    public AuditRequest withExclusion(ExclusionRule rule) {
        return new AuditRequest(dump, inputs, mode, Optional.ofNullable(rule), backupOffset, kexecTools);
    }

    /**
     * This request with where the loader copied the backup region, instead of the dump's word for it.
     *
     * @param offset the copy's physical address (the backup PT_LOAD's p_offset)
     * @return a copy with the offset given
     */
    public AuditRequest withBackupOffset(long offset) {
        return new AuditRequest(dump, inputs, mode, exclusion, OptionalLong.of(offset), kexecTools);
    }

    /**
     * This request with kexec-tools mode's own settings (used when the dump is compared with kexec-tools').
     *
     * @param settings ELF class, byte order, lowmem limit; null for {@link KexecToolsSettings#DEFAULT}
     * @return a copy with the settings replaced
     */
    public AuditRequest withKexecTools(KexecToolsSettings settings) {
        return new AuditRequest(dump, inputs, mode, exclusion, backupOffset, settings);
    }
}
