package org.dtcore.crash;

import java.util.ArrayList;
import java.util.List;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryChunk;
import org.dtcore.memory.MemoryRange;

/**
 * The chunk list a dump covers (the kernel's {@code struct crash_mem} as handed to the header builder,
 * SPEC §8), in the order the program headers are written.
 *
 * @param arch          the architecture whose policy made it
 * @param chunks        the ranges with their origin, NUMA node and flags
 * @param kernelMap     whether the architecture writes the kernel-text PT_LOAD
 * @param crashKernels  the regions cut out (crashkernel, then crashkernel-low)
 * @param notes         how the list was made, step by step, for people debugging a dump
 */
public record CrashMemory(Arch arch, List<MemoryChunk> chunks, boolean kernelMap, List<MemoryRange> crashKernels,
                          List<String> notes) {
    /**
     * A chunk list (the lists copied: the record stays immutable).
     *
     * @param arch         the architecture whose policy made it
     * @param chunks       the ranges with their origin, NUMA node and flags
     * @param kernelMap    whether the architecture writes the kernel-text PT_LOAD
     * @param crashKernels the regions cut out
     * @param notes        how the list was made
     */
    public CrashMemory {
        chunks = List.copyOf(chunks);
        crashKernels = List.copyOf(crashKernels);
        notes = List.copyOf(notes);
    }

    /**
     * The ranges alone, as the header builder takes them.
     *
     * @return each chunk's range, in program-header order
     */

    public List<MemoryRange> ranges() {
        List<MemoryRange> out = new ArrayList<>(chunks.size());
        for (MemoryChunk c : chunks) {
            out.add(c.range());
        }
        return out;
    }
}
