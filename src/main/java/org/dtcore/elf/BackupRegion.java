package org.dtcore.elf;

import org.dtcore.memory.MemoryRange;

/**
 * A region the loader copied aside before the crash (x86's first 640 KiB, powerpc's first 64 KiB): the
 * PT_LOAD covering exactly {@code source} reads its bytes from {@code copyAddress} (SPEC §9).
 *
 * @param source      the range that was copied (its PT_LOAD keeps this paddr)
 * @param copyAddress the physical address of the copy, which becomes that PT_LOAD's p_offset
 */

public record BackupRegion(MemoryRange source, long copyAddress) {
}
