package org.dtcore.kdump;

import java.nio.file.Path;
import org.dtcore.DtcoreException;
import org.dtcore.Wording;

/** A kdump request that cannot be carried out: what is missing or unusable, and where. */
public final class KdumpException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures. */
    public enum Kind {
        /** no tree, folder or iomem to read memory from */
        NO_MEMORY_SOURCE,
        /** no crash kernel region anywhere (capture trees need one) */
        NO_CRASH_KERNEL,
        /** the memory map holds no RAM, so the dump would cover nothing */
        NO_RAM,
        /** a request value that cannot be used (a mode the architecture has not, a bad release) */
        BAD_REQUEST,
        /** an input file that cannot be read or decoded */
        INPUT,
        /** a file read without the right to see addresses: every one shows as 0 (not root, kptr_restrict) */
        HIDDEN_ADDRESSES,
        /** a kernel built without kexec crash support: no crash notes, no crash kernel size */
        NO_CRASH_SUPPORT,
        /** an output that cannot be written where it was asked for */
        OUTPUT
    }

    private final Kind kind;

    /**
     * A failure at {@code where}.
     *
     * @param kind    which failure
     * @param where   the file, folder or value concerned ("" for the request as a whole)
     * @param message what was wrong, in the library's words
     */
    public KdumpException(Kind kind, String where, String message) {
        this(kind, where, Wording.of(message), null);
    }

    /**
     * A failure at {@code where}, caused by a lower layer's failure.
     *
     * @param kind    which failure
     * @param where   the file, folder or value concerned ("" for the request as a whole)
     * @param message what was wrong, in the library's words
     * @param cause   the failure underneath, or null
     */
    public KdumpException(Kind kind, String where, String message, Throwable cause) {
        this(kind, where, Wording.of(message), cause);
    }

    /**
     * A failure at {@code where} whose message names inputs a caller can give ({@link Wording}), so that a
     * front end can say them in its own terms.
     *
     * @param kind    which failure
     * @param where   the file, folder or value concerned ("" for the request as a whole)
     * @param message what was wrong, naming the inputs a caller can give
     */
    public KdumpException(Kind kind, String where, Wording message) {
        this(kind, where, message, null);
    }

    /**
     * As {@link #KdumpException(Kind, String, Wording)}, keeping the lower layer's failure as the cause.
     *
     * @param kind    which failure
     * @param where   the file, folder or value concerned ("" for the request as a whole)
     * @param message what was wrong, naming the inputs a caller can give
     * @param cause   the failure underneath, or null
     */
    public KdumpException(Kind kind, String where, Wording message, Throwable cause) {
        super(where, message, cause);
        this.kind = kind;
    }

    /** A failure of a lower layer while reading {@code file}: the file, then that failure's location. */
    static KdumpException in(Path file, DtcoreException e) {
        return in(file.toString(), e);
    }

    /** As above, the file named as messages name it. */
    static KdumpException in(String name, DtcoreException e) {
        String inner = e.location();
        // a reader that already names the file (MemorySourceKind.detect does) is not prefixed twice
        String where = inner.isEmpty() ? name : inner.equals(name) || inner.startsWith(name + ": ") ? inner
                : name + ": " + inner;
        return new KdumpException(Kind.INPUT, where, e.wording(), e);
    }

    /**
     * Which failure this is, for callers that act on it (a CI job that tolerates {@link Kind#NO_CRASH_KERNEL}).
     *
     * @return the failure's kind, never null
     */
    public Kind kind() {
        return kind;
    }

}
