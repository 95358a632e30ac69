package org.dtcore.kdump;

import java.util.OptionalLong;
import org.dtcore.crash.ExclusionRule;

/**
 * A core header to build (SPEC §8, §9): the board's inputs, who builds the header, and the loader's own
 * settings.
 *
 * @param inputs       the board and its sources ({@link KdumpInputs})
 * @param mode         the kernel (kexec_file_load) or kexec-tools (kexec_load)
 * @param exclusion    crash_exclude_mem_range's generation, or null for the kernel release's
 * @param backupOffset powerpc: where the loader copied the first 64 KiB (the backup PT_LOAD's p_offset)
 * @param kexecTools   kexec-tools mode's own settings ({@link KexecToolsSettings#DEFAULT} otherwise)
 */
public record HeaderRequest(KdumpInputs inputs, LoaderMode mode, ExclusionRule exclusion, OptionalLong backupOffset,
                            KexecToolsSettings kexecTools) {
    public HeaderRequest {
        if (inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the inputs are required");
        }
        mode = mode == null ? LoaderMode.KERNEL : mode;
        backupOffset = backupOffset == null ? OptionalLong.empty() : backupOffset;
        kexecTools = kexecTools == null ? KexecToolsSettings.DEFAULT : kexecTools;
    }

    /** The kernel's header for these inputs, with the release's rules. */
    public static HeaderRequest kernel(KdumpInputs inputs) {
        return new HeaderRequest(inputs, LoaderMode.KERNEL, null, OptionalLong.empty(), KexecToolsSettings.DEFAULT);
    }

    public HeaderRequest withMode(LoaderMode m) {
        return new HeaderRequest(inputs, m, exclusion, backupOffset, kexecTools);
    }

    public HeaderRequest withExclusion(ExclusionRule rule) {
        return new HeaderRequest(inputs, mode, rule, backupOffset, kexecTools);
    }

    public HeaderRequest withBackupOffset(long offset) {
        return new HeaderRequest(inputs, mode, exclusion, OptionalLong.of(offset), kexecTools);
    }

    public HeaderRequest withKexecTools(KexecToolsSettings settings) {
        return new HeaderRequest(inputs, mode, exclusion, backupOffset, settings);
    }
}
