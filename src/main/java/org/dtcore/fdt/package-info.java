/**
 * Device-tree blobs and trees (SPEC §1, §2): a blob ↔ tree in both directions, in libfdt's layers and with
 * its names.
 *
 * <ul>
 * <li>Reading: {@link org.dtcore.fdt.FdtParser} checks the header, then walks the reservation and structure
 * blocks, bounded by {@link org.dtcore.fdt.FdtLimits}; {@link org.dtcore.fdt.DeviceTreeFolder} reads a
 * /proc/device-tree folder into the same {@link org.dtcore.fdt.DeviceTree}; {@link org.dtcore.fdt.SystemTree}
 * finds either in a system root.</li>
 * <li>Values: {@link org.dtcore.fdt.FdtProperty} decodes, {@link org.dtcore.fdt.Cells} is the one reader of
 * cell counts and {@code reg} tuples (libfdt's fdt_addresses.c), {@link org.dtcore.fdt.PropertyValues}
 * encodes.</li>
 * <li>Writing: {@link org.dtcore.fdt.TreeEditor} edits a copy, {@link org.dtcore.fdt.FdtWriter} writes the
 * blob as {@code dtc -O dtb} would; {@link org.dtcore.fdt.OverlayApplier} applies an overlay as libfdt's
 * fdt_overlay_apply does, and {@link org.dtcore.fdt.BootLoaderView} does what a boot loader does to a
 * board's tree before Linux sees it.</li>
 * </ul>
 * Every failure is an {@link org.dtcore.fdt.FdtException} with a kind after libfdt's FDT_ERR_* codes and the
 * byte offset or node path at fault. Trees and nodes are immutable; no public method returns null.
 */
package org.dtcore.fdt;
