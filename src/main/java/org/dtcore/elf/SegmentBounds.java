package org.dtcore.elf;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.MemoryRange;
import org.dtcore.text.Numbers;

/**
 * The one place that refuses a segment no real dump can have, whichever source the value
 * came from (options, a context file, a system root) and whichever builder writes it. Both builders make
 * every PT_NOTE and PT_LOAD here.
 *
 * <ul>
 * <li>No segment wraps past 2^64: /proc/vmcore reads {@code [p_offset, p_offset + p_memsz)} of physical
 *     memory and maps {@code [p_vaddr, p_vaddr + p_memsz)}; a range that wraps is no memory at all.</li>
 * <li>No note or kernel text is empty: the kernel's crash_prepare_elf64_headers() writes the vmcoreinfo
 *     note with VMCOREINFO_NOTE_SIZE and the kernel map with {@code _end − _text}, never 0 (SPEC §9).</li>
 * <li>A CPU's crash note fits one page: kernel/crash_core.c crash_notes_memory_init() has
 *     {@code BUILD_BUG_ON(sizeof(note_buf_t) > PAGE_SIZE)} and aligns the per-CPU buffer so that it lies
 *     in one physical page; a larger crash_notes_size (99999999999) is no kernel's.</li>
 * </ul>
 */
final class SegmentBounds {
    private SegmentBounds() {
    }

    /** CPU {@code cpu.cpu()}'s crash note of {@code size} bytes (the context's, or kexec-tools' fixed size). */
    static ProgramHeader cpuNote(CpuNote cpu, long size, CrashContext ctx) {
        String what = "CPU " + cpu.cpu() + "'s crash note";
        if (Long.compareUnsigned(cpu.size(), ctx.pageSize()) > 0) {
            throw refuse(what + ": size " + cpu.size() + " is larger than a page (" + ctx.pageSize()
                    + " bytes); the kernel keeps each crash note within one page"
                    + " (BUILD_BUG_ON(sizeof(note_buf_t) > PAGE_SIZE))");
        }
        return ProgramHeader.note(range(what, "address", cpu.address(), size), size);
    }

    static ProgramHeader vmcoreinfo(CrashContext ctx) {
        long size = ctx.vmcoreinfoSize();
        return ProgramHeader.note(range("the vmcoreinfo note", "address", ctx.vmcoreinfoAddress(), size), size);
    }

    static ProgramHeader kernelText(KernelText text) {
        String what = "the kernel text";
        range(what, "virtual address", text.vaddr(), text.size());
        range(what, "physical address", text.paddr(), text.size());
        return ProgramHeader.load(text.paddr(), text.vaddr(), text.paddr(), text.size());
    }

    /**
     * A RAM PT_LOAD. {@code noVaddr} is the value meaning "no linear address" (kexec-tools' HIGHMEM −1 in
     * the field's width), exempt from the wrap check; any other vaddr must not wrap.
     */
    static ProgramHeader ram(MemoryRange r, long offset, long vaddr, long noVaddr) {
        String what = "the RAM segment " + r;
        range(what, "file offset", offset, r.size());
        if (vaddr != noVaddr) {
            range(what, "virtual address (from the linear map base)", vaddr, r.size());
        }
        return ProgramHeader.load(offset, vaddr, r.start(), r.size());
    }

    /** {@code start}, once {@code [start, start + size)} is known to be non-empty and below 2^64. */
    private static long range(String what, String field, long start, long size) {
        if (size == 0) {
            throw refuse(what + ": size 0; no real dump has an empty one");
        }
        if (MemoryRange.wraps(start, size)) {
            throw refuse(what + ": " + field + " " + Numbers.hex(start) + " + size " + Numbers.hex(size)
                    + " wraps past 2^64");
        }
        return start;
    }

    private static ElfException refuse(String message) {
        return ElfException.of(ElfException.Kind.BAD_INPUT, message);
    }
}
