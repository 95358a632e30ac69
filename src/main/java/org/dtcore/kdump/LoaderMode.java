package org.dtcore.kdump;

/**
 * Who builds the core header (SPEC §9): the kernel itself (kexec_file_load, {@code kexec -s -p}) or
 * kexec-tools in user space (kexec_load, {@code kexec -p}), whose rules differ.
 */
public enum LoaderMode {
    /**
     * The kernel builds the header at load time, reached by kexec_file_load ({@code kexec -s -p}):
     * crash_prepare_elf64_headers(), kernel/kexec_file.c in 6.1, kernel/crash_core.c in 6.12.
     */
    KERNEL("kernel"),
    /**
     * kexec-tools builds it in user space and passes it as a segment to kexec_load
     * (kexec/crashdump-elf.c and each architecture's crashdump-ARCH.c).
     */
    KEXEC_TOOLS("kexec-tools");

    private final String label;

    LoaderMode(String label) {
        this.label = label;
    }

    /**
     * The mode's name as the command line and reports spell it.
     *
     * @return "kernel" or "kexec-tools"
     */
    public String label() {
        return label;
    }
}
