package org.dtcore.elf;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dtcore.context.CpuNote;
import org.dtcore.context.CrashContext;
import org.dtcore.context.KernelText;
import org.dtcore.memory.Arch;
import org.dtcore.memory.MemoryRange;

/**
 * kexec-tools' crash_create_elf64_headers()/crash_create_elf32_headers() layout (kexec/crashdump-elf.c,
 * SPEC §9 kexec-tools mode). Differences from the kernel's layout, all read from that source:
 * <ul>
 *   <li>size = Ehdr + Phdr × (CPUs + vmcoreinfo if readable + ranges + kernel text if wanted), rounded up to
 *       the caller's alignment (1024 by default): the kernel text is counted only when written;</li>
 *   <li>the CPU list holds only CPUs that have crash_notes (kexec-tools tries ids 0 to nr_cpus − 1, the
 *       configured CPU count, and skips those without); each note's size is crash_notes_size, 1024 (MAX_NOTE_BYTES) only
 *       where that is unknown (get_crash_notes_per_cpu, kexec/crashdump.c);</li>
 *   <li>the size counts every range the architecture passed, also those it does not write (x86_64's
 *       reserved lines), see {@link KexecToolsOptions#countedRanges()};</li>
 *   <li>the vmcoreinfo note is counted whenever readable but left out under KEXEC_PRESERVE_CONTEXT;</li>
 *   <li>a range [0, 0] is counted in the size but not written (kexec-tools treats it as empty);</li>
 *   <li>e_flags is always 0; p_align 0, note flags 0 and PT_LOAD flags RWX as in the kernel.</li>
 * </ul>
 */
final class KexecToolsCoreHeader {
    private KexecToolsCoreHeader() {
    }

    static EncodedCoreHeader build(Arch arch, CrashContext ctx, List<MemoryRange> ranges, KexecToolsOptions o) {
        ElfClass c = ElfClass.ofBits(o.elfClass());
        KernelText text = ctx.kernelText().orElse(null);
        if (o.kernelText() && text == null) {
            throw ElfException.of(ElfException.Kind.BAD_INPUT,
                    "the kernel-text PT_LOAD needs the kernel text (_text, _end) in the context");
        }
        // kexec-tools writes the kernel-text PT_LOAD only when kern_size != 0 (crash_create_elf*_headers);
        // the kernel's own header refuses an empty one instead (SegmentBounds)
        boolean writeText = o.kernelText() && text.size() != 0;
        boolean writeVmcoreinfo = o.vmcoreinfo() && !o.preserveContext();
        long emptyRanges = ranges.stream().filter(r -> r.start() == 0 && r.end() == 0).count();
        long counted = o.countedRanges() < 0 ? ranges.size() : Math.max(o.countedRanges(), ranges.size());
        long sizingCount = (long) ctx.cpus().size() + (o.vmcoreinfo() ? 1 : 0) + counted + (writeText ? 1 : 0);
        long emitted = (long) ctx.cpus().size() + (writeVmcoreinfo ? 1 : 0) + ranges.size() - emptyRanges
                + (writeText ? 1 : 0);
        CoreHeaderBuilder.checkCount(emitted);

        List<ProgramHeader> phdrs = new ArrayList<>((int) emitted);
        for (CpuNote cpu : ctx.cpus()) {
            long size = cpu.size() != 0 ? cpu.size() : KexecToolsOptions.MAX_NOTE_BYTES;
            phdrs.add(SegmentBounds.cpuNote(cpu, size, ctx));
        }
        if (writeVmcoreinfo) {
            phdrs.add(SegmentBounds.vmcoreinfo(ctx));
        }
        if (writeText) {
            // not wrap-checked: kexec-tools computes this one itself and can write a wrapping segment (the
            // recorded arm64 kexec-tools header has vaddr 0xffffffffffffffff, size 0xffff8000084c0000);
            // the header reproduces what it wrote
            phdrs.add(ProgramHeader.load(text.paddr(), text.vaddr(), text.paddr(), text.size()));
        }
        long highmemVaddr = c.is64() ? -1L : 0xffff_ffffL;
        for (MemoryRange r : ranges) {
            if (r.start() == 0 && r.end() == 0) {
                continue;
            }
            long offset = r.start();
            Optional<BackupRegion> b = o.backup();
            if (b.isPresent() && b.get().source().equals(r)) {
                offset = b.get().copyAddress();
            }
            long vaddr = ctx.linearVirtual(r.start());
            // HIGHMEM has no linear address: kexec-tools writes p_vaddr = -1 (all ones in the field's width).
            if (o.lowmemLimit() != 0 && Long.compareUnsigned(r.end(), o.lowmemLimit() - 1) > 0) {
                vaddr = highmemVaddr;
            }
            phdrs.add(SegmentBounds.ram(r, offset, vaddr, highmemVaddr));
        }

        CoreHeader h = new CoreHeader(c.bits, o.byteOrder(), 0, CoreHeader.ET_CORE, ElfMachine.of(arch),
                ElfClass.EV_CURRENT, 0, c.ehsize, 0, 0, c.ehsize, c.phentsize, phdrs.size(), 0, 0, 0, phdrs);
        int size = CoreHeaderBuilder.segmentSize(c.ehsize + sizingCount * c.phentsize, o.align());
        return new EncodedCoreHeader(h, CoreHeaderEncoder.encode(h, size));
    }
}
