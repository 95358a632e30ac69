package org.dtcore.context;

import static org.dtcore.context.ContextException.Kind.BAD_VALUE;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.PageSize;
import org.dtcore.text.Numbers;

/**
 * The values one source of the context gave (a context file), checked by the rules the later stages
 * apply to the merged context (ContextDefaults: the page size, a CPU given twice; the core header's
 * segment bounds: no region wraps past 2^64, a crash note within a page), so that a value that breaks one
 * is refused naming that source and its field, not as a value of no known origin.
 */
final class SourceCheck {
    private SourceCheck() {
    }

    /** The checks that need nothing but {@code layer}. */
    static void check(PartialContext layer, String source) {
        if (layer.pageSize() != null && PageSize.problem(layer.pageSize()).isPresent()) {
            throw fail(source, "pageSize: " + PageSize.problem(layer.pageSize()).get());
        }
        if (layer.cpus() != null) {
            Set<Integer> seen = new HashSet<>();
            for (CpuNote n : layer.cpus()) {
                if (!seen.add(n.cpu())) {
                    throw fail(source, "cpus: CPU " + n.cpu() + " is given twice");
                }
                region(source, "cpus: CPU " + n.cpu() + "'s crash note:", n.address(), n.size());
            }
        }
        if (layer.vmcoreinfoAddress() != null && layer.vmcoreinfoSize() != null) {
            region(source, "vmcoreinfo:", layer.vmcoreinfoAddress(), layer.vmcoreinfoSize());
        }
        Optional<KernelText> text = layer.kernelText();
        if (text != null && text.isPresent()) {
            region(source, "kernelText: virtual", text.get().vaddr(), text.get().size());
            region(source, "kernelText: physical", text.get().paddr(), text.get().size());
        }
    }

    /**
     * The checks that need the finished context: each of {@code layer}'s crash notes that the context kept
     * fits in its page (the kernel's BUILD_BUG_ON(sizeof(note_buf_t) > PAGE_SIZE)).
     */
    static void notesFit(PartialContext layer, CrashContext done, String source) {
        if (layer.cpus() == null) {
            return;
        }
        for (CpuNote n : layer.cpus()) {
            if (n.size() != 0 && done.cpus().contains(n) && Long.compareUnsigned(n.size(), done.pageSize()) > 0) {
                throw fail(source, String.format(Locale.ROOT, "cpus: CPU %d's crash note: size %d is larger than a"
                        + " page (%d bytes); the kernel keeps each crash note within one page", n.cpu(), n.size(),
                        done.pageSize()));
            }
        }
    }

    private static void region(String source, String what, long start, long size) {
        if (size != 0 && MemoryRange.wraps(start, size)) {
            throw fail(source, what + " address " + Numbers.hex(start) + " + size " + Numbers.hex(size)
                    + " wraps past 2^64");
        }
    }

    private static ContextException fail(String source, String message) {
        return new ContextException(BAD_VALUE, source, message);
    }
}
