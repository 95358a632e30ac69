package org.dtcore.layout;

import org.dtcore.DtcoreException;

/**
 * An expectation file that cannot be read: named by the JSON field path at fault ({@code $.reserved[2].start}),
 * so the CLI prints "FILE: $.reserved[2].start: 'x' is not a number".
 */
public final class ExpectationException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    private final String path;

    public ExpectationException(String path, String message) {
        super(message);
        this.path = path;
    }

    public ExpectationException(String path, String message, Throwable cause) {
        super(message, cause);
        this.path = path;
    }

    /** The JSON field path, e.g. {@code $.rules.crashkernelFits.size}. */
    @Override
    public String location() {
        return path;
    }
}
