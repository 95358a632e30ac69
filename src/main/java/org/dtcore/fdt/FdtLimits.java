package org.dtcore.fdt;

/**
 * Bounds the parser puts on hostile input (SPEC §1 "Limits against hostile input"). Hitting one is an
 * {@link FdtException.Kind#LIMIT} error naming the node and offset; raise a limit for a blob that
 * legitimately needs more.
 *
 * @param maxDepth      node nesting levels, the root counting as level 1 (libfdt has no cap; Linux's
 *                      unflattener stops at 64, so a deeper tree would not boot as written)
 * @param maxNodes      nodes in the whole tree
 * @param maxProperties properties in the whole tree
 * @param maxNameLength bytes in one node or property name. Every node stores its full path as a string,
 *                      so long names nested deep would make the tree quadratically larger than the blob.
 * @param maxPathLength characters in one node path, for the same reason
 */
public record FdtLimits(int maxDepth, int maxNodes, int maxProperties, int maxNameLength, int maxPathLength) {

    /** 64 levels; a million nodes and properties; names up to 1 KiB and paths up to 4 Ki characters. */
    public static final FdtLimits DEFAULT = new FdtLimits(64, 1_000_000, 1_000_000);

    private static final int DEFAULT_MAX_NAME_LENGTH = 1024;
    private static final int DEFAULT_MAX_PATH_LENGTH = 4096;

    /**
     * Checks that each limit allows a tree at all.
     *
     * @param maxDepth      node nesting levels, at least 1 (the root)
     * @param maxNodes      nodes in the whole tree, at least 1
     * @param maxProperties properties in the whole tree, 0 or more
     * @param maxNameLength bytes in one node or property name, at least 1
     * @param maxPathLength characters in one node path, at least 1
     * @throws IllegalArgumentException when a limit is below its least
     */
    public FdtLimits {
        if (maxDepth < 1 || maxNodes < 1 || maxProperties < 0 || maxNameLength < 1 || maxPathLength < 1) {
            throw new IllegalArgumentException("FDT limits out of range: " + maxDepth + ", " + maxNodes
                    + ", " + maxProperties + ", " + maxNameLength + ", " + maxPathLength);
        }
    }

    /**
     * Limits on depth and counts, with the default name and path lengths (1 KiB, 4 Ki characters).
     *
     * @param maxDepth      node nesting levels, the root counting as level 1
     * @param maxNodes      nodes in the whole tree
     * @param maxProperties properties in the whole tree
     */
    public FdtLimits(int maxDepth, int maxNodes, int maxProperties) {
        this(maxDepth, maxNodes, maxProperties, DEFAULT_MAX_NAME_LENGTH, DEFAULT_MAX_PATH_LENGTH);
    }

    /**
     * These limits with another depth cap.
     *
     * @param depth node nesting levels, the root counting as level 1
     * @return a copy with only the depth changed
     */
    public FdtLimits withMaxDepth(int depth) {
        return new FdtLimits(depth, maxNodes, maxProperties, maxNameLength, maxPathLength);
    }
}
