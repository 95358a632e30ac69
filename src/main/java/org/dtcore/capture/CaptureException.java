package org.dtcore.capture;

import org.dtcore.DtcoreException;

/**
 * A capture tree the kernel would refuse to build (SPEC §11): its kexec load fails the same way, so dtcore
 * says why and where instead of writing a tree no kernel makes.
 */
public final class CaptureException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures. */
    public enum Kind {
        /** a request value the kernel cannot hold (no crash kernel, a segment of size 0, a missing input) */
        BAD_REQUEST,
        /** the booted tree lacks or garbles what the loader reads (initrd-end, /cpus, /rtas, LMBs) */
        BAD_TREE,
        /** a value does not fit the cells the tree gives it */
        BAD_VALUE,
        /** a tree that would need more than dtcore allows itself to build */
        LIMIT
    }

    private final Kind kind;

    /**
     * A load the kernel would refuse.
     *
     * @param kind    what is wrong
     * @param where   the node path, property or request value at fault
     * @param message what is wrong with it, in the library's words
     */
    public CaptureException(Kind kind, String where, String message) {
        super(where, message, null);
        this.kind = kind;
    }

    /**
     * As above, keeping the lower layer's failure (a tree error) as the cause.
     *
     * @param kind    what is wrong
     * @param where   the node path, property or request value at fault
     * @param message what is wrong with it
     * @param cause   the lower layer's failure
     */
    public CaptureException(Kind kind, String where, String message, Throwable cause) {
        super(where, message, cause);
        this.kind = kind;
    }

    /**
     * What went wrong, for callers that act on the kind rather than the text.
     *
     * @return the failure's kind
     */
    public Kind kind() {

        return kind;
    }

}
