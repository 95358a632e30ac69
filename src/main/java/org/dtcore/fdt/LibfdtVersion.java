package org.dtcore.fdt;

import java.util.Optional;

/**
 * Which libfdt's fdt_overlay_apply {@link OverlayApplier} follows. They differ on real overlays: of
 * Linux 6.12's 129 overlay pairings, 41 give another tree (docs/boot-loader.md).
 */
public enum LibfdtVersion {
    /**
     * dtc 1.6.x (Debian 12's {@code fdtoverlay}): an overlay node merged into a base node that has a
     * phandle gives it the overlay's, so base references to that node dangle.
     */
    DTC_1_6("1.6"),
    /**
     * dtc 1.7.1 and later, as U-Boot (scripts/dtc, 1.7.2) and Linux's own scripts/dtc (6.12) carry it:
     * overlay_prevent_phandle_overwrite keeps the base node's phandle and points the overlay's
     * references to it there; a base without __symbols__ meets a fixup with FDT_ERR_BADOFFSET.
     */
    DTC_1_7("1.7");

    private final String label;

    LibfdtVersion(String label) {
        this.label = label;
    }

    /**
     * The version's short name, as expectation files and the command line write it.
     *
     * @return "1.6" or "1.7"
     */
    public String label() {
        return label;
    }

    /**
     * The version a short name names.
     *
     * @param label "1.6" or "1.7", exactly
     * @return that version; empty for any other text
     */
    public static Optional<LibfdtVersion> of(String label) {
        for (LibfdtVersion v : values()) {
            if (v.label.equals(label)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
