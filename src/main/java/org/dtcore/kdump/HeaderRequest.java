package org.dtcore.kdump;

import java.util.Optional;
import java.util.OptionalLong;
import org.dtcore.crash.ExclusionRule;

/**
 * A core header to build (SPEC §8, §9): the board's inputs, who builds the header, and the loader's own
 * settings.
 *
 * @param inputs       the board and its sources ({@link KdumpInputs})
 * @param mode         the kernel (kexec_file_load) or kexec-tools (kexec_load)
 * @param exclusion    crash_exclude_mem_range's generation; empty for the kernel release's
 *                     ({@link ExclusionRule#of})
 * @param backupOffset powerpc: where the loader copied the first 64 KiB (the backup PT_LOAD's p_offset); empty
 *                     leaves that p_offset 0, with a notice
 * @param kexecTools   kexec-tools mode's own settings ({@link KexecToolsSettings#DEFAULT} otherwise)
 */
public record HeaderRequest(KdumpInputs inputs, LoaderMode mode, Optional<ExclusionRule> exclusion,
                            OptionalLong backupOffset, KexecToolsSettings kexecTools) {
    /**
     * Checks the inputs are given; a null mode stands for {@link LoaderMode#KERNEL}, a null Optional for
     * empty, null settings for {@link KexecToolsSettings#DEFAULT}.
     *
     * @param inputs       the board and its sources ({@link KdumpInputs})
     * @param mode         the kernel (kexec_file_load) or kexec-tools (kexec_load)
     * @param exclusion    crash_exclude_mem_range's generation; empty for the kernel release's
     *                     ({@link ExclusionRule#of})
     * @param backupOffset powerpc: where the loader copied the first 64 KiB (the backup PT_LOAD's p_offset); empty
     *                     leaves that p_offset 0, with a notice
     * @param kexecTools   kexec-tools mode's own settings ({@link KexecToolsSettings#DEFAULT} otherwise)
     * @throws KdumpException BAD_REQUEST when {@code inputs} is null
     */
    public HeaderRequest {
        if (inputs == null) {
            throw new KdumpException(KdumpException.Kind.BAD_REQUEST, "", "the inputs are required");
        }
        mode = mode == null ? LoaderMode.KERNEL : mode;
        exclusion = exclusion == null ? Optional.empty() : exclusion;
        backupOffset = backupOffset == null ? OptionalLong.empty() : backupOffset;
        kexecTools = kexecTools == null ? KexecToolsSettings.DEFAULT : kexecTools;
    }

    /**
     * The kernel's header for these inputs, with the release's rules.
     *
     * @param inputs the board and its sources
     * @return a kernel-mode (kexec_file_load) request with every rule the release's
     */
    public static HeaderRequest kernel(KdumpInputs inputs) {
        return new HeaderRequest(inputs, LoaderMode.KERNEL, Optional.empty(), OptionalLong.empty(),
                KexecToolsSettings.DEFAULT);
    }

    /**
     * This request built by another loader (SPEC §9).
     *
     * @param m the kernel (kexec_file_load) or kexec-tools (kexec_load); null for the kernel
     * @return a copy with the loader replaced
     */
    public HeaderRequest withMode(LoaderMode m) {
        return new HeaderRequest(inputs, m, exclusion, backupOffset, kexecTools);
    }

    /**
     * This request with crash_exclude_mem_range's generation chosen instead of the release's.
     *
     * @param rule the generation to apply; null for the kernel release's
     * @return a copy with the rule replaced
     */
    public HeaderRequest withExclusion(ExclusionRule rule) {
        return new HeaderRequest(inputs, mode, Optional.ofNullable(rule), backupOffset, kexecTools);
    }

    /**
     * powerpc: this request with the backup PT_LOAD's p_offset, where the loader copied the first 64 KiB.
     *
     * @param offset the copy's physical address, as {@code kexec -d} prints it
     * @return a copy with the offset given
     */
    public HeaderRequest withBackupOffset(long offset) {
        return new HeaderRequest(inputs, mode, exclusion, OptionalLong.of(offset), kexecTools);
    }

    /**
     * This request with kexec-tools mode's own settings (used only in that mode).
     *
     * @param settings ELF class, byte order, lowmem limit; null for {@link KexecToolsSettings#DEFAULT}
     * @return a copy with the settings replaced
     */
    public HeaderRequest withKexecTools(KexecToolsSettings settings) {
        return new HeaderRequest(inputs, mode, exclusion, backupOffset, settings);
    }
}
