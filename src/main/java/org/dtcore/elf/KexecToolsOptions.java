package org.dtcore.elf;

import java.nio.ByteOrder;
import java.util.Objects;
import java.util.Optional;
import org.dtcore.memory.Arch;

/**
 * The choices kexec-tools' crash_create_elf64_headers()/crash_create_elf32_headers() take from its
 * architecture code and the running system (SPEC §9, kexec-tools mode).
 *
 * @param elfClass         32 or 64 (crash_create_elf32_headers or crash_create_elf64_headers)
 * @param byteOrder        kexec-tools' host's byte order (little on ppc64le, big on ppc64 and ppc32)
 * @param align            segment size alignment: a power of two, 1024 (ELF_CORE_HEADER_ALIGN) to 1 GiB
 * @param vmcoreinfo       whether /sys/kernel/vmcoreinfo was readable (counted in the size when true)
 * @param preserveContext  KEXEC_PRESERVE_CONTEXT: the vmcoreinfo note is counted but not written
 * @param kernelText       whether the architecture asks for a kernel-text PT_LOAD (elf_info->kern_size != 0)
 * @param lowmemLimit      PT_LOADs ending at or above this get p_vaddr = −1 (HIGHMEM); 0 for none
 * @param backup           the backup region (x86_64, ppc64); empty for none
 * @param countedRanges    how many ranges the architecture code passed (the header's size counts them all,
 *                         RAM or not: x86_64 passes reserved and ACPI lines too); −1 for the ranges given
 */
