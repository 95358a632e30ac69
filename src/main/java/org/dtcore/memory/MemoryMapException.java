package org.dtcore.memory;

import org.dtcore.DtcoreException;

/** A memory source that cannot be turned into a memory map: named by node path, file line or offset. */
public final class MemoryMapException extends DtcoreException {
    private static final long serialVersionUID = 1L;

    /** Named failures, one per kind of source. */
    public enum Kind {
        /** a tree property the scan needs is malformed (cells, reg, LMBs; SPEC §2–§5) */
        BAD_TREE,
        /** a crashkernel= in bootargs the kernel's parser would refuse (SPEC §6) */
        BAD_BOOTARGS,
        /** /proc/iomem text that is not what the kernel prints (SPEC §7) */
        BAD_IOMEM,
        /** an input that is none of blob, folder or iomem text, or cannot be read */
        BAD_SOURCE,
        /** a range of size 0, backwards, or past 2^64 (SPEC §0) */
        BAD_RANGE,
        /** scan options outside what they can be (a page size) */
        BAD_OPTIONS
    }

    private final Kind kind;

    /**
     * A failure at {@code where}.
     *
     * @param kind    what went wrong
     * @param where   the node path, file line or offset; empty when the caller adds the place
     * @param message what is wrong, without the place
     */
    public MemoryMapException(Kind kind, String where, String message) {
        super(where, message, null);
        this.kind = kind;
    }

    /**
     * A failure at {@code where}, caused by another.
     *
     * @param kind    what went wrong
     * @param where   the node path, file line or offset; empty when the caller adds the place
     * @param message what is wrong, without the place
     * @param cause   the failure this one words for the memory layer
     */
    public MemoryMapException(Kind kind, String where, String message, Throwable cause) {
        super(where, message, cause);
        this.kind = kind;
    }

    /**
     * A malformed tree, the kind most scan code meets.
     *
     * @param where   the node path
     * @param message what is wrong with it
     */
    public MemoryMapException(String where, String message) {
        this(Kind.BAD_TREE, where, message);
    }

    /**
     * What went wrong, for a caller that treats some kinds apart.
     *
     * @return the kind of failure
     */
    public Kind kind() {
        return kind;
    }

}
