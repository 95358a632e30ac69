package org.dtcore.context;

import org.dtcore.DtcoreException;

/** A context input (option, JSON file, system-root file) that cannot be used; names the file and line or field. */
public final class ContextException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public ContextException(String where, String message) {
        super(message);
        this.where = where == null ? "" : where;
    }

    /** As above, keeping the lower layer's failure (a tree or iomem error) as the cause. */
    public ContextException(String where, String message, Throwable cause) {
        super(message, cause);
        this.where = where == null ? "" : where;
    }

    /** A failure of another layer while reading {@code file}: the file, then that failure's location. */
    public static ContextException in(java.nio.file.Path file, DtcoreException e) {
        String inner = e.location();
        String name = file.toString();
        // an input failure (InputException) already names the file: do not name it twice
        String where = inner.isEmpty() ? name : inner.startsWith(name) ? inner : name + ": " + inner;
        return new ContextException(where, e.getMessage(), e);
    }

    @Override
    public String location() {
        return where;
    }
}
