package org.dtcore.kdump;

/**
 * Who builds the core header (SPEC §9): the kernel itself (kexec_file_load, {@code kexec -s -p}) or
 * kexec-tools in user space (kexec_load, {@code kexec -p}), whose rules differ.
 */
public enum LoaderMode {
    KERNEL("kernel"),
    KEXEC_TOOLS("kexec-tools");

    private final String label;

    LoaderMode(String label) {
        this.label = label;
    }

    /** As the command line spells it. */
    public String label() {
        return label;
    }
}
