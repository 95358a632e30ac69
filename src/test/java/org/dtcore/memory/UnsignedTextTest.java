package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.dtcore.crash.CrashException;
import org.dtcore.crash.CrashKernelSpec;
import org.junit.jupiter.api.Test;

/** Every text number in dtcore takes ASCII digits only: no '+', no fullwidth or other scripts' digits. */
class UnsignedTextTest {
    @Test
    void asciiDigitsOfTheRadix() {
        assertThat(UnsignedText.parse("ffffffffffffffff", 16)).isEqualTo(-1L);
        assertThat(UnsignedText.parse("777", 8)).isEqualTo(511);
        assertThat(UnsignedText.isDigits("8", 8)).isFalse();
        assertThat(UnsignedText.isDigits("", 10)).isFalse();
        assertThat(UnsignedText.isDigits("+5", 10)).isFalse();
        assertThat(UnsignedText.isDigits("\uff11", 10)).isFalse();
        assertThatThrownBy(() -> UnsignedText.parse("10000000000000000", 16)).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void theParsersThatUseItRefuseSignsAndForeignDigits() {
        assertThatThrownBy(() -> CrashKernelArgument.parse("+256M@0x60000000", 0, "t"))
                .isInstanceOf(MemoryMapException.class);
        assertThatThrownBy(() -> CrashKernelArgument.parse("\uff12\uff15\uff16M", 0, "t"))
                .isInstanceOf(MemoryMapException.class);
        assertThatThrownBy(() -> CrashKernelSpec.parse("+ada00000-bd9fffff")).isInstanceOf(CrashException.class);
        assertThatThrownBy(() -> Iomem.parse("\uff14\uff10000000-bfffffff : System RAM\n"))
                .isInstanceOf(MemoryMapException.class);
    }
}
