package org.dtcore.kdump;

import java.nio.file.Path;
import org.dtcore.DtcoreException;

/** A kdump request that cannot be carried out: what is missing or unusable, and where. */
public final class KdumpException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures. */
    public enum Kind {
        /** no tree, folder or iomem to read memory from */
        NO_MEMORY_SOURCE,
        /** no crash kernel region anywhere (capture trees need one) */
        NO_CRASH_KERNEL,
        /** the memory map holds no RAM, so the dump would cover nothing */
        NO_RAM,
        /** a request value that cannot be used (a mode the architecture has not, a bad release) */
        BAD_REQUEST,
        /** an input file that cannot be read or decoded */
        INPUT
    }

    private final Kind kind;

    public KdumpException(Kind kind, String where, String message) {
        super(where, message, null);
        this.kind = kind;
    }

    public KdumpException(Kind kind, String where, String message, Throwable cause) {
        super(where, message, cause);
        this.kind = kind;
    }

    /** A failure of a lower layer while reading {@code file}: the file, then that failure's location. */
    static KdumpException in(Path file, DtcoreException e) {
        String inner = e.location();
        String name = file.toString();
        // a reader that already names the file (MemorySourceKind.detect does) is not prefixed twice
        String where = inner.isEmpty() ? name : inner.equals(name) || inner.startsWith(name + ": ") ? inner
                : name + ": " + inner;
        return new KdumpException(Kind.INPUT, where, e.getMessage(), e);
    }

    public Kind kind() {
        return kind;
    }

}
