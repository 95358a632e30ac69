package org.dtcore.capture;

import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * One entry of the e820 map a loader hands an x86 capture kernel (struct boot_e820_entry: address,
 * size, type), with the end inclusive as /sys/firmware/memmap prints it.
 *
 * @param range the entry's bytes
 * @param type  its type
 */
public record E820Entry(MemoryRange range, E820Type type) {
    /**
     * The entry as one line, in the words of /sys/firmware/memmap's start, end and type files.
     *
     * @return "START END TYPE", inclusive end in hex ("0x1000 0x9fbff System RAM")
     */

    public String line() {
        return Numbers.hex(range.start()) + " " + Numbers.hex(range.end()) + " " + type.text();
    }

    @Override
    public String toString() {
        return line();
    }
}
