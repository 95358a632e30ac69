package org.dtcore;

/**
 * An input the caller of a pipeline can give, as messages name it. The library says it in its own words
 * ({@link #words()}: "the page size"); a front end that spells it otherwise (the CLI: {@code --page-size})
 * renders a {@link Wording} with its own names. So a Java user is never told to pass an option they do not
 * have, and a command-line user is still told the flag.
 */
public enum Given {
    /** the running kernel's release, whose rules apply */
    KERNEL_RELEASE("the kernel release"),
    /** a device tree (blob or folder) or /proc/iomem text to read memory from */
    MEMORY_FILE("a device tree or /proc/iomem file"),
    /** the booted device tree the capture kernel's tree is made from */
    BOOTED_TREE("the booted device tree"),
    /** a copy of a running system's /sys and /proc (a folder or an archive) */
    SYSTEM_ROOT("a system root"),
    /** the running system itself as the system root */
    LIVE_SYSTEM("the running system"),
    /** the crash kernel region(s) */
    CRASH_KERNEL("the crash kernel region"),
    /** the page size */
    PAGE_SIZE("the page size"),
    /** the vmcoreinfo note's address, its size optional */
    VMCOREINFO("the vmcoreinfo note's address"),
    /** the vmcoreinfo note's address and size */
    VMCOREINFO_SIZE("the vmcoreinfo note's address and size"),
    /** each possible CPU's crash note, its size optional */
    CPU_NOTE("the CPU's crash note"),
    /** a CPU's crash note with its size */
    CPU_NOTE_SIZE("the CPU's crash note with its size"),
    /** the kernel's System.map (its _text, _stext, _end) */
    SYSTEM_MAP("the kernel's System.map"),
    /** the kernel-text mapping (virtual _text, physical _text, size) */
    KERNEL_TEXT("the kernel text"),
    /** a JSON context file */
    CONTEXT_FILE("a context file"),
    /** the ELF e_flags */
    E_FLAGS("the ELF e_flags"),
    /** the physical address at the linear map's start (PHYS_OFFSET, phys_ram_base) */
    PHYS_OFFSET("the linear map's physical offset"),
    /** the linear map's virtual start (PAGE_OFFSET) */
    LINEAR_MAP_BASE("the linear map's base"),
    /** arm64/riscv64 VA_BITS */
    VA_BITS("VA_BITS"),
    /** where the loader copied the backup region (the backup PT_LOAD's p_offset) */
    BACKUP_OFFSET("the backup region's offset"),
    /** the byte order kexec-tools ran with, big-endian */
    BIG_ENDIAN("a big-endian byte order"),
    /** the loader mode kexec-tools (kexec_load) */
    KEXEC_TOOLS_MODE("kexec-tools mode"),
    /** the core header segment's address and size */
    ELF_CORE_HEADER_SIZE("the core header's address and size");

    private final String words;

    Given(String words) {
        this.words = words;
    }

    /**
     * How the library names this input in its own messages.
     *
     * @return the words, e.g. "the page size"
     */
    public String words() {
        return words;
    }
}
