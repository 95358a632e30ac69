package org.dtcore.kdump;

import java.util.Optional;
import org.dtcore.memory.MemoryRange;

/**
 * One way a dump's head differs from what its loader would have written for the system root, in the
 * kernel's terms ({@link AuditPipeline}; docs/snapshot-audit.md lists each kind with its cause).
 *
 * @param kind     what differs
 * @param range    the physical range concerned, when there is one
 * @param origin   where the expectation comes from: the memory node and property or /proc/iomem line of the
 *                 RAM, the crash_notes file of a CPU, the "Crash kernel" line ... ("" when nothing narrower)
 * @param expected what the loader writes, in short ("" when it writes nothing there)
 * @param found    what the dump holds, in short ("" when it holds nothing there)
 * @param text     the whole finding, one sentence
 */
public record AuditFinding(Kind kind, Optional<MemoryRange> range, String origin, String expected, String found,
                           String text) {
    /**
     * A null range stands for empty, a null origin, expectation or finding for "".
     *
     * @param kind     what differs
     * @param range    the physical range concerned, when there is one
     * @param origin   where the expectation comes from: the memory node and property or /proc/iomem line of the
     *                 RAM, the crash_notes file of a CPU, the "Crash kernel" line ... ("" when nothing narrower)
     * @param expected what the loader writes, in short ("" when it writes nothing there)
     * @param found    what the dump holds, in short ("" when it holds nothing there)
     * @param text     the whole finding, one sentence
     */
    public AuditFinding {
        range = range == null ? Optional.empty() : range;
        origin = origin == null ? "" : origin;
        expected = expected == null ? "" : expected;
        found = found == null ? "" : found;
    }

    /** What differs. */
    public enum Kind {
        /** RAM the loader dumps is in no PT_LOAD of the dump */
        RAM_MISSING,
        /** a PT_LOAD covers memory that is not RAM on this system */
        NOT_RAM,
        /** a PT_LOAD covers the crash kernel's reservation, which the loader cuts out */
        CRASH_KERNEL_INCLUDED,
        /** a PT_LOAD covers RAM the loader's rules leave out of a dump (x86_64's first MiB ...) */
        RAM_LEFT_OUT_INCLUDED,
        /** two PT_LOADs cover the same memory */
        OVERLAP,
        /** a PT_LOAD covers the expected RAM with other fields (vaddr, offset, flags) or other boundaries */
        SEGMENT_DIFFERS,
        /** the same segments in another order */
        ORDER_DIFFERS,
        /** a possible CPU's crash note is not in the dump */
        CPU_NOTE_MISSING,
        /** a note the system shows no CPU (or vmcoreinfo) for */
        CPU_NOTE_EXTRA,
        /** a note at the expected address with another size or fields */
        NOTE_DIFFERS,
        /** the vmcoreinfo note is not in the dump */
        VMCOREINFO_MISSING,
        /** the loader writes a kernel-text PT_LOAD the dump lacks */
        KERNEL_TEXT_MISSING,
        /** the dump has a kernel-text PT_LOAD the loader does not write */
        KERNEL_TEXT_EXTRA,
        /** the kernel-text PT_LOAD is not the kernel's image */
        KERNEL_TEXT_WRONG,
        /** the vmcore's kernel (VMCOREINFO OSRELEASE) is not the system root's */
        RELEASE_DIFFERS,
        /** another kernel release's rules give this header, not the system root's release's */
        OTHER_RELEASE_RULES,
        /** an ELF header field (class, byte order, machine, e_flags, type) */
        HEADER_DIFFERS;

        /**
         * The kind as reports spell it.
         *
         * @return the constant's name in lower case, words joined by '-' ("ram-missing")
         */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** "kind-label: text", the line reports print. */
    @Override
    public String toString() {
        return kind.label() + ": " + text;
    }
}
