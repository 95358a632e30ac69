package org.dtcore.memory;

import java.util.Optional;

/**
 * One line of /proc/iomem (SPEC §7): {@code start-end : name}, indented two spaces per level.
 *
 * @param range      the inclusive range the line gives
 * @param name       the resource name ("System RAM", "Crash kernel", "reserved", a device name ...)
 * @param depth      nesting level, 0 for top-level resources
 * @param parentName name of the enclosing resource; empty at depth 0
 * @param line       1-based line number in the text, for messages
 */
public record IomemEntry(MemoryRange range, String name, int depth, Optional<String> parentName, int line) {

    /**
     * Whether the entry is a top-level resource: only top-level "System RAM" is RAM (SPEC §7).
     *
     * @return true at depth 0
     */
    public boolean isTopLevel() {
        return depth == 0;
    }
}
