package org.dtcore.crash;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.dtcore.fdt.FdtNode;
import org.dtcore.fdt.FdtProperty;
import org.dtcore.input.RootFile;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.Iomem;
import org.dtcore.memory.IomemEntry;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.text.TextException;

/**
 * The crash kernel region the running kernel reserved (SPEC §6, §7), from what a system root shows:
 * /proc/iomem's "Crash kernel" lines, else powerpc's {@code linux,crashkernel-base}/{@code -size} in the live
 * /chosen, which the kernel adds there (arch/powerpc/kexec/core.c export_crashk_values(): each
 * {@code cpu_to_be_ulong}, a native word) and which the booted blob does not have.
 *
 * <p>The one reader of those two properties, with the two rules that read them side by side
 * ({@link Reading}).
 */
public final class ReservedCrashKernel {
    /** How the two properties are read. */
    public enum Reading {
        /**
         * As the kernel writes them: a native word, 8 bytes on ppc64, 4 on ppc32 (export_crashk_values);
         * any other length is not what the kernel writes and is refused.
         */
        NATIVE_WORD,
        /**
         * As kexec-tools 2.0.25 reads them (kexec/arch/ppc64/kexec-ppc64.c get_devtree_details(),
         * crashdump-ppc64.c get_crash_kernel_load_range() via get_devtree_value()): an fread of one uint64_t, so the
         * first 8 bytes, and fewer is a failed read.
         */
        KEXEC_TOOLS
    }

    private ReservedCrashKernel() {
    }

    /**
     * The regions {@code root} shows: {@code iomem}'s "Crash kernel" lines (the root's /proc/iomem, already
     * read; null when it has none), else powerpc's properties read as the kernel writes them. Empty when
     * neither says.
     *
     * @param iomem the root's /proc/iomem entries, already read; null when the root has none
     * @param root  the system root, for the powerpc properties
     * @return the regions, in iomem order; empty when neither source says
     * @throws CrashException when a property has a length the kernel does not write
     */
    public static List<MemoryRange> of(List<IomemEntry> iomem, SystemRoot root) {
        List<MemoryRange> fromIomem = iomem == null ? List.of() : Iomem.crashKernels(iomem);
        if (!fromIomem.isEmpty()) {
            return fromIomem;
        }
        Optional<byte[]> base = root.bytes(RootFile.CRASHKERNEL_BASE);
        Optional<byte[]> size = root.bytes(RootFile.CRASHKERNEL_SIZE);
        if (base.isEmpty() || size.isEmpty()) {
            return List.of();
        }
        String where = root.where(RootFile.CRASHKERNEL_BASE);
        return region(word(base.get(), where, Reading.NATIVE_WORD),
                word(size.get(), root.where(RootFile.CRASHKERNEL_SIZE), Reading.NATIVE_WORD), where)
                .map(List::of).orElse(List.of());
    }

    /**
     * The crashkernel CMA ranges the running kernel placed at boot, as Linux 7.3 shows them in
     * /sys/kernel/kexec/crash_cma_ranges (kernel/kexec_core.c crash_cma_ranges_show(): "%08llx-%08llx\n" per
     * range, inclusive, at most CRASHK_CMA_RANGES_MAX of them). Empty when the root has no such file (an older
     * kernel, or one without CONFIG_CRASH_RESERVE) or the file is empty (no crashkernel=,cma).
     *
     * @param root the system root
     * @return the ranges in file order; empty as said above
     * @throws CrashException when a line is not START-END in hex
     */
    public static List<MemoryRange> cmaRanges(SystemRoot root) {
        Optional<String> text = root.text(RootFile.CRASH_CMA_RANGES);
        if (text.isEmpty()) {
            return List.of();
        }
        String where = root.where(RootFile.CRASH_CMA_RANGES);
        List<MemoryRange> out = new ArrayList<>();
        int line = 0;
        for (String l : text.get().split("\n", -1)) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            if (l.indexOf('-') < 0) {
                throw new CrashException(CrashException.Kind.BAD_CRASHKERNEL, where, "line " + line
                        + ": expected START-END in hex, as the kernel prints each range");
            }
            try {
                out.add(RangeText.parse(l));
            } catch (TextException e) {
                throw new CrashException(CrashException.Kind.BAD_CRASHKERNEL, where, "line " + line + ": "
                        + e.detail());
            }
        }
        return List.copyOf(out);
    }

    /**
     * The region a tree's /chosen gives in the two properties.
     *
     * @param chosen  the tree's /chosen node
     * @param reading which rule reads the two words
     * @return the region; empty without both properties or with size 0
     * @throws CrashException when a property is shorter (or, read as the kernel writes it, of another length)
     *                        than the rule reads
     */

    public static Optional<MemoryRange> of(FdtNode chosen, Reading reading) {
        Optional<FdtProperty> base = chosen.property("linux,crashkernel-base");
        Optional<FdtProperty> size = chosen.property("linux,crashkernel-size");
        if (base.isEmpty() || size.isEmpty()) {
            return Optional.empty();
        }
        return region(word(base.get().bytes(), base.get().path(), reading),
                word(size.get().bytes(), size.get().path(), reading), base.get().path());
    }

    private static Optional<MemoryRange> region(long base, long size, String where) {
        return size == 0 ? Optional.empty() : Optional.of(MemoryRange.ofSize(base, size, where));
    }

    static long word(byte[] value, String where, Reading reading) {
        ByteBuffer b = ByteBuffer.wrap(value);
        if (reading == Reading.KEXEC_TOOLS) {
            if (value.length < 8) {
                throw new CrashException(where, "ppc64: kexec-tools reads 8 bytes; found " + value.length);
            }
            return b.getLong(0);
        }
        return switch (value.length) {
            case 4 -> Integer.toUnsignedLong(b.getInt(0));
            case 8 -> b.getLong(0);
            default -> throw new CrashException(CrashException.Kind.BAD_CRASHKERNEL, where,
                    "expected 4 or 8 bytes (a native word), found " + value.length);
        };
    }
}
