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

    @Override
    public String location() {
        return where;
    }
}
