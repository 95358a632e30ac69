package org.dtcore.elf;

import org.dtcore.memory.MemoryRange;

/**
 * A region the loader copied aside before the crash (x86's first 640 KiB, powerpc's first 64 KiB): the
 * PT_LOAD covering exactly {@code source} reads its bytes from {@code copyAddress} (SPEC §9).
 */
public record BackupRegion(MemoryRange source, long copyAddress) {
}
