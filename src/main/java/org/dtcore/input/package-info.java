/**
 * Bytes from files, bounded: the one place every reader of dtcore gets its input from —
 * blobs, /proc/iomem, folder files, system-root files, kallsyms and System.map, context and expectation
 * files, core headers.
 *
 * <p>It sits below {@code fdt}, the lowest domain layer: reading a file under a size cap and a file-type
 * check is no device-tree knowledge, and putting it in {@code fdt} would make the ELF and layout readers
 * depend on the device-tree package only to open files. Every layer may import it; it imports none.
 */
package org.dtcore.input;
