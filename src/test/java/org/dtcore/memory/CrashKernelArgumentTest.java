package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** crashkernel= forms of SPEC §6. */
class CrashKernelArgumentTest {
    private static final long GIB = 1L << 30;

    @Test
    void sizeWithOffset() {
        CrashKernelArgument a = CrashKernelArgument.parse("256M@0x60000000", 0, "t");
        assertThat(a.size()).isEqualTo(256L << 20);
        assertThat(a.offset()).hasValue(0x60000000L);
        assertThat(a.kind()).isEqualTo(CrashKernelArgument.Kind.PLAIN);
    }

    @Test
    void sizeWithoutOffsetAndSuffixes() {
        assertThat(CrashKernelArgument.parse("512M", 0, "t").hasOffset()).isFalse();
        assertThat(CrashKernelArgument.parse("1G,high", 0, "t").kind()).isEqualTo(CrashKernelArgument.Kind.HIGH);
        assertThat(CrashKernelArgument.parse("128M,low", 0, "t").size()).isEqualTo(128L << 20);
        assertThat(CrashKernelArgument.parse("64M@16M", 0, "t").offset()).hasValue(16L << 20);
    }

    @Test
    void rangeFormPicksTheSizeByTotalRam() {
        String spec = "512M-2G:64M,2G-:128M";
        assertThat(CrashKernelArgument.parse(spec, GIB, "t").size()).isEqualTo(64L << 20);
        assertThat(CrashKernelArgument.parse(spec, 2 * GIB, "t").size()).isEqualTo(128L << 20);
        assertThat(CrashKernelArgument.parse(spec, 256L << 20, "t").size()).isZero();
        assertThat(CrashKernelArgument.parse("1G-:256M@0x80000000", 4 * GIB, "t").offset()).hasValue(0x80000000L);
    }

    @Test
    void commandLineWithSeveral() {
        assertThat(CrashKernelArgument.fromCommandLine("quiet crashkernel=1G,high crashkernel=128M,low", 0, "t"))
                .extracting(CrashKernelArgument::kind)
                .containsExactly(CrashKernelArgument.Kind.HIGH, CrashKernelArgument.Kind.LOW);
    }

    @Test
    void badNumbersAreProjectErrors() {
        assertThatThrownBy(() -> CrashKernelArgument.parse("lots", 0, "/chosen/bootargs"))
                .isInstanceOf(MemoryMapException.class).hasMessageContaining("not a number");
        assertThatThrownBy(() -> CrashKernelArgument.parse("99999999999999E", 0, "x"))
                .isInstanceOf(MemoryMapException.class).hasMessageContaining("does not fit in 64 bits");
    }
}
