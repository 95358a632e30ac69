package org.dtcore.crash;

import org.dtcore.DtcoreException;

/** A crash-memory request that cannot be met: a bad --crashkernel, a region outside RAM, a full crash_mem. */
public final class CrashException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public CrashException(String where, String message) {
        super(message);
        this.where = where == null ? "" : where;
    }

    @Override
    public String location() {
        return where;
    }
}
