package org.dtcore.context;

import org.dtcore.memory.Arch;

/**
 * The size a loader gives a CPU crash note whose size sysfs does not say (no crash_notes_size, or
 * {@code --cpu-note ID,ADDR} without one).
 *
 * @param size the size in bytes; 0 when there is none to assume (the note then needs an explicit size)
 * @param why  where the size comes from, for the warning that names it
 */
public record NoteSizeRule(long size, String why) {

    /**
     * The kernel's rule: sysfs lacks crash_notes_size only on kernels that write sizeof the prstatus note
     * (SPEC §9).
     *
     * @param arch the architecture, which fixes the prstatus size
     * @return that size, with why
     */
    public static NoteSizeRule kernel(Arch arch) {
        return new NoteSizeRule(ContextDefaults.noteSize(arch), "sizeof the " + arch + " prstatus note, SPEC §9");
    }

    /**
     * kexec-tools' rule: get_crash_notes_per_cpu() (kexec/crashdump.c) starts from MAX_NOTE_BYTES.
     *
     * @return 1024 bytes, with why
     */

    public static NoteSizeRule kexecTools() {
        return new NoteSizeRule(1024, "kexec-tools' MAX_NOTE_BYTES, kexec/crashdump.c get_crash_notes_per_cpu");
    }
}
