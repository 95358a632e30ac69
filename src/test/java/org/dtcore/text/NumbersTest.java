package org.dtcore.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * dtcore's one number grammar (docs/numbers.md) and the kernel's memparse beside it. Expected values are
 * worked out here: a suffix is a shift by 10 per step (K=2^10 ... E=2^60), octal 010 is 8.
 */
class NumbersTest {
    @Test
    void hexDecimalAndBinarySuffixes() {
        assertThat(Numbers.parse("0x40000000")).isEqualTo(1L << 30);
        assertThat(Numbers.parse("4096")).isEqualTo(4096);
        assertThat(Numbers.parse("256M")).isEqualTo(256L << 20);
        assertThat(Numbers.parse("2g")).isEqualTo(2L << 30);
        assertThat(Numbers.parse("15E")).isEqualTo(15L << 60);
        assertThat(Numbers.parse(" 0 ")).isZero();
        assertThat(Numbers.parse("0xffffffffffffffff")).isEqualTo(-1L);
        assertThat(Numbers.parse("18446744073709551615")).isEqualTo(-1L);
    }

    @Test
    void refusesWhatIsNotOneNumber() {
        for (String bad : new String[] {"", "0x", "-1", "+5", "1.5G", "0x10K", "\uff11G", "1KB", "ten"}) {
            assertThatThrownBy(() -> Numbers.parse(bad)).as(bad).isInstanceOf(TextException.class)
                    .extracting(e -> ((TextException) e).kind()).isEqualTo(TextException.Kind.NOT_A_NUMBER);
        }
        for (String wide : new String[] {"16E", "0x10000000000000000", "18446744073709551616", "17179869184G"}) {
            assertThatThrownBy(() -> Numbers.parse(wide)).as(wide).isInstanceOf(TextException.class)
                    .extracting(e -> ((TextException) e).kind()).isEqualTo(TextException.Kind.TOO_WIDE);
        }
    }

    /** Settled: "010M" is 8 MiB to the kernel (octal) and 10 MiB to a person, so dtcore's grammar refuses it. */
    @Test
    void aLeadingZeroIsRefusedInDtcoresGrammarAndOctalInTheKernels() {
        assertThatThrownBy(() -> Numbers.parse("010M")).isInstanceOf(TextException.class)
                .hasMessageContaining("leading zero")
                .extracting(e -> ((TextException) e).kind()).isEqualTo(TextException.Kind.LEADING_ZERO);
        assertThat(Memparse.parse("010M")).isEqualTo(8L << 20); // lib/cmdline.c memparse: simple_strtoull(.., 0)
        assertThat(Memparse.parse("0x10M")).isEqualTo(16L << 20);
        assertThat(Memparse.parse("0x1E")).isEqualTo(0x1e); // E is a hex digit before it is a suffix
        assertThat(Memparse.parse("10M")).isEqualTo(10L << 20);
        assertThatThrownBy(() -> Memparse.parse("08")).isInstanceOf(TextException.class);
    }

    @Test
    void sizesReachTwoToTheSixtyFour() {
        assertThat(Numbers.parseSize("16E")).isEqualTo(ByteSize.FULL);
        assertThat(Numbers.parseSize("0")).isEqualTo(ByteSize.ZERO);
        assertThat(Numbers.parseSize("2G").bytes()).isEqualTo(2L << 30);
    }

    @Test
    void asciiDigitsOfTheRadix() {
        assertThat(Numbers.hexDigits("ffffffffffffffff")).isEqualTo(-1L);
        assertThat(Numbers.hexDigits("00000000ffffffffffffffff")).isEqualTo(-1L);
        assertThat(Numbers.isDigits("8", 8)).isFalse();
        assertThat(Numbers.isDigits("", 10)).isFalse();
        assertThat(Numbers.isDigits("+5", 10)).isFalse();
        assertThat(Numbers.isDigits("\uff11", 10)).isFalse();
        assertThatThrownBy(() -> Numbers.hexDigits("10000000000000000")).isInstanceOf(TextException.class);
    }

    @Test
    void formattingIgnoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY); // "1,5" in a Formatter with the default locale
            assertThat(ByteSize.of(3L << 29).human()).isEqualTo("1.5 GiB");
            assertThat(ByteSize.of((24L << 30) - (10L << 20) - 1).human()).isEqualTo("~24.0 GiB");
            assertThat(Numbers.hex16(0x40000000L)).isEqualTo("0x0000000040000000");
        } finally {
            Locale.setDefault(before);
        }
    }

    /**
     * The one hex formatter prints what C's printf (and Java's Formatter, its reference here) prints for
     * each width the outputs use: {@code 0x%x}, {@code 0x%016x}, {@code 0x%08x}, {@code %x}, {@code %02x}.
     */
    @Test
    void hexFormsMatchPrintf() {
        long[] values = {0, 1, 0xf, 0x10, 0xd00dfeedL, 0xffffffffL, 1L << 32, 0x123456789abcdefL, Long.MAX_VALUE,
                Long.MIN_VALUE, -1L};
        for (long v : values) {
            assertThat(Numbers.hex(v)).isEqualTo(String.format(Locale.ROOT, "0x%x", v));
            assertThat(Numbers.hex16(v)).isEqualTo(String.format(Locale.ROOT, "0x%016x", v));
            assertThat(Numbers.hex8(v)).isEqualTo(String.format(Locale.ROOT, "0x%08x", v));
            assertThat(Numbers.plainHex(v, 1)).isEqualTo(String.format(Locale.ROOT, "%x", v));
            assertThat(Numbers.plainHex(v, 4)).isEqualTo(String.format(Locale.ROOT, "%04x", v));
        }
        for (int b = Byte.MIN_VALUE; b <= Byte.MAX_VALUE; b++) { // a byte prints unsigned, as %02x prints it
            assertThat(Numbers.plainHex(b & 0xff, 2)).isEqualTo(String.format(Locale.ROOT, "%02x", (byte) b));
        }
        // an int prints as C's unsigned int once widened without its sign
        assertThat(Numbers.hex8(Integer.toUnsignedLong(0xd00dfeed))).isEqualTo("0xd00dfeed");
    }
}
