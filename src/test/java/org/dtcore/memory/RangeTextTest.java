package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dtcore.crash.CrashException;
import org.dtcore.crash.CrashKernelSpec;
import org.dtcore.text.TextException;
import org.junit.jupiter.api.Test;

/** One range grammar in the option, the expectation file and the Java API (docs/numbers.md). */
class RangeTextTest {
    @Test
    void threeForms() {
        assertThat(RangeText.parse("0x40000000+2G")).isEqualTo(new MemoryRange(0x40000000L, 0xbfffffffL));
        assertThat(RangeText.parse("256M@0x60000000")).isEqualTo(new MemoryRange(0x60000000L, 0x6fffffffL));
        assertThat(RangeText.parse("ada00000-bd9fffff")).isEqualTo(new MemoryRange(0xada00000L, 0xbd9fffffL));
        assertThat(RangeText.format(new MemoryRange(0x40000000L, 0xbfffffffL)))
                .isEqualTo("0x0000000040000000-0x00000000bfffffff");
    }

    /**
     * Settled: START-END is /proc/iomem's notation (hex, 0x optional) wherever a range is one string, so
     * "40000000-50000000" is 0x40000000..0x50000000 in --crashkernel and in BoardLayoutAssert alike (the
     * expectation file's API once read it as decimal).
     */
    @Test
    void aDashRangeIsHexEverywhere() {
        MemoryRange hex = new MemoryRange(0x40000000L, 0x50000000L);
        assertThat(RangeText.parse("40000000-50000000")).isEqualTo(hex);
        assertThat(CrashKernelSpec.parse("40000000-50000000")).isEqualTo(hex);
        assertThat(RangeText.parse("0x40000000-0x50000000")).isEqualTo(hex);
    }

    @Test
    void refusals() {
        for (String bad : new String[] {"", "256M", "-5", "1-2-3", "0x10+5@6", "2000-1000", "0+0", "0x10+16E",
                "ffffffffffffffff+2", "010M@0x60000000", "+ada00000-bd9fffff"}) {
            assertThatThrownBy(() -> RangeText.parse(bad)).as(bad).isInstanceOf(TextException.class);
        }
        assertThatThrownBy(() -> CrashKernelSpec.parse("010M@0x60000000")).isInstanceOf(CrashException.class)
                .hasMessageContaining("leading zero");
    }

    @Test
    void theKernelsOwnSyntaxKeepsMemparse() {
        CrashKernelArgument a = CrashKernelArgument.parse("010M@0x1000000", 0, "t");
        assertThat(a.size()).isEqualTo(8L << 20); // octal, as lib/cmdline.c memparse reads it
        assertThatThrownBy(() -> CrashKernelArgument.parse("+256M@0x60000000", 0, "t"))
                .isInstanceOf(MemoryMapException.class);
        assertThatThrownBy(() -> CrashKernelArgument.parse("\uff12\uff15\uff16M", 0, "t"))
                .isInstanceOf(MemoryMapException.class);
        assertThatThrownBy(() -> Iomem.parse("\uff14\uff10000000-bfffffff : System RAM\n"))
                .isInstanceOf(MemoryMapException.class);
    }
}
