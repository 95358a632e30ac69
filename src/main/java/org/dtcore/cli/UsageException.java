package org.dtcore.cli;

/**
 * A command line that cannot run as written: an unknown option, a missing or malformed value, options that
 * exclude each other. Printed as one line plus the hint to --help, exit status 2 (SPEC §12).
 */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
