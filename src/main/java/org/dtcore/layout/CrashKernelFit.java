package org.dtcore.layout;

/**
 * The rule "a crash kernel of {@code size} bytes fits in RAM below {@code below}" (SPEC §6 crashkernel=,
 * placed by the kernel): some stretch of RAM, after every reserved region with a place is taken out,
 * holds {@code size} bytes starting at a multiple of {@code alignment} and ending below {@code below}.
 *
 * @param size      bytes the crash kernel needs
 * @param below     exclusive upper limit (e.g. 4 GiB for a 32-bit DMA-able crash kernel)
 * @param alignment start alignment; the kernel's CRASH_ALIGN is 2 MiB on arm64 and riscv, 16 MiB on x86
 */
public record CrashKernelFit(long size, long below, long alignment) {
    /** arm64's and riscv's CRASH_ALIGN (SZ_2M), the default when the file gives none. */
    public static final long DEFAULT_ALIGNMENT = 2L << 20;
}
