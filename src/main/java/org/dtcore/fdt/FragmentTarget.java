package org.dtcore.fdt;

import static org.dtcore.fdt.FdtException.Kind.BAD_OVERLAY;
import static org.dtcore.fdt.FdtException.Kind.BAD_PHANDLE;
import static org.dtcore.fdt.FdtException.Kind.NOT_FOUND;

import java.nio.ByteBuffer;
import org.dtcore.text.Numbers;

/**
 * The base node an overlay fragment targets, found as libfdt's overlay_get_target
 * (fdt_overlay_target_offset in dtc 1.7) finds it: {@code target} (a phandle; 0 counts as absent, not
 * one cell or 0xffffffff is FDT_ERR_BADPHANDLE), else {@code target-path} (a path or alias), else
 * FDT_ERR_BADOVERLAY.
 *
 * @param node  the target, or null when not found
 * @param path  the target-path it was named by, null for a phandle
 * @param error libfdt's error when not found
 * @param why   what was wrong, for the message
 */
record FragmentTarget(DraftNode node, String path, FdtException.Kind error, String why) {

    static FragmentTarget of(PhandleIndex base, DraftNode baseRoot, ChildIndexes children, DraftNode fragment) {
        byte[] phandle = LibfdtLookup.value(fragment, "target");
        long ph = 0;
        if (phandle != null) {
            ph = phandle.length == 4 ? Integer.toUnsignedLong(ByteBuffer.wrap(phandle).getInt()) : -1;
            if (ph == -1 || ph == 0xffff_ffffL) {
                return failed(BAD_PHANDLE, "target is not one valid phandle (" + phandle.length + " bytes)");
            }
        }
        if (ph != 0) {
            DraftNode n = base.find(ph);
            return n == null ? failed(NOT_FOUND, "no base node has phandle " + Numbers.hex(ph))
                    : new FragmentTarget(n, null, null, null);
        }
        byte[] path = LibfdtLookup.value(fragment, "target-path");
        if (path == null) {
            return failed(BAD_OVERLAY, "fragment has __overlay__ but no target or target-path");
        }
        String p = LibfdtLookup.cString(path, 0);
        LibfdtLookup.Found found = LibfdtLookup.path(baseRoot, p, children);
        return found.ok() ? new FragmentTarget(found.node(), p, null, null)
                : failed(found.error(), "target-path " + p + " is not in the base");
    }

    private static FragmentTarget failed(FdtException.Kind kind, String why) {
        return new FragmentTarget(null, null, kind, why);
    }

    /** The target node, or the failure as an exception naming the overlay and fragment. */
    DraftNode require(String overlayName, DraftNode fragment) {
        if (node == null) {
            throw FdtException.inOverlay(error, overlayName, fragment.path, why);
        }
        return node;
    }
}
