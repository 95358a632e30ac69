package org.dtcore.elf;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/** The kernel's crash_prepare_elf64_headers() layout (SPEC §9), as the three kernel-truth headers show it. */
final class KernelCoreHeader {
    /** SPEC §9: the kernel sizes the segment in whole pages (ELF_CORE_HEADER_ALIGN, 4096). */
    static final int SEGMENT_ALIGN = 4096;
    /** Passed as {@link SegmentBounds#ram}'s "no linear address" value: 0 can never be a wrapping vaddr. */
    private static final long NO_EXEMPT_VADDR = 0;

    private KernelCoreHeader() {
    }

    static EncodedCoreHeader build(Arch arch, CrashContext ctx, List<MemoryRange> ranges, boolean kernelMap,
                                   OptionalLong backupOffset) {
        KernelText text = ctx.kernelText().orElse(null);
        if (kernelMap && text == null) {
            throw ElfException.of(ElfException.Kind.BAD_INPUT,
                    "the kernel-map PT_LOAD needs the kernel text (_text, _end) in the context");
        }
        ElfClass c = ElfClass.ELF64;
        // SPEC §9: sizing counts every possible CPU, vmcoreinfo, every range and the kernel map even
        // when it is not emitted; e_phnum counts only what is written.
        long sizingCount = (long) ctx.cpus().size() + 1 + ranges.size() + 1;
        long emitted = (long) ctx.cpus().size() + 1 + (kernelMap ? 1 : 0) + ranges.size();
        CoreHeaderBuilder.checkCount(emitted);

        List<ProgramHeader> phdrs = new ArrayList<>((int) emitted);
        for (CpuNote cpu : ctx.cpus()) {
            phdrs.add(SegmentBounds.cpuNote(cpu, cpu.size(), ctx));
        }
        phdrs.add(SegmentBounds.vmcoreinfo(ctx));
        if (kernelMap) {
            phdrs.add(SegmentBounds.kernelText(text));
        }
        for (MemoryRange r : ranges) {
            // every linear address is real in the kernel's header: no value is exempt
            phdrs.add(SegmentBounds.ram(r, r.start(), ctx.linearVirtual(r.start()), NO_EXEMPT_VADDR));
        }
        if (backupOffset.isPresent()) {
            applyBackupOffset(phdrs, backupOffset.getAsLong());
        }

        CoreHeader h = new CoreHeader(c.bits, ByteOrder.LITTLE_ENDIAN, 0, CoreHeader.ET_CORE,
                ElfMachine.of(arch), ElfClass.EV_CURRENT, 0, c.ehsize, 0, Integer.toUnsignedLong(ctx.eFlags()), c.ehsize, c.phentsize,
                phdrs.size(), 0, 0, 0, phdrs);
        int size = CoreHeaderBuilder.segmentSize(c.ehsize + sizingCount * c.phentsize, SEGMENT_ALIGN);
        return new EncodedCoreHeader(h, CoreHeaderEncoder.encode(h, size));
    }

    /**
     * SPEC §8 powerpc64: the first PT_LOAD whose paddr is 0 reads from where kexec copied the first
     * 64 KiB (the kernel patches the header after building it, and stops at the first match).
     */
    private static void applyBackupOffset(List<ProgramHeader> phdrs, long offset) {
        for (int i = 0; i < phdrs.size(); i++) {
            ProgramHeader p = phdrs.get(i);
            if (p.type() == ProgramHeader.PT_LOAD && p.paddr() == 0) {
                phdrs.set(i, new ProgramHeader(p.type(), p.flags(), offset, p.vaddr(), p.paddr(), p.filesz(),
                        p.memsz(), p.align()));
                return;
            }
        }
    }
}
