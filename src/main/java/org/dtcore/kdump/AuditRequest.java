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
 * @param exclusion    crash_exclude_mem_range's generation, or null for the release's
 * @param backupOffset where the loader copied the backup region; empty to take it from the dump, the one place
 *                     that says it (a raw header's backup PT_LOAD p_offset)
 * @param kexecTools   kexec-tools mode's own settings
 */
public record AuditRequest(DumpHead dump, KdumpInputs inputs, Optional<LoaderMode> mode, ExclusionRule exclusion,
                           OptionalLong backupOffset, KexecToolsSettings kexecTools) {
    public AuditRequest {
        if (dump == null || inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the dump and the system are required");
        }
        mode = mode == null ? Optional.empty() : mode;
        backupOffset = backupOffset == null ? OptionalLong.empty() : backupOffset;
        kexecTools = kexecTools == null ? KexecToolsSettings.DEFAULT : kexecTools;
    }

    /** {@code dump} against {@code inputs}, the loader found from the header. */
    public static AuditRequest of(DumpHead dump, KdumpInputs inputs) {
        return new AuditRequest(dump, inputs, Optional.empty(), null, OptionalLong.empty(), KexecToolsSettings.DEFAULT);
    }

    public AuditRequest withMode(LoaderMode m) {
        return new AuditRequest(dump, inputs, Optional.ofNullable(m), exclusion, backupOffset, kexecTools);
    }

    public AuditRequest withExclusion(ExclusionRule rule) {
        return new AuditRequest(dump, inputs, mode, rule, backupOffset, kexecTools);
    }

    public AuditRequest withBackupOffset(long offset) {
        return new AuditRequest(dump, inputs, mode, exclusion, OptionalLong.of(offset), kexecTools);
    }

    public AuditRequest withKexecTools(KexecToolsSettings settings) {
        return new AuditRequest(dump, inputs, mode, exclusion, backupOffset, settings);
    }
}
