package org.dtcore.context;

import java.nio.file.Path;
import org.dtcore.DtcoreException;
import org.dtcore.Wording;

/** A context input (option, JSON file, system-root file) that cannot be used; names the file and line or field. */
public final class ContextException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures. */
    public enum Kind {
        /** something a header needs that no source gave (a CPU note, the vmcoreinfo address; SPEC §10) */
        MISSING,
        /** a value given that cannot be (a VA_BITS, a page size, a CPU twice, a number) */
        BAD_VALUE,
        /** a context file or system-root file whose content is not what it must be */
        BAD_FILE,
        /** a file that cannot be read at all (missing, a FIFO, too large) */
        UNREADABLE,
        /** a lower layer's failure (tree, iomem) while reading a file of the system root */
        IN_FILE
    }

    private final Kind kind;

    /**
     * A context failure.
     *
     * @param kind    what went wrong
     * @param where   the file with its line, the option or the field path the failure is at
     * @param message what was wrong, in the library's words
     */
    public ContextException(Kind kind, String where, String message) {
        this(kind, where, Wording.of(message), null);
    }

    /**
     * As above, keeping the lower layer's failure (a tree or iomem error) as the cause.
     *
     * @param kind    what went wrong
     * @param where   the file with its line, the option or the field path the failure is at
     * @param message what was wrong
     * @param cause   the lower layer's failure
     */
    public ContextException(Kind kind, String where, String message, Throwable cause) {
        this(kind, where, Wording.of(message), cause);
    }

    /**
     * As above, the message naming inputs a caller can give ({@link Wording}).
     *
     * @param kind    what went wrong
     * @param where   the file with its line, the option or the field path the failure is at
     * @param message what was wrong and which input would supply or fix it
     */
    public ContextException(Kind kind, String where, Wording message) {
        this(kind, where, message, null);
    }

    /**
     * The general form: a kind, a place, a message that may name inputs, and a cause.
     *
     * @param kind    what went wrong
     * @param where   the file with its line, the option or the field path the failure is at
     * @param message what was wrong and which input would supply or fix it
     * @param cause   the lower layer's failure, or null when there is none
     */
    public ContextException(Kind kind, String where, Wording message, Throwable cause) {
        super(where, message, cause);
        this.kind = kind;
    }

    /**
     * A value that cannot be ({@link Kind#BAD_VALUE}), the kind most context code meets.
     *
     * @param where   the option, file or field that gave the value
     * @param message what is wrong with it
     */
    public ContextException(String where, String message) {
        this(Kind.BAD_VALUE, where, message);
    }

    /**
     * A failure of another layer while reading a file of the system root.
     *
     * @param file the file being read
     * @param e    the lower layer's failure
     * @return an {@link Kind#IN_FILE} failure at the file, then that failure's own location
     */
    public static ContextException in(Path file, DtcoreException e) {
        return in(file.toString(), e);
    }

    /**
     * As above, the file named as messages name it.
     *
     * @param name the file as messages name it ({@code ARCHIVE:ENTRY} inside an archive)
     * @param e    the lower layer's failure
     * @return an {@link Kind#IN_FILE} failure at the file, then that failure's own location (the file is not
     *         named twice when the failure already starts with it)
     */
    public static ContextException in(String name, DtcoreException e) {
        String inner = e.location();
        // an input failure (InputException) already names the file: do not name it twice
        String where = inner.isEmpty() ? name : inner.startsWith(name) ? inner : name + ": " + inner;
        return new ContextException(Kind.IN_FILE, where, e.wording(), e);
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
