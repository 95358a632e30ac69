package org.dtcore.context;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.Given;
import org.dtcore.Wording;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.MemoryRange;

/**
 * What a system root says of the context (SPEC §10): the CPU notes ({@link SysfsCpus}), the vmcoreinfo note
 * ({@code sys/kernel/vmcoreinfo}: "%pa %x", older kernels "%lx %x", both hex) and, when the kernel symbols
 * and /proc/iomem's "Kernel code" are both known, the kernel text.
 */
final class SystemRootContext {
    private SystemRootContext() {
    }

    /**
     * The root's layer. {@code systemMap}, when given, replaces /proc/kallsyms as the symbol source;
     * {@code kernelCode} is iomem's "Kernel code" as already read; {@code kernel} (null when unknown) decides
     * where arm64's "Kernel code" starts ({@link KernelVersion#arm64KernelCodeStartsAtText()}).
     */
    static PartialContext read(SystemRoot root, Arch arch, Optional<KernelSymbols> systemMap, KernelVersion kernel,
                               Optional<MemoryRange> kernelCode) {
        PartialContext c = SysfsCpus.read(root);
        Optional<String> line = root.text(RootFile.VMCOREINFO);
        if (line.isPresent()) {
            String where = root.where(RootFile.VMCOREINFO);
            // "%pa %x" (older kernels "%lx %x"): both hex, so "1024" is 0x1024
            String[] f = words(line.get().strip());
            if (f.length != 2) {
                // the words are not quoted: a file's contents stay out of error lines
                throw new ContextException(where, "expected 'ADDRESS SIZE' (hex), found " + f.length + " words");
            }
            c = c.withVmcoreinfo(Hex.parse(f[0], where, "address"), Hex.parse(f[1], where, "size"));
        }
        return kernelText(root, c, arch, systemMap, kernel, kernelCode);
    }

    /**
     * {@code s.split("\\s+")} for a stripped {@code s}, without a regex (Pattern costs ~25 classes on the
     * header path, docs/performance.md): the words between runs of space, tab, newline, VT, FF or CR.
     */
    static String[] words(String s) {
        List<String> out = new ArrayList<>(2);
        int from = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || isBlank(s.charAt(i))) {
                if (i > from || i == s.length() && out.isEmpty()) {
                    out.add(s.substring(from, i));
                }
                from = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
    }

    private static PartialContext kernelText(SystemRoot root, PartialContext c, Arch arch,
                                             Optional<KernelSymbols> systemMap, KernelVersion kernel,
                                             Optional<MemoryRange> code) {
        if (code.isEmpty()) {
            // without iomem's "Kernel code" no symbol places the kernel: nothing to read them for
            return c;
        }
        Optional<KernelSymbols> symbols = systemMap.isPresent() ? systemMap : KernelSymbols.read(root);
        if (symbols.isEmpty()) {
            return c;
        }
        boolean atText = arch == Arch.ARM64 && kernel != null && kernel.arm64KernelCodeStartsAtText();
        Optional<KernelText> text = symbols.get().kernelText(code.get().start(), atText);
        if (text.isEmpty()) {
            // a real /proc/kallsyms lists neither _end nor, on arm64, _text (seen on 6.1 and 6.12)
            return c.withWarning(new ContextWarning(ContextWarning.Kind.KERNEL_TEXT, Wording.of(
                    symbols.get().source() + " lacks " + symbols.get().missing() + ", which " + arch
                    + "'s kernel-text PT_LOAD needs (/proc/kallsyms does not list them all): it is left out; give ",
                    Given.SYSTEM_MAP)));
        }
        return c.withKernelText(text);
    }
}
