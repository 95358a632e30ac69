package org.dtcore.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Sizes from 0 to 2^64, printed so that what is shown is what is meant. */
class ByteSizeTest {
    @Test
    void zeroIsZeroAndTheWholeSpaceIsTwoToTheSixtyFour() {
        assertThat(ByteSize.ZERO.human()).isEqualTo("0 B");
        assertThat(ByteSize.ZERO.compact()).isEqualTo("0");
        assertThat(ByteSize.ofInclusive(0, -1L)).isEqualTo(ByteSize.FULL);
        assertThat(ByteSize.FULL.human()).isEqualTo("16 EiB");
        assertThat(ByteSize.FULL.compact()).isEqualTo("16E");
        assertThat(ByteSize.FULL.hex()).isEmpty();
        assertThat(ByteSize.of(1L << 63).plus(ByteSize.of(1L << 63))).isEqualTo(ByteSize.FULL);
        assertThatThrownBy(() -> ByteSize.FULL.plus(ByteSize.of(1))).isInstanceOf(TextException.class);
        assertThat(ByteSize.FULL.compareTo(ByteSize.of(-1L))).isPositive();
    }

    /** Exact when it can be, the next unit when short, else marked "~". */
    @Test
    void humanSizesNeverMislead() {
        assertThat(ByteSize.of(2L << 30).human()).isEqualTo("2 GiB");
        assertThat(ByteSize.of(2046L << 20).human()).isEqualTo("2046 MiB"); // not "2.0 GiB"
        assertThat(ByteSize.of(5L << 28).human()).isEqualTo("1.25 GiB");
        assertThat(ByteSize.of(2124).human()).isEqualTo("2124 B");
        assertThat(ByteSize.of(23L * (1L << 30) + 1013L * (1L << 20)).human()).isEqualTo("~24.0 GiB"); // 24565 MiB
        assertThat(ByteSize.of(673L * (1L << 20) + 1000L * 1024 + 5).human()).isEqualTo("~674.0 MiB");
        assertThat(ByteSize.of(-1L).human()).isEqualTo("~16.0 EiB");
    }

    @Test
    void compactReadsBackThroughTheGrammar() {
        for (long v : new long[] {1, 4096, 256L << 20, 0x1800, 3L << 60, -1L}) {
            ByteSize s = ByteSize.of(v);
            assertThat(Numbers.parseSize(s.compact())).as(s.compact()).isEqualTo(s);
        }
        assertThat(ByteSize.of(256L << 20).compact()).isEqualTo("256M");
        assertThat(ByteSize.of(0x1800).compact()).isEqualTo("6K");
        assertThat(ByteSize.of(0x1801).compact()).isEqualTo("0x1801");
    }
}
