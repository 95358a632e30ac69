package org.dtcore.layout;

import org.dtcore.DtcoreException;

/**
 * An expectation file that cannot be read: named by the JSON field path at fault ({@code $.reserved[2].start},
 * its {@link #location()}),
 * so the CLI prints "FILE: $.reserved[2].start: 'x' is not a number".
 */
public final class ExpectationException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures. */
    public enum Kind {
        /** not JSON, not UTF-8, empty or too large */
        BAD_FILE,
        /** JSON whose field is missing, unknown, of the wrong type or an impossible value */
        BAD_FIELD
    }

    private final Kind kind;

    /**
     * A failure at {@code path}.
     *
     * @param kind    a bad file or a bad field
     * @param path    the JSON field path ({@code $.reserved[2].start}), optionally after "line L column C: ";
     *                "" for the file as a whole
     * @param message what was wrong, in the library's words
     */
    public ExpectationException(Kind kind, String path, String message) {
        super(path, message, null);
        this.kind = kind;
    }

    /**
     * A failure at {@code path}, caused by the JSON or text layer's failure.
     *
     * @param kind    a bad file or a bad field
     * @param path    the JSON field path ({@code $.reserved[2].start}), optionally after "line L column C: ";
     *                "" for the file as a whole
     * @param message what was wrong, in the library's words
     * @param cause   the failure underneath, or null
     */
    public ExpectationException(Kind kind, String path, String message, Throwable cause) {
        super(path, message, cause);
        this.kind = kind;
    }

    /**
     * A field that cannot be ({@link Kind#BAD_FIELD}), the kind most readers meet.
     *
     * @param path    the JSON field path ({@code $.reserved[2].start})
     * @param message what was wrong, in the library's words
     */
    public ExpectationException(String path, String message) {
        this(Kind.BAD_FIELD, path, message);
    }

    /**
     * Whether the file as a whole or one field is at fault.
     *
     * @return the failure's kind, never null
     */
    public Kind kind() {
        return kind;
    }
}
