package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Encoders, checked byte by byte and against {@link FdtProperty}'s decoders (SPEC §2). */
class PropertyValuesTest {

    @Test
    void numbers() {
        assertThat(hex(PropertyValues.u32(1, 0xffffffffL))).isEqualTo("00000001ffffffff");
        assertThat(hex(PropertyValues.u64(0x123456789abcdef0L))).isEqualTo("123456789abcdef0");
        assertThat(hex(PropertyValues.cells(1, 0x80000000L))).isEqualTo("80000000");
        assertThat(hex(PropertyValues.cells(3, -1L))).isEqualTo("00000000ffffffffffffffff");
        assertThat(PropertyValues.cells(0, 0)).isEmpty();
        assertThat(PropertyValues.u32()).isEmpty();
    }

    @Test
    void tuplesDecodeBackUnderTheSameCells() {
        List<RegEntry> tuples = List.of(new RegEntry(0x880000000L, 0x180000000L), new RegEntry(-4096L, 0x1000));
        byte[] value = PropertyValues.reg(2, 2, tuples);
        assertThat(FdtProperty.of("/memory", "reg", value).asReg(2, 2)).isEqualTo(tuples);
        assertThat(hex(PropertyValues.reg(1, 1, new RegEntry(0x80000000L, 0x1000)))).isEqualTo("8000000000001000");
        assertThat(hex(PropertyValues.reg(2, 0, new RegEntry(0x10, 0)))).isEqualTo("0000000000000010");
    }

    @Test
    void strings() {
        assertThat(PropertyValues.string("okay")).isEqualTo("okay\0".getBytes());
        byte[] list = PropertyValues.strings("arm,cortex-a57", "arm,armv8", "");
        assertThat(FdtProperty.of("/cpus/cpu@0", "compatible", list).asStringList())
                .containsExactly("arm,cortex-a57", "arm,armv8", "");
        assertThat(FdtProperty.of("/", "x", PropertyValues.string("µ")).asString()).isEqualTo("µ");
    }

    @Test
    void valuesThatDoNotFitAreErrors() {
        assertBadValue(() -> PropertyValues.u32(0x100000000L));
        assertBadValue(() -> PropertyValues.u32(-1));
        assertBadValue(() -> PropertyValues.cells(0, 1));
        assertBadValue(() -> PropertyValues.reg(1, 1, new RegEntry(0x100000000L, 1)));
        assertBadValue(() -> PropertyValues.reg(0, 0, new RegEntry(0, 0)));
        assertBadValue(() -> PropertyValues.cells(-1, 0));
        assertBadValue(() -> PropertyValues.string("a\0b"));
    }

    private static void assertBadValue(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(FdtException.class,
                e -> assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_VALUE));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
