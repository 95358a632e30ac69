package org.dtcore.elf;

import java.util.List;
import java.util.OptionalLong;
import org.dtcore.context.CrashContext;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * Builds the ELF core header a kdump capture kernel reads as the head of /proc/vmcore (SPEC §9), either
 * byte for byte as the kernel's crash_prepare_elf64_headers() does (kexec_file_load) or as kexec-tools'
 * crash_create_elf{64,32}_headers() does (kexec_load).
 */
public final class CoreHeaderBuilder {
    /** SPEC §9: e_phnum is 16 bits and 0xffff (PN_XNUM) means "look elsewhere": 65534 is the most. */
    public static final int MAX_PROGRAM_HEADERS = 0xfffe;

    private CoreHeaderBuilder() {
    }

    /**
     * The kernel's header (SPEC §9): a PT_NOTE per possible CPU, the vmcoreinfo PT_NOTE, the kernel-map
     * PT_LOAD when {@code kernelMap}, then a PT_LOAD per range in list order; little-endian ELF64 in a
     * zero-filled buffer of whole 4 KiB pages.
     *
     * @param arch         gives e_machine
     * @param ctx          CPU notes (all possible CPUs, ascending id), vmcoreinfo, kernel text, linear map, e_flags
     * @param ranges       the crash memory ranges after exclusion, in the order to emit (SPEC §8)
     * @param kernelMap    whether to write the kernel-map PT_LOAD (needs {@code ctx.kernelText()})
     * @param backupOffset powerpc: p_offset for the PT_LOAD whose paddr is 0 (where the first 64 KiB were
     *                     copied); empty elsewhere
     * @return the header and its bytes
     * @throws ElfException more than {@value #MAX_PROGRAM_HEADERS} program headers, or kernel map without text
     */
    public static EncodedCoreHeader kernel(Arch arch, CrashContext ctx, List<MemoryRange> ranges, boolean kernelMap,
                                           OptionalLong backupOffset) {
        return KernelCoreHeader.build(arch, ctx, ranges, kernelMap, backupOffset);
    }

    /**
     * kexec-tools' header (SPEC §9 kexec-tools mode; see {@link KexecToolsOptions}). {@code ctx.cpus()}
     * lists only the CPUs that have crash_notes, in the order kexec-tools finds them (ascending id): an
     * absent CPU is simply left out of the list.
     *
     * @param arch    gives e_machine
     * @param ctx     CPU notes (those with crash_notes, ascending id), vmcoreinfo, linear map, e_flags
     * @param ranges  the crash memory ranges, in the order kexec-tools writes them
     * @param options kexec-tools' settings: ELF class, byte order, kernel text, backup region, lowmem limit
     * @return the header and its bytes

     * @throws ElfException too many program headers, a value wider than an ELF32 field, kernel text missing
     */
    public static EncodedCoreHeader kexecTools(Arch arch, CrashContext ctx, List<MemoryRange> ranges,
                                               KexecToolsOptions options) {
        return KexecToolsCoreHeader.build(arch, ctx, ranges, options);
    }

    static void checkCount(long count) {
        if (count > MAX_PROGRAM_HEADERS) {
            throw ElfException.of(ElfException.Kind.TOO_MANY_HEADERS, count
                    + " program headers do not fit e_phnum (at most " + MAX_PROGRAM_HEADERS
                    + "); refusing to truncate the dump");
        }
    }

    /** {@code bytes} rounded up to {@code align}, refused when it cannot be one Java array. */
    static int segmentSize(long bytes, long align) {
        long size = (bytes + align - 1) / align * align;
        if (size > Integer.MAX_VALUE - 8) {
            throw ElfException.of(ElfException.Kind.TOO_MANY_HEADERS,
                    "a core header of " + size + " bytes is too large to build");
        }
        return (int) size;
    }
}
