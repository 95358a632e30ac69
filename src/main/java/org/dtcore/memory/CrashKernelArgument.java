package org.dtcore.memory;

import static org.dtcore.memory.MemoryMapException.Kind.BAD_BOOTARGS;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.dtcore.text.Memparse;
import org.dtcore.text.TextException;
import org.dtcore.text.Numbers;

/**
 * One {@code crashkernel=} of a kernel command line (SPEC §6): {@code size[KMG][@offset]}, the range form
 * {@code start-[end]:size[,...][@offset]} whose size is chosen by total RAM, {@code size,high} /
 * {@code size,low}, or (Linux 7.3, {@link KernelVersion#crashKernelCma}) {@code size,cma}.
 *
 * @param size   bytes to reserve (0 when no range of the range form matched the RAM size)
 * @param offset the fixed physical start, empty when the kernel chooses the place (every 64-bit value,
 *               0xffffffffffffffff included, is a real offset: none of them doubles as "no offset")
 * @param kind   plain, high, low or CMA
 */
public record CrashKernelArgument(long size, OptionalLong offset, Kind kind) {

    /**
     * PLAIN {@code crashkernel=X[@Y]} or the range form; HIGH and LOW {@code ,high} / {@code ,low}; CMA
     * {@code ,cma}: memory the first kernel keeps using as CMA, which the capture kernel gets besides the
     * crash kernel (reserve_crashkernel_cma(), kernel/crash_reserve.c, 7.3).
     */
    public enum Kind {
        /** {@code crashkernel=X[@Y]} or the range form: the whole reservation, below 4 GiB where it can be */
        PLAIN,
        /** {@code crashkernel=X,high}: the reservation, anywhere (above 4 GiB when there is room) */
        HIGH,
        /** {@code crashkernel=Y,low}: the low memory that goes with a {@code ,high} reservation */
        LOW,
        /** {@code crashkernel=X,cma}: CMA memory the capture kernel gets besides the crash kernel (7.3) */
        CMA
    }

    /** The suffix of {@code crashkernel=SIZE,cma} (suffix_tbl[SUFFIX_CMA], kernel/crash_reserve.c 7.3). */
    public static final String CMA_SUFFIX = ",cma";

    /**
     * Whether the argument fixes the place, so the region is known without the running kernel.
     *
     * @return true when an {@code @offset} was given
     */
    public boolean hasOffset() {
        return offset.isPresent();
    }

    /**
     * The {@code crashkernel=} words the kernel acts on, as kernel/crash_core.c (6.1) and
     * kernel/crash_reserve.c (6.12) choose them: get_last_crashkernel takes the LAST plain one (words
     * ending in ",high" or ",low" skipped); only when there is none, the last ",high" and the last ",low".
     * Earlier words are ignored, so they are never parsed (an earlier bad one does not fail the tree).
     * {@code totalRam} picks the range form's size. The rules of 6.1 and 6.12; {@link #fromCommandLine(String,
     * long, String, KernelVersion, List)} for a known release.
     *
     * @param cmdline  the kernel command line (bootargs)
     * @param totalRam the bytes of RAM, which pick the size of the range form
     * @param where    what messages name as the command line's place (a node path or file)
     * @return the arguments the kernel acts on: none, one plain one, or a ",high" and/or a ",low" one
     * @throws MemoryMapException BAD_BOOTARGS when a word the kernel acts on does not parse
     */
    public static List<CrashKernelArgument> fromCommandLine(String cmdline, long totalRam, String where) {
        return fromCommandLine(cmdline, totalRam, where, null, new ArrayList<>());
    }

    /**
     * As above by {@code kernel}'s rules (null: 6.1's). From 7.3 ",cma" is a suffix too: the plain word is
     * chosen without the ",cma" words, and the last ",cma" word is read on its own
     * (parse_crashkernel_suffix: a size, then exactly ",cma"); it comes last in the list, after the plain or
     * ",high"/",low" ones, and only when one of those is there (every arch_reserve_crashkernel() but
     * powerpc's returns before reserve_crashkernel_cma() when parse_crashkernel() fails). Before 7.3 a
     * ",cma" word is a plain word that parse_crashkernel_simple() rejects, so when it is the last plain one
     * no crash kernel is reserved: that is said in {@code notes} rather than failed.
     *
     * @param cmdline  the kernel command line (bootargs)
     * @param totalRam the bytes of RAM, which pick the size of the range form
     * @param where    what messages and notes name as the command line's place (a node path or file)
     * @param kernel   the release whose rules apply; null for 6.1's (no ",cma" suffix)
     * @param notes    receives one line for each word the kernel ignores or rejects without failing the boot
     * @return the arguments the kernel acts on, a CMA one last; empty when none is
     * @throws MemoryMapException BAD_BOOTARGS when a word the kernel acts on does not parse
     */
    public static List<CrashKernelArgument> fromCommandLine(String cmdline, long totalRam, String where,
                                                            KernelVersion kernel, List<String> notes) {
        boolean cma = kernel != null && kernel.crashKernelCma();
        String plain = null;
        String high = null;
        String low = null;
        String cmaWord = null;
        for (String word : CommandLineWords.of(cmdline)) {
            if (!word.startsWith("crashkernel=")) {
                continue;
            }
            String value = word.substring("crashkernel=".length());
            // suffix_tbl is compared with strncmp: case matters
            if (value.endsWith(",high")) {
                high = value;
            } else if (value.endsWith(",low")) {
                low = value;
            } else if (cma && value.endsWith(CMA_SUFFIX)) {
                cmaWord = value;
            } else {
                plain = value;
            }
        }
        List<CrashKernelArgument> out = new ArrayList<>();
        if (plain != null && !cma && plain.endsWith(CMA_SUFFIX)) {
            notes.add(where + ": crashkernel=" + plain + ": " + (kernel == null ? "Linux before 7.3" : kernel)
                    + " knows no \",cma\" suffix and rejects the word (\"unrecognized char\"), so no crash"
                    + " kernel is reserved");
            return out;
        }
        if (plain != null) {
            out.add(parse(plain, totalRam, where));
        } else {
            if (high != null) {
                out.add(parse(high, totalRam, where));
            }
            if (low != null) {
                out.add(parse(low, totalRam, where));
            }
        }
        if (cmaWord != null) {
            if (out.isEmpty() || out.get(0).size() == 0) {
                notes.add(where + ": crashkernel=...,cma: no crash kernel is reserved, so no CMA either"
                        + " (arch_reserve_crashkernel() returns first)");
            } else {
                out.add(parse(cmaWord, totalRam, where));
            }
        }
        return out;
    }

