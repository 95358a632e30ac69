package org.dtcore.fdt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dtcore.text.Numbers;

/**
 * A board's tree as the boot loader hands it to Linux rather than as the kernel tree builds it: the
 * overlays applied in order ({@link OverlayApplier}, as U-Boot applies a FIT configuration's overlays
 * when it loads the tree), then the DRAM banks written ({@link MemoryBankFixup}, as U-Boot's
 * arch_fixup_fdt does later, in image_setup_libfdt). Both steps are optional; {@link #NONE} leaves the
 * tree as it is.
 *
 * @param memoryBanks the banks, in order (none: the tree's own memory nodes stand)
 * @param overlays    the overlays, applied in order
 * @param bankOrigin  where the banks came from, for the warning ("the command line (--memory)")
 * @param libfdt      whose fdt_overlay_apply the overlays follow (default: dtc 1.7's, as U-Boot and
 *                    Linux's own build carry it)
 */
public record BootLoaderView(List<RegEntry> memoryBanks, List<Overlay> overlays, String bankOrigin,
                             LibfdtVersion libfdt) {

    /** How the warning that overlays were applied begins. */
    public static final String OVERLAYS_APPLIED = "the tree is the board's with ";

    /** No overlays, no banks. */
    public static final BootLoaderView NONE = new BootLoaderView(List.of(), List.of(), "the caller",
            LibfdtVersion.DTC_1_7);

    /**
     * An overlay blob and the name its errors and warnings use.
     *
     * @param name the overlay's name, its file name when read from one
     * @param tree the overlay as parsed (a {@code .dtbo} built with {@code dtc -@})
     */
    public record Overlay(String name, DeviceTree tree) {
        /**
         * Reads an overlay blob.
         *
         * @param file the {@code .dtbo} file
         * @return the overlay, named by the file's path
         * @throws IOException  when the file cannot be read
         * @throws FdtException for a bad blob, naming the overlay
         */
        public static Overlay read(Path file) throws IOException {
            String name = String.valueOf(file);
            try {
                return new Overlay(name, FdtParser.read(file));
            } catch (FdtException e) {
                throw e.inOverlay(name);
            }
        }
    }

    /**
     * The tree after the boot loader's edits, a warning for each edit, and which overlay put each node or
     * property it added or set there (by path), so that a later error in one can name the overlay.
     *
     * @param tree         the tree Linux would be handed
     * @param warnings     one line per edit, in the order they were made; empty when nothing was edited
     * @param overlayPaths the overlay's name by the path of each node it added and property it set
     */
    public record Applied(DeviceTree tree, List<String> warnings, Map<String, String> overlayPaths) {
        /**
         * Keeps unmodifiable copies of the warnings and paths.
         *
         * @param tree         the tree Linux would be handed
         * @param warnings     one line per edit
         * @param overlayPaths the overlay's name by the path of each node it added and property it set
         */
        public Applied {
            warnings = List.copyOf(warnings);
            overlayPaths = Map.copyOf(overlayPaths);
        }

        /**
         * A result that no overlay made, so names no overlay.
         *
         * @param tree     the tree Linux would be handed
         * @param warnings one line per edit
         */
        public Applied(DeviceTree tree, List<String> warnings) {
            this(tree, warnings, Map.of());
        }

        /**
         * The overlay that added the node at {@code location} (a node or property path, as errors give
         * them) or set the property there; empty when the base's own.
         *
         * @param location a node or property path, such as an {@link FdtException}'s
         * @return the overlay's name; empty when the node or property is the base's own
         */
        public Optional<String> overlayAt(String location) {
            String by = overlayPaths.get(location);
            if (by == null && location.startsWith("/")) {
                int slash = location.lastIndexOf('/');
                String node = slash == 0 ? "/" : location.substring(0, slash);
                String parent = overlayPaths.get(node);
                // a property of a node an overlay added; a node's own property set is keyed by its path
                by = parent != null && !location.equals("/") ? parent : null;
            }
            return Optional.ofNullable(by);
        }
    }

    /**
     * Keeps unmodifiable copies of the banks and overlays.
     *
     * @param memoryBanks the banks, in order (none: the tree's own memory nodes stand)
     * @param overlays    the overlays, applied in order
     * @param bankOrigin  where the banks came from, for the warning
     * @param libfdt      whose fdt_overlay_apply the overlays follow
     */
    public BootLoaderView {
        memoryBanks = List.copyOf(memoryBanks);
        overlays = List.copyOf(overlays);
    }

    /**
     * This view with one more DRAM bank after the others, as U-Boot's gd-&gt;bd-&gt;bi_dram[] lists them.
     *
     * @param start the bank's first byte
     * @param size  the bank's length in bytes
     * @return a new view; this one is unchanged
     */
    public BootLoaderView withMemoryBank(long start, long size) {
        List<RegEntry> banks = new ArrayList<>(memoryBanks);
        banks.add(new RegEntry(start, size));
        return new BootLoaderView(banks, overlays, bankOrigin, libfdt);
    }

    /**
     * This view with one more overlay, read now, applied after the others.
     *
     * @param file the {@code .dtbo} file
     * @return a new view; this one is unchanged
     * @throws IOException  when the file cannot be read
     * @throws FdtException for a bad blob, naming the overlay
     */
    public BootLoaderView withOverlay(Path file) throws IOException {
        return withOverlay(Overlay.read(file));
    }

    /**
     * This view with one more overlay, applied after the others.
     *
     * @param overlay the overlay, already read
     * @return a new view; this one is unchanged
     */
    public BootLoaderView withOverlay(Overlay overlay) {
        List<Overlay> list = new ArrayList<>(overlays);
        list.add(overlay);
        return new BootLoaderView(memoryBanks, list, bankOrigin, libfdt);
    }

    /**
     * This view, saying where its banks came from.
     *
     * @param origin the banks' source as the warning names it ("the command line (--memory)")
     * @return a new view; this one is unchanged
     */
    public BootLoaderView withBankOrigin(String origin) {
        return new BootLoaderView(memoryBanks, overlays, origin, libfdt);
    }

    /**
     * This view, applying overlays as another libfdt does.
     *
     * @param version whose fdt_overlay_apply to follow
     * @return a new view; this one is unchanged
     */
    public BootLoaderView withLibfdt(LibfdtVersion version) {
        return new BootLoaderView(memoryBanks, overlays, bankOrigin, version);
    }

    /**
     * Whether applying this view would leave a tree as it is.
     *
     * @return true when it has no banks and no overlays
     */
    public boolean isEmpty() {
        return memoryBanks.isEmpty() && overlays.isEmpty();
    }

    /**
     * A board's tree with the overlays applied and the banks written, in the boot loader's order.
     *
     * @param tree the board's tree as built (its .dtb)
     * @return the edited tree, its warnings, and which overlay made each change
     * @throws FdtException when an overlay does not apply (naming it), or the banks cannot be written
     */
    public Applied apply(DeviceTree tree) {
        List<String> warnings = new ArrayList<>();
        DeviceTree at = tree;
        Map<String, String> byOverlay = new HashMap<>();
        for (Overlay o : overlays) {
            OverlayApplier.Result r = OverlayApplier.applyTracked(at, o.tree(), o.name(), libfdt, FdtLimits.DEFAULT);
            at = r.tree();
            for (String p : r.addedNodes()) {
                byOverlay.put(p, o.name());
            }
            for (String p : r.setProperties()) {
                byOverlay.put(p, o.name());
            }
        }
        if (!overlays.isEmpty()) {
            warnings.add(OVERLAYS_APPLIED + String.join(", ", overlays.stream().map(Overlay::name).toList())
                    + " applied as libfdt " + libfdt.label() + "'s fdt_overlay_apply does");
        }
        if (!memoryBanks.isEmpty()) {
            MemoryBankFixup.Result r = MemoryBankFixup.apply(at, memoryBanks);
            at = r.tree();
            List<String> banks = new ArrayList<>();
            for (RegEntry b : memoryBanks) {
                banks.add(Numbers.hex(b.address()) + "+" + Numbers.hex(b.size()));
            }
            warnings.add("RAM banks " + String.join(", ", banks) + " come from " + bankOrigin
                    + ", not from the tree: written to " + r.node() + " as U-Boot's fdt_fixup_memory_banks does");
            if (r.defaultCells()) {
                warnings.add("the root has no #address-cells or #size-cells: U-Boot packs the banks in libfdt's"
                        + " defaults (2 and 1 cells), but Linux reads such a root as 1 and 1 (SPEC §2)");
            }
            for (String other : r.otherMemoryNodes()) {
                warnings.add(other + " is left as it is (U-Boot rewrites only the first memory node);"
                        + " Linux reads its RAM too");
            }
        }
        return new Applied(at, warnings, byOverlay);
    }
}
