package org.dtcore.capture;

import java.util.List;

/**
 * What a kdump loader hands an x86 capture kernel instead of a device tree (SPEC §11): an e820 map in its
 * boot parameters and words on its command line.
 *
 * @param bootParams     the e820 entries in the order the loader wrote them (zero page, then setup_data)
 * @param map            the map the capture kernel keeps of them: sorted, overlaps resolved, touching
 *                       entries of one type joined ({@link E820Table}); its /sys/firmware/memmap
 * @param commandLine    the words the loader adds to the capture kernel's command line, in order
 *                       ("elfcorehdr=0x6f000000"; kexec-tools' "elfcorehdr=2080116K", "memmap=..." ...)
 * @param elfCoreHeader  where the core header segment is
 * @param headerSegment  the bytes the map leaves out for it
 * @param notes          what the map relied on, for the user
 */
public record CaptureMemmap(List<E820Entry> bootParams, List<E820Entry> map, List<String> commandLine,
                            long elfCoreHeader, long headerSegment, List<String> notes) {
    /**
     * A capture memory map (the lists copied).
     *
     * @param bootParams    the e820 entries in the order the loader wrote them
     * @param map           the map the capture kernel keeps of them
     * @param commandLine   the words the loader adds to the command line, in order
     * @param elfCoreHeader where the core header segment is (physical address)
     * @param headerSegment the bytes the map leaves out for it
     * @param notes         what the map relied on
     */
    public CaptureMemmap {

        bootParams = List.copyOf(bootParams);
        map = List.copyOf(map);
        commandLine = List.copyOf(commandLine);
        notes = List.copyOf(notes);
    }
}
