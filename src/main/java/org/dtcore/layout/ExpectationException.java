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

    public ExpectationException(Kind kind, String path, String message) {
        super(path, message, null);
        this.kind = kind;
    }

    public ExpectationException(Kind kind, String path, String message, Throwable cause) {
        super(path, message, cause);
        this.kind = kind;
    }

    /** A field that cannot be, the kind most readers meet. */
    public ExpectationException(String path, String message) {
        this(Kind.BAD_FIELD, path, message);
    }

    public Kind kind() {
        return kind;
    }
}
