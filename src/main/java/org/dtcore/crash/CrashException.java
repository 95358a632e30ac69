package org.dtcore.crash;

import org.dtcore.DtcoreException;
import org.dtcore.Wording;

/** A crash-memory request that cannot be met: a bad --crashkernel, a region outside RAM, a full crash_mem. */
public final class CrashException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures. */
    public enum Kind {
        /** a crash kernel region given by the user that names no place or is not a range */
        BAD_CRASHKERNEL,
        /** crash_mem has no room for one more range: the kernel fails the same load with -ENOMEM (SPEC §8) */
        CAPACITY,
        /** a crash_mem used against its contract (unsorted ranges, a negative capacity, no such index) */
        MISUSE,
        /** what the loader (kexec-tools, SPEC §9) refuses for this board: its own checks fail the load */
        LOADER_REFUSES
    }

    private final Kind kind;

    /**
     * A crash-memory failure.
     *
     * @param kind    what went wrong
     * @param where   the region, file or node the failure is at
     * @param message what was wrong, in the library's words
     */
    public CrashException(Kind kind, String where, String message) {
        this(kind, where, Wording.of(message));
    }

    /**
     * As above, the message naming inputs a caller can give ({@link Wording}).
     *
     * @param kind    what went wrong
     * @param where   the region, file or node the failure is at
     * @param message what was wrong and which input would fix it
     */
    public CrashException(Kind kind, String where, Wording message) {
        super(where, message, null);
        this.kind = kind;
    }

    /**
     * A loader's refusal ({@link Kind#LOADER_REFUSES}), the kind the kexec-tools models meet.
     *
     * @param where   the range or file the loader refuses
     * @param message what the loader's own check says
     */
    public CrashException(String where, String message) {
        this(Kind.LOADER_REFUSES, where, message);
    }

    /**
     * What went wrong, for callers that act on the kind rather than the text.
     *
     * @return the failure's kind
     */
    public Kind kind() {

        return kind;
    }

}
