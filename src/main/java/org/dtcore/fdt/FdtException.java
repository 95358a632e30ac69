package org.dtcore.fdt;

import java.util.Optional;
import org.dtcore.DtcoreException;
import org.dtcore.text.Numbers;

/** A blob that breaks SPEC §1, or a property whose value does not have the shape asked for. */
public final class FdtException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures, after libfdt's FDT_ERR_* codes. */
    public enum Kind {
        /** fewer bytes than the header or a block claims (FDT_ERR_TRUNCATED) */
        TRUNCATED,
        /** magic is not 0xd00dfeed (FDT_ERR_BADMAGIC) */
        BAD_MAGIC,
        /** version outside 16..17 compatibility (FDT_ERR_BADVERSION) */
        BAD_VERSION,
        /** a header field or block placement is inconsistent (FDT_ERR_BADLAYOUT / BADOFFSET) */
        BAD_LAYOUT,
        /** a block or token is not aligned as the format demands */
        BAD_ALIGNMENT,
        /** memory reservation block malformed (no terminator, runs past its room) */
        BAD_RESERVATION,
        /** unknown token, unbalanced nodes, second root, named root, missing END (FDT_ERR_BADSTRUCTURE) */
        BAD_STRUCTURE,
        /** a property name offset or string that runs out of the strings block */
        BAD_STRING,
        /** a limit against hostile input was hit (depth, count) */
        LIMIT,
        /** a property value that does not decode as asked (length, cells, string) (FDT_ERR_BADVALUE) */
        BAD_VALUE,
        /** a tree whose blob would not fit 32-bit offsets (libfdt caps totalsize at INT_MAX) */
        TOO_LARGE,
        /** an edit names a node or property that is not there (FDT_ERR_NOTFOUND) */
        NOT_FOUND,
        /** an edit adds a node that is already there (FDT_ERR_EXISTS) */
        EXISTS,
        /** an edit names a path or name that cannot be written (FDT_ERR_BADPATH, FDT_ERR_BADNAME) */
        BAD_PATH,
        /** a phandle that is not one cell, or is 0 or 0xffffffff where a node is meant (FDT_ERR_BADPHANDLE) */
        BAD_PHANDLE,
        /** an overlay whose fragments or fixups are malformed (FDT_ERR_BADOVERLAY) */
        BAD_OVERLAY,
        /** renumbered overlay phandles would pass 0xfffffffe (FDT_ERR_NOPHANDLES) */
        NO_PHANDLES,
        /** a write past the end of a property (FDT_ERR_NOSPACE) */
        NO_SPACE,
        /** #address-cells or #size-cells that cannot be used (FDT_ERR_BADNCELLS) */
        BAD_NCELLS,
        /** a look-up in a node that is not there (FDT_ERR_BADOFFSET; libfdt 1.7 for a base without __symbols__) */
        BAD_OFFSET,
        /** a /proc/device-tree style folder that is not a tree (a link out, a special file, over a bound) */
        BAD_FOLDER;

        /**
         * libfdt's name for this kind (fdt_strerror), as fdtoverlay and U-Boot print it. Kinds libfdt
         * has no code for take the nearest: LIMIT and TOO_LARGE are FDT_ERR_NOSPACE, BAD_ALIGNMENT,
         * BAD_RESERVATION and BAD_STRING are FDT_ERR_BADLAYOUT / FDT_ERR_BADSTRUCTURE.
         *
         * @return the FDT_ERR_* name, such as {@code "FDT_ERR_BADOVERLAY"}
         */
        public String libfdtName() {
            return switch (this) {
                case TRUNCATED -> "FDT_ERR_TRUNCATED";
                case BAD_MAGIC -> "FDT_ERR_BADMAGIC";
                case BAD_VERSION -> "FDT_ERR_BADVERSION";
                case BAD_LAYOUT, BAD_ALIGNMENT, BAD_RESERVATION -> "FDT_ERR_BADLAYOUT";
                case BAD_STRUCTURE, BAD_STRING -> "FDT_ERR_BADSTRUCTURE";
                case LIMIT, TOO_LARGE, NO_SPACE -> "FDT_ERR_NOSPACE";
                case BAD_VALUE -> "FDT_ERR_BADVALUE";
                case NOT_FOUND -> "FDT_ERR_NOTFOUND";
                case EXISTS -> "FDT_ERR_EXISTS";
                case BAD_PATH -> "FDT_ERR_BADPATH";
                case BAD_PHANDLE -> "FDT_ERR_BADPHANDLE";
                case BAD_OVERLAY -> "FDT_ERR_BADOVERLAY";
                case NO_PHANDLES -> "FDT_ERR_NOPHANDLES";
                case BAD_NCELLS -> "FDT_ERR_BADNCELLS";
                case BAD_OFFSET -> "FDT_ERR_BADOFFSET";
                case BAD_FOLDER -> "FDT_ERR_BADSTRUCTURE";
            };
        }
    }

    private final Kind kind;
    private final long offset;
    private final String path;
    private final String overlay;

    private FdtException(Kind kind, long offset, String path, String message) {
        this(kind, offset, path, null, message);
    }

    private FdtException(Kind kind, long offset, String path, String overlay, String message) {
        super(message);
        this.kind = kind;
        this.offset = offset;
        this.path = path;
        this.overlay = overlay;
    }

    /**
     * An overlay that libfdt's fdt_overlay_apply would refuse: located by the overlay's name and the node
     * (its fragment first) at fault; the message starts with libfdt's error name. A {@link Kind#LIMIT} is
     * dtcore's own refusal (libfdt has no such limit), so its message names none.
     *
     * @param kind     what libfdt would have failed with
     * @param overlay  the overlay's name (its file name)
     * @param nodePath the node at fault, its fragment first ({@code /fragment@0/__overlay__/n})
     * @param message  what was wrong, without libfdt's error name
     * @return the failure, for the caller to throw
     */
    public static FdtException inOverlay(Kind kind, String overlay, String nodePath, String message) {
        return new FdtException(kind, -1, nodePath, overlay, kind == Kind.LIMIT ? message
                : kind.libfdtName() + ": " + message);
    }

    /**
     * This failure, located in an overlay as well: for a failure found in an overlay's own blob, or in a node
     * an overlay put into the tree.
     *
     * @param name the overlay's name (its file name)
     * @return a copy with the same kind, offset, path, message and stack trace
     */
    public FdtException inOverlay(String name) {
        FdtException e = new FdtException(kind, offset, path, name, detail());
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * The overlay this failure is in.
     *
     * @return the overlay's name; empty when the failure is in the base tree or a blob of its own
     */
    public Optional<String> overlay() {
        return Optional.ofNullable(overlay);
    }

    /**
     * A failure at a byte offset of a blob.
     *
     * @param kind    what was wrong
     * @param offset  the byte offset of the offending field or token, from the blob's start
     * @param message what was wrong there, with the values in hex
     * @return the failure, for the caller to throw
     */
    public static FdtException at(Kind kind, long offset, String message) {
        return new FdtException(kind, offset, null, message);
    }

    /**
     * A failure that belongs to no offset or path (a value handed to an encoder).
     *
     * @param kind    what was wrong
     * @param message what was wrong
     * @return the failure, for the caller to throw
     */
    public static FdtException of(Kind kind, String message) {
        return new FdtException(kind, -1, null, message);
    }

    /**
     * A failure at a node or property.
     *
     * @param kind    what was wrong
     * @param path    the node's path, or {@code node/property} ({@code /memory@0/reg})
     * @param message what was wrong there
     * @return the failure, for the caller to throw
     */
    public static FdtException atPath(Kind kind, String path, String message) {
        return new FdtException(kind, -1, path, message);
    }

    /**
     * What was wrong, for a caller that answers each kind in its own words.
     *
     * @return the kind, after libfdt's FDT_ERR_* codes
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Where in the blob the failure is.
     *
     * @return the byte offset from the blob's start; -1 when the failure is located by path or nowhere
     */
    public long offset() {
        return offset;
    }

    /**
     * Where in the tree the failure is.
     *
     * @return the node or property path; empty when the failure is located by offset or nowhere
     */
    public Optional<String> path() {
        return Optional.ofNullable(path);
    }

    @Override
    public String location() {
        if (overlay != null) {
            String in = path != null ? ", " + path : offset >= 0 ? ", offset " + Numbers.hex(offset) : "";
            return "overlay " + overlay + in;
        }
        if (path != null) {
            return path;
        }
        return offset >= 0 ? "offset " + Numbers.hex(offset) : "";
    }
}