    /**
     * Parses the value after {@code crashkernel=}, its suffix included.
     *
     * @param value    the word without {@code crashkernel=}
     * @param totalRam the bytes of RAM, which pick the size of the range form
     * @param where    what messages name as the value's place
     * @return the argument; its size is 0 when no range of the range form holds {@code totalRam}
     * @throws MemoryMapException BAD_BOOTARGS when the value does not parse
     */
    public static CrashKernelArgument parse(String value, long totalRam, String where) {
        String v = value;
        Kind kind = Kind.PLAIN;
        // parse_crashkernel_suffix compares with strncmp: ",HIGH" is no suffix
        if (v.endsWith(",high")) {
            kind = Kind.HIGH;
            v = v.substring(0, v.length() - 5);
        } else if (v.endsWith(",low")) {
            kind = Kind.LOW;
            v = v.substring(0, v.length() - 4);
        } else if (v.endsWith(CMA_SUFFIX)) {
            // parse_crashkernel_suffix: a size and the suffix, nothing else (no @offset: CMA is placed at boot)
            String size = v.substring(0, v.length() - CMA_SUFFIX.length());
            if (size.indexOf('@') >= 0 || size.indexOf(':') >= 0) {
                throw new MemoryMapException(BAD_BOOTARGS, where, "crashkernel=: the ,cma form takes a size only");
            }
            return new CrashKernelArgument(memparse(size, where), OptionalLong.empty(), Kind.CMA);
        }
        OptionalLong offset = OptionalLong.empty();
        int at = v.lastIndexOf('@');
        if (at >= 0) {
            offset = OptionalLong.of(memparse(v.substring(at + 1), where));
            v = v.substring(0, at);
        }
        long size;
        if (v.indexOf(':') >= 0) {
            size = chooseByRam(v, totalRam, where);
        } else {
            size = memparse(v, where);
        }
        if (offset.isPresent() && size != 0) {
            long base = offset.getAsLong();
            if (MemoryRange.wraps(base, size)) {
                throw new MemoryMapException(where, "crashkernel=: " + Numbers.hex(size) + " bytes at "
                        + Numbers.hex(base) + " wrap past 2^64");
            }
        }
        return new CrashKernelArgument(size, offset, kind);
    }

    /** The range form: "start-[end]:size,..." — the size whose [start, end) holds the RAM size. */
    private static long chooseByRam(String list, long totalRam, String where) {
        String[] items = list.split(",");
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            int colon = item.indexOf(':');
            int dash = item.indexOf('-');
            if (colon < 0 || dash < 0 || dash > colon) {
                // what was expected and where, never the words found: bootargs may come from any file
                throw new MemoryMapException(BAD_BOOTARGS, where, "crashkernel=: item " + (i + 1) + " of the list"
                        + " is not start-[end]:size");
            }
            long start = memparse(item.substring(0, dash), where);
            String endText = item.substring(dash + 1, colon);
            long end = endText.isEmpty() ? -1L : memparse(endText, where);
            long size = memparse(item.substring(colon + 1), where);
            if (Long.compareUnsigned(totalRam, start) >= 0
                    && (endText.isEmpty() || Long.compareUnsigned(totalRam, end) < 0)) {
                return size;
            }
        }
        return 0;
    }

    /** A number as the kernel's memparse reads it (SPEC §6; {@link Memparse}). */
    static long memparse(String text, String where) {
        if (text.isBlank()) {
            throw new MemoryMapException(BAD_BOOTARGS, where, "crashkernel=: a number is missing");
        }
        try {
            return Memparse.parse(text);
        } catch (TextException e) {
            throw new MemoryMapException(BAD_BOOTARGS, where, "crashkernel=: " + e.detail());
        }
    }
}
