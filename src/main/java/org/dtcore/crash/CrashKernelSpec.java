package org.dtcore.crash;

import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.text.TextException;

/**
 * A crash kernel region as a user gives it on the command line, in dtcore's range grammar
 * (docs/numbers.md): {@code SIZE@OFFSET} ({@code 256M@0x60000000}) or an inclusive {@code START-END} in hex
 * as /proc/iomem prints it ({@code ada00000-bd9fffff}). A size without an offset names no place, so it is
 * refused. The option is dtcore's own, so {@code 010M} is refused, not read as the kernel's octal.
 */
public final class CrashKernelSpec {
    private CrashKernelSpec() {
    }

    /**
     * Reads a crash kernel region.
     *
     * @param spec {@code SIZE@OFFSET} or {@code START-END}
     * @return the region, inclusive
     * @throws CrashException ({@link CrashException.Kind#BAD_CRASHKERNEL}) when it is a size alone, does not
     *                        parse, or is not a range
     */
    public static MemoryRange parse(String spec) {

        String where = "crash kernel region " + spec;
        if (spec.indexOf('@') < 0 && spec.indexOf('-') < 0) {
            throw new CrashException(CrashException.Kind.BAD_CRASHKERNEL, where, "give SIZE@OFFSET (256M@0x60000000) or START-END (ada00000-bd9fffff);"
                    + " a size alone names no place");
        }
        try {
            return RangeText.parse(spec);
        } catch (TextException e) {
            throw new CrashException(CrashException.Kind.BAD_CRASHKERNEL, where, e.detail());
        }
    }
}