public record KexecToolsOptions(int elfClass, ByteOrder byteOrder, long align, boolean vmcoreinfo,
                                boolean preserveContext, boolean kernelText, long lowmemLimit,
                                Optional<BackupRegion> backup,
                                int countedRanges) {

    /** kexec-tools' MAX_NOTE_BYTES: a CPU note's size when sysfs has no crash_notes_size (kexec/crashdump.c). */
    public static final long MAX_NOTE_BYTES = 1024;
    /** kexec-tools' ELF_CORE_HEADER_ALIGN: the memmap= option has 1 KiB granularity. */
    public static final long ELF_CORE_HEADER_ALIGN = 1024;

    /**
     * Options as given, checked.
     *
     * @param elfClass        32 or 64
     * @param byteOrder       the header's byte order
     * @param align           segment size alignment
     * @param vmcoreinfo      whether the vmcoreinfo note is counted
     * @param preserveContext whether the vmcoreinfo note is counted but not written
     * @param kernelText      whether to write a kernel-text PT_LOAD
     * @param lowmemLimit     PT_LOADs ending at or above this get p_vaddr −1; 0 for none
     * @param backup          the backup region; empty for none
     * @param countedRanges   how many ranges the architecture code passed; −1 for the ranges given
     * @throws ElfException ({@link ElfException.Kind#BAD_INPUT}) for a class other than 32 or 64, no byte
     *                      order, or an alignment that is not a power of two from 1024 to 1 GiB
     * @throws NullPointerException when {@code backup} is null (give {@code Optional.empty()})
     */
    public KexecToolsOptions {
        ElfClass.ofBits(elfClass);
        Objects.requireNonNull(backup, "backup: Optional.empty() for none");
        if (byteOrder == null) {
            throw ElfException.of(ElfException.Kind.BAD_INPUT, "byte order is required");
        }
        if (align <= 0 || align > (1L << 30) || Long.bitCount(align) != 1 || align % ELF_CORE_HEADER_ALIGN != 0) {
            // kexec-tools refuses an alignment that is not a multiple of 1024; its _ALIGN mask also
            // assumes a power of two, so anything else would give a size it never produces.
            throw ElfException.of(ElfException.Kind.BAD_INPUT,
                    "alignment " + align + " is not a power of two from 1024 to 1 GiB");
        }
    }

    /**
     * What kexec-tools does for {@code arch}: ELF64 for 64-bit arches and ELF32 otherwise, its host's byte
     * order — little-endian except 32-bit powerpc; ppc64 is taken as ppc64le, what distributions ship
     * ({@link Arch} does not tell ppc64 from ppc64le: a big-endian host's callers use
     * {@link #defaults(Arch, ByteOrder)}) — 1024-byte alignment, vmcoreinfo present, a kernel-text PT_LOAD
     * except on powerpc, no lowmem limit, no backup.
     *
     * @param arch the architecture
     * @return kexec-tools' options for it
     */
    public static KexecToolsOptions defaults(Arch arch) {
        return defaults(arch, arch == Arch.PPC ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * {@link #defaults(Arch)} for a target of the given byte order (kexec-tools writes its host's order).
     *
     * @param arch        the architecture
     * @param targetOrder the byte order of the kexec-tools host
     * @return kexec-tools' options for it
     */
    public static KexecToolsOptions defaults(Arch arch, ByteOrder targetOrder) {
        return new KexecToolsOptions(arch.is64Bit() ? 64 : 32, targetOrder, ELF_CORE_HEADER_ALIGN, true, false,
                !arch.isPowerPc(), 0, Optional.empty(), -1);
    }

    /**
     * These options with another ELF class.
     *
     * @param bits 32 (crash_create_elf32_headers) or 64
     * @return the new options
     * @throws ElfException when {@code bits} is neither
     */
    public KexecToolsOptions withElfClass(int bits) {
        return new KexecToolsOptions(bits, byteOrder, align, vmcoreinfo, preserveContext, kernelText, lowmemLimit,
                backup, countedRanges);
    }

    /**
     * These options with another byte order.
     *
     * @param order the kexec-tools host's byte order
     * @return the new options
     * @throws ElfException when {@code order} is null
     */
    public KexecToolsOptions withByteOrder(ByteOrder order) {
        return new KexecToolsOptions(elfClass, order, align, vmcoreinfo, preserveContext, kernelText, lowmemLimit,
                backup, countedRanges);
    }

    /**
     * These options with another segment alignment.
     *
     * @param a the alignment in bytes: a power of two from 1024 to 1 GiB
     * @return the new options
     * @throws ElfException when {@code a} is not such a power of two
     */
    public KexecToolsOptions withAlign(long a) {
        return new KexecToolsOptions(elfClass, byteOrder, a, vmcoreinfo, preserveContext, kernelText, lowmemLimit,
                backup, countedRanges);
    }

    /**
     * These options with the vmcoreinfo note's treatment.
     *
     * @param present  whether /sys/kernel/vmcoreinfo was readable (the note is counted)
     * @param preserve KEXEC_PRESERVE_CONTEXT (the note is counted but not written)
     * @return the new options
     */
    public KexecToolsOptions withVmcoreinfo(boolean present, boolean preserve) {
        return new KexecToolsOptions(elfClass, byteOrder, align, present, preserve, kernelText, lowmemLimit,
                backup, countedRanges);
    }

    /**
     * These options with or without the kernel-text PT_LOAD.
     *
     * @param wanted whether the architecture code set elf_info kern_size (non-zero)
     * @return the new options
     */
    public KexecToolsOptions withKernelText(boolean wanted) {
        return new KexecToolsOptions(elfClass, byteOrder, align, vmcoreinfo, preserveContext, wanted, lowmemLimit,
                backup, countedRanges);
    }

    /**
     * These options with a lowmem limit (32-bit HIGHMEM).
     *
     * @param limit PT_LOADs ending at or above it get p_vaddr −1; 0 for none
     * @return the new options
     */
    public KexecToolsOptions withLowmemLimit(long limit) {
        return new KexecToolsOptions(elfClass, byteOrder, align, vmcoreinfo, preserveContext, kernelText, limit,
                backup, countedRanges);
    }

    /**
     * These options with a backup region (x86_64, ppc64).
     *
     * @param region the region, not null (the defaults have none)
     * @return the new options
     * @throws NullPointerException when {@code region} is null
     */
    public KexecToolsOptions withBackup(BackupRegion region) {
        return new KexecToolsOptions(elfClass, byteOrder, align, vmcoreinfo, preserveContext, kernelText, lowmemLimit,
                Optional.of(region), countedRanges);
    }

    /**
     * These options with the count of ranges the architecture code passed.
     *
     * @param count the count the header's size is made from; −1 for the ranges given
     * @return the new options
     */
    public KexecToolsOptions withCountedRanges(int count) {

        return new KexecToolsOptions(elfClass, byteOrder, align, vmcoreinfo, preserveContext, kernelText, lowmemLimit,
                backup, count);
    }
}
