package org.dtcore;

/**
 * Root of the one-exception-per-layer family (STYLE "From libfdt"). Every failure that leaves the
 * library is a subclass that says where it happened (a byte offset or a node path) and what was wrong,
 * so the CLI can print exactly one line for it.
 */
public abstract class DtcoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DtcoreException(String message) {
        super(message);
    }

    protected DtcoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Where the failure is: "offset 0x1f4", "/memory@0", "line 3", or "" when nothing narrower applies. */
    public abstract String location();

    /**
     * The one-line form the CLI prints after the file name: "offset 0x1f4: length ... runs past ...".
     * Node names, folder entries and input lines may hold control characters (a newline in an FDT node
     * name is legal), so those are escaped ({@link TerminalText#escape}): the result never spans lines.
     */
    public String oneLine() {
        String where = location();
        String msg = getMessage() == null ? getClass().getSimpleName() : getMessage();
        return TerminalText.escape(where.isEmpty() ? msg : where + ": " + msg);
    }
}
