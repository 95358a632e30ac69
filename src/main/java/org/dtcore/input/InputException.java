package org.dtcore.input;

import org.dtcore.DtcoreException;

/** An input file that cannot be read within the bounds: names the file, and the line when there is one. */
public final class InputException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** What stopped the read. */
    public enum Kind {
        /** the path names nothing */
        NO_SUCH_FILE,
        /** the path names a folder where a file is wanted */
        FOLDER,
        /** a FIFO, socket or device: it could block forever or never end, so it is not opened */
        NOT_REGULAR,
        /** more bytes than the input's cap */
        TOO_LARGE,
        /** a text line longer than the line cap */
        LINE_TOO_LONG,
        /** a link that leads out of the folder it must stay in */
        OUTSIDE_ROOT,
        /** the operating system refused the read */
        UNREADABLE,
        /** an archive that is not a tar or tar.gz dtcore reads: a bad header, truncated, an unknown entry type */
        BAD_ARCHIVE
    }

    private final Kind kind;
    private final String where;

    InputException(Kind kind, String where, String message) {
        super(message);
        this.kind = kind;
        this.where = where == null ? "" : where;
    }

    /**
     * What stopped the read, for a caller that treats some failures apart (a missing optional file, say).
     *
     * @return the kind of failure; never null
     */
    public Kind kind() {
        return kind;
    }

    @Override
    public String location() {
        return where;
    }
}
