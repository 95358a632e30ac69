package org.dtcore.fdt;

import java.util.Locale;
import org.dtcore.DtcoreException;

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
        BAD_PATH
    }

    private final Kind kind;
    private final long offset;
    private final String path;

    private FdtException(Kind kind, long offset, String path, String message) {
        super(message);
        this.kind = kind;
        this.offset = offset;
        this.path = path;
    }

    /** A failure at a byte offset of the blob. */
    public static FdtException at(Kind kind, long offset, String message) {
        return new FdtException(kind, offset, null, message);
    }

    /** A failure that belongs to no offset or path (a value handed to an encoder). */
    public static FdtException of(Kind kind, String message) {
        return new FdtException(kind, -1, null, message);
    }

    /** A failure at a node (or node/property) path. */
    public static FdtException atPath(Kind kind, String path, String message) {
        return new FdtException(kind, -1, path, message);
    }

    public Kind kind() {
        return kind;
    }

    /** The byte offset in the blob, or -1 when the failure is located by path. */
    public long offset() {
        return offset;
    }

    /** The node or property path, or null when the failure is located by offset. */
    public String path() {
        return path;
    }

    @Override
    public String location() {
        if (path != null) {
            return path;
        }
        return offset >= 0 ? String.format(Locale.ROOT,"offset 0x%x", offset) : "";
    }
}
