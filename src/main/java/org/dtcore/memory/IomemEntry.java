package org.dtcore.memory;

/**
 * One line of /proc/iomem (SPEC §7): {@code start-end : name}, indented two spaces per level.
 *
 * @param range      the inclusive range the line gives
 * @param name       the resource name ("System RAM", "Crash kernel", "reserved", a device name ...)
 * @param depth      nesting level, 0 for top-level resources
 * @param parentName name of the enclosing resource, or null at depth 0
 * @param line       1-based line number in the text, for messages
 */
public record IomemEntry(MemoryRange range, String name, int depth, String parentName, int line) {

    public boolean isTopLevel() {
        return depth == 0;
    }
}
