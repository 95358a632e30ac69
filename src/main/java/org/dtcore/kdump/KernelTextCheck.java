package org.dtcore.kdump;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.dtcore.DtcoreException;
import org.dtcore.context.Kallsyms;
import org.dtcore.context.KernelSymbols;
import org.dtcore.context.KernelText;
import org.dtcore.elf.ProgramHeader;
import org.dtcore.input.RootFile;
import org.dtcore.memory.Arch;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.Ranges;
import org.dtcore.text.Numbers;

/**
 * Whether a dump's kernel-text PT_LOAD can be the kernel's image mapping (SPEC §9: vaddr {@code _text}, paddr
 * {@code __pa(_text)}, size {@code _end − _text}), by what the system root shows: it must be an address
 * range at all, lie in RAM, hold every "Kernel code/rodata/data/bss" line of /proc/iomem, start at the
 * virtual {@code _text} /proc/kallsyms lists and at the physical place "Kernel code" and {@code _stext} give
 * ({@link KernelSymbols#kernelText}, the one rule). A running kernel lists no {@code _end}, so the size itself
 * is checked only by the kernel's System.map; this is what the root alone can say.
 */
final class KernelTextCheck {
    /** The /proc/iomem lines of the kernel image (kernel/resource.c, arch setup code). */
    private static final Set<String> IMAGE_LINES = Set.of(Iomem.KERNEL_CODE, "Kernel rodata", Iomem.KERNEL_DATA,
            "Kernel bss");

    private KernelTextCheck() {
    }

    /** Each way {@code kt} cannot be the kernel's image, in words; empty when none is found. */
    static List<String> problems(ProgramHeader kt, ResolvedInputs in) {
        List<String> out = new ArrayList<>();
        long size = kt.memsz();
        if (kt.vaddr() == -1L) {
            out.add("vaddr 0xffffffffffffffff is no kernel address (kexec-tools writes it when it found no _text)");
        }
        if (size == 0 || MemoryRange.wraps(kt.paddr(), size)) {
            out.add("paddr " + Numbers.hex(kt.paddr()) + " + size " + Numbers.hex(size) + " is no physical range"
                    + (size == 0 ? "" : " (it wraps past 2^64)"));
            return out;
        }
        MemoryRange phys = MemoryRange.ofSize(kt.paddr(), size, "the kernel-text PT_LOAD");
        if (in.map() != null && !Ranges.subtract(List.of(phys), in.map().memory()).isEmpty()) {
            out.add(phys + " is not all RAM of this system");
        }
        List<IomemEntry> iomem = in.iomem() == null ? List.of() : in.iomem();
        for (IomemEntry e : iomem) {
            if (IMAGE_LINES.contains(e.name()) && !phys.contains(e.range())) {
                out.add("it does not hold /proc/iomem's \"" + e.name() + "\" " + e.range());
            }
        }
        Optional<MemoryRange> code = Iomem.kernelCode(iomem);
        Kallsyms sym = symbols(in);
        Optional<Long> text = box(sym.address("_text"));
        Optional<Long> stext = box(sym.address("_stext"));
        if (text.isPresent() && text.get() != kt.vaddr()) {
            out.add("vaddr " + Numbers.hex(kt.vaddr()) + " is not _text " + Numbers.hex(text.get()) + " ("
                    + sym.source() + ")");
        }
        if (code.isPresent() && stext.isPresent() && kt.vaddr() != -1L) {
            boolean atText = in.arch() == Arch.ARM64 && in.kernel().arm64KernelCodeStartsAtText();
            KernelSymbols s = new KernelSymbols(OptionalLong.of(text.orElse(kt.vaddr())),
                    OptionalLong.of(stext.get()), OptionalLong.of(kt.vaddr() + size), sym.source());
            try {
                Optional<KernelText> t = s.kernelText(code.get().start(), atText);
                if (t.isPresent() && t.get().paddr() != kt.paddr()) {
                    out.add("paddr " + Numbers.hex(kt.paddr()) + " is not __pa(_text) " + Numbers.hex(t.get().paddr())
                            + " (\"Kernel code\" at " + Numbers.hex(code.get().start())
                            + (atText ? "" : " less _stext − _text") + ")");
                }
            } catch (DtcoreException e) {
                out.add("_stext " + Numbers.hex(stext.get()) + " (" + sym.source() + ") does not lie in it");
            }
        }
        return out;
    }

    private static Kallsyms symbols(ResolvedInputs in) {
        if (in.root() == null) {
            return Kallsyms.none("");
        }
        return SourceFile.read(in.root().where(RootFile.KALLSYMS), () -> Kallsyms.read(in.root(),
                Set.of("_text", "_stext")));
    }

    private static Optional<Long> box(java.util.OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }
}
