package org.dtcore.cli;

/** A failure the CLI reports as one line on stderr with exit status 2 (SPEC §12). */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }

    CommandFailure(String message) {
        super(message);
    }
}
