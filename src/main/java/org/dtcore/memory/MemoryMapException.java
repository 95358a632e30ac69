package org.dtcore.memory;

import org.dtcore.DtcoreException;

/** A memory source that cannot be turned into a memory map: named by node path, file line or offset. */
public final class MemoryMapException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    private final String where;

    public MemoryMapException(String where, String message) {
        super(message);
        this.where = where == null ? "" : where;
    }

    public MemoryMapException(String where, String message, Throwable cause) {
        super(message, cause);
        this.where = where == null ? "" : where;
    }

    @Override
    public String location() {
        return where;
    }
}
