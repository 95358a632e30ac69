package org.dtcore.cli;

/**
 * The command line's one failure (STYLE: one exception type per layer, with a kind): printed as one line
 * on stderr with exit status 2 (SPEC §12); a {@link Kind#USAGE} failure adds the hint to --help.
 */
final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    enum Kind {
        /** The command line cannot run as written: an unknown option, a missing or malformed value. */
        USAGE,
        /** An input, an output or the work on them failed. */
        FAILED
    }

    private final Kind kind;

    CommandFailure(String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.FAILED;
    }

    CommandFailure(String message) {
        super(message);
        this.kind = Kind.FAILED;
    }

    private CommandFailure(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    /** A command line that cannot run as written. */
    static CommandFailure usage(String message) {
        return new CommandFailure(Kind.USAGE, message);
    }

    Kind kind() {
        return kind;
    }

    /** The same failure said in other words (same kind, same cause). */
    CommandFailure reworded(String message) {
        CommandFailure f = kind == Kind.USAGE ? usage(message) : new CommandFailure(message, getCause());
        f.setStackTrace(getStackTrace());
        return f;
    }
}
