package org.dtcore.crash;

import java.util.Locale;
import org.dtcore.memory.CrashKernelArgument;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.UnsignedText;

/**
 * A crash kernel region as a user gives it on the command line: the kernel's {@code SIZE@OFFSET}
 * ({@code 256M@0x60000000}) or an inclusive {@code START-END} in hex as /proc/iomem prints it
 * ({@code ada00000-bd9fffff}). A size without an offset names no place, so it is refused.
 */
public final class CrashKernelSpec {
    private CrashKernelSpec() {
    }

    public static MemoryRange parse(String spec) {
        String s = spec.trim();
        String where = "--crashkernel " + spec;
        int at = s.indexOf('@');
        if (at >= 0) {
            long size = number(s.substring(0, at), where);
            long offset = number(s.substring(at + 1), where);
            return range(offset, size, where);
        }
        int dash = s.indexOf('-');
        if (dash > 0) {
            long start = hex(s.substring(0, dash), where);
            long end = hex(s.substring(dash + 1), where);
            if (Long.compareUnsigned(start, end) > 0) {
                throw new CrashException(where, "start is above end");
            }
            return new MemoryRange(start, end);
        }
        throw new CrashException(where, "give SIZE@OFFSET (256M@0x60000000) or START-END (ada00000-bd9fffff);"
                + " a size alone names no place");
    }

    private static MemoryRange range(long base, long size, String where) {
        try {
            return MemoryRange.ofSize(base, size, where);
        } catch (MemoryMapException e) {
            throw new CrashException(where, e.getMessage());
        }
    }

    /** START-END is hex with or without 0x, as /proc/iomem prints it. */
    private static long hex(String text, String where) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("0x")) {
            t = t.substring(2);
        }
        try {
            return UnsignedText.parse(t, 16);
        } catch (NumberFormatException e) {
            throw new CrashException(where, "'" + text + "' is not a hex address");
        }
    }

    /** The kernel's memparse forms: 0x hex or decimal, optional K/M/G/T suffix. */
    private static long number(String text, String where) {
        try {
            return CrashKernelArgument.parseNumber(text, where);
        } catch (MemoryMapException e) {
            throw new CrashException(where, "'" + text + "' is not a size or address");
        }
    }
}
