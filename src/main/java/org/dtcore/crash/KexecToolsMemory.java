package org.dtcore.crash;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.dtcore.context.KernelText;
import org.dtcore.memory.MemoryRange;

/**
 * The memory part of a kexec-tools core header (SPEC §9 kexec-tools mode): what the architecture code
 * hands to crash_create_elf64_headers() (kexec/crashdump-elf.c).
 *
 * @param ranges        the RAM ranges in the order kexec-tools writes their PT_LOADs
 * @param countedRanges how many ranges kexec-tools passed (RAM and not: x86_64 also passes reserved and
 *                      ACPI lines), which the header's size counts
 * @param backupSource  the range whose PT_LOAD reads from the backup copy (x86_64, ppc64); empty elsewhere
 * @param kernelText    the kernel-text PT_LOAD (elf_info kern_vaddr_start, kern_paddr_start, kern_size);
 *                      empty when the architecture code sets none (ppc64; arm64 without "Kernel data"), and
 *                      kexec-tools writes none either when its size is 0
 * @param pageOffset    elf_info page_offset, which phys_to_virt() adds
 * @param physOffset    what phys_to_virt() subtracts first (arm64's PHYS_OFFSET, else 0)
 * @param lowmemLimit   elf_info lowmem_limit: ranges ending at or above it get p_vaddr −1; 0 for none
 * @param warnings      each place where kexec-tools departs from what the kernel would write, named
 */
public record KexecToolsMemory(List<MemoryRange> ranges, int countedRanges, Optional<MemoryRange> backupSource,
                               Optional<KernelText> kernelText, long pageOffset, long physOffset, long lowmemLimit,
                               List<String> warnings) {
    /**
     * The memory part as the model made it (the lists copied).
     *
     * @param ranges        the RAM ranges in PT_LOAD order
     * @param countedRanges how many ranges kexec-tools passed
     * @param backupSource  the range read from the backup copy; empty for none
     * @param kernelText    the kernel-text PT_LOAD; empty for none
     * @param pageOffset    elf_info page_offset
     * @param physOffset    what phys_to_virt() subtracts first
     * @param lowmemLimit   elf_info lowmem_limit; 0 for none
     * @param warnings      where kexec-tools departs from the kernel
     * @throws NullPointerException when an Optional is null
     */
    public KexecToolsMemory {

        ranges = List.copyOf(ranges);
        Objects.requireNonNull(backupSource, "backupSource");
        Objects.requireNonNull(kernelText, "kernelText");
        warnings = List.copyOf(warnings);
    }
}
