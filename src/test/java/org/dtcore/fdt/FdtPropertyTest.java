package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Typed decoding of property values (SPEC §2 cells and reg tuples, §6 variable-width numbers). */
class FdtPropertyTest {

    private static FdtProperty prop(byte... bytes) {
        return FdtProperty.of("/node", "p", bytes);
    }

    private static FdtProperty cells(int... cells) {
        ByteBuffer b = ByteBuffer.allocate(cells.length * 4);
        for (int c : cells) {
            b.putInt(c);
        }
        return prop(b.array());
    }

    private static FdtProperty text(String s) {
        return prop(s.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertBadValue(Runnable decode, String fragment) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(FdtException.class, e -> {
            assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_VALUE);
            assertThat(e.path()).contains("/node/p");
            assertThat(e.getMessage()).contains(fragment);
        });
    }

    @Test
    void cStringsEndAtTheFirstNulOrTheValue() {
        // strcmp in the kernel stops at the first NUL; a blob's zero padding ends a value without one
        assertThat(text("memory").isCString("memory")).isTrue();
        assertThat(text("memory").isString("memory")).isFalse();
        assertThat(text("memory\0").isCString("memory")).isTrue();
        assertThat(text("memory\0junk").isCString("memory")).isTrue();
        assertThat(text("mem\0ory\0").isCString("memory")).isFalse();
        assertThat(text("memoryx").isCString("memory")).isFalse();
        assertThat(text("a\0b\0").asCString()).isEqualTo("a");
        assertThat(text("a\0b\0").cStringLength()).isEqualTo(1);
        assertThat(prop().asCString()).isEmpty();
    }

    @Test
    void strings() {
        assertThat(text("okay\0").asString()).isEqualTo("okay");
        assertThat(text("\0").asString()).isEmpty();
        assertThat(text("okay\0").isString("okay")).isTrue();
        assertThat(text("okay").isString("okay")).isFalse();
        assertThat(text("okay\0\0").isString("okay")).isFalse();
        assertBadValue(() -> text("okay").asString(), "not NUL-terminated");
        assertBadValue(() -> text("a\0b\0").asString(), "expected one string, found 2");
        assertBadValue(() -> prop().asString(), "found 0");
    }

    @Test
    void stringLists() {
        assertThat(text("arm,cortex-a57\0arm,armv8\0").asStringList()).containsExactly("arm,cortex-a57", "arm,armv8");
        assertThat(text("a\0\0b\0").asStringList()).containsExactly("a", "", "b");
        assertThat(prop().asStringList()).isEmpty();
        assertBadValue(() -> text("a\0b").asStringList(), "not NUL-terminated");
    }

    @Test
    void u32AndU64AreUnsignedBigEndian() {
        assertThat(cells(0xffffffff).asU32()).isEqualTo(0xffffffffL);
        assertThat(cells(0x12345678, 0x9abcdef0).asU64()).isEqualTo(0x123456789abcdef0L);
        assertThat(cells(0x80000000).asU32OrU64()).isEqualTo(0x80000000L);
        assertThat(cells(0x1, 0x80000000).asU32OrU64()).isEqualTo(0x180000000L);
        assertBadValue(() -> prop((byte) 1, (byte) 2).asU32(), "expected 4 bytes (u32), found 2");
        assertBadValue(() -> cells(1).asU64(), "expected 8 bytes (u64), found 4");
        assertBadValue(() -> cells(1, 2, 3).asU32OrU64(), "expected 4 or 8 bytes, found 12");
    }

    @Test
    void cellsWiderThanTwoKeepTheirLowSixtyFourBits() {
        FdtProperty p = cells(0, 0x1, 0x2, 7);
        assertThat(p.cells(0, 3)).isEqualTo(0x100000002L);
        assertThat(p.cells(0, 0)).isZero();
        assertThat(p.cells(3, 1)).isEqualTo(7);
        // of_read_number: (((1 << 32) | 0) << 32 | 0), the top cell shifted out of 64 bits
        assertThat(cells(1, 0, 0).cells(0, 3)).isZero();
        assertBadValue(() -> p.cells(3, 2), "run past the 16-byte value");
        assertBadValue(() -> p.cells(-1, 1), "run past");
        assertThat(p.cellCount()).isEqualTo(4);
        assertThat(p.cell(1)).isEqualTo(1);
        assertBadValue(() -> p.cell(4), "cell 4 is past the end of a 16-byte value");
    }

    @Test
    void regTuplesIgnoreATrailingPartTupleAndReportIt() {
        FdtProperty reg = cells(0, 0x80000000, 0, 0x40000000, 1, 0, 0, 0x1000);
        List<RegEntry> two = reg.asReg(2, 2);
        assertThat(two).containsExactly(new RegEntry(0x80000000L, 0x40000000L), new RegEntry(0x100000000L, 0x1000));
        assertThat(reg.regRemainder(2, 2)).isEqualTo(0);
        assertThat(reg.asReg(2, 1)).hasSize(2);
        assertThat(reg.regRemainder(2, 1)).isEqualTo(8);
        assertThat(cells(0x1000).asReg(1, 0)).containsExactly(new RegEntry(0x1000, 0));
        assertThat(prop().asReg(2, 2)).isEmpty();
    }

    @Test
    void regTuplesOfThreeCellsKeepTheirLowSixtyFourBits() {
        assertThat(cells(0, 0, 0x1000, 0x10).asReg(3, 1)).containsExactly(new RegEntry(0x1000, 0x10));
        assertThat(cells(1, 0, 0x1000, 0x10).asReg(3, 1)).containsExactly(new RegEntry(0x1000, 0x10));
    }

    @Test
    void hostileCellCountsAreValueErrorsNotArithmeticFaults() {
        FdtProperty reg = cells(1, 2, 3, 4);
        assertThat(reg.asReg(0x40000000, 0x40000000)).isEmpty();
        assertThat(reg.regRemainder(0x40000000, 0x40000000)).isEqualTo(16);
        assertThat(reg.asReg(Integer.MAX_VALUE, 1)).isEmpty();
        assertBadValue(() -> reg.asReg(-1, 3), "cannot decode tuples of -1+3 cells");
        assertBadValue(() -> reg.asReg(0, 0), "cannot decode tuples of 0+0 cells");
        assertThat(reg.regRemainder(-1, 3)).isEqualTo(16);
    }

    @Test
    void readingTheValueBufferDoesNotMoveWhatAccessorsSee() {
        FdtProperty p = cells(0x11223344, 0x55667788);
        ByteBuffer v = p.value();
        v.getInt();
        assertThat(p.length()).isEqualTo(8);
        assertThat(p.asU64()).isEqualTo(0x1122334455667788L);
        assertThat(p.value().position()).isZero();
        assertThat(p.buffer().remaining()).isEqualTo(8);
    }

    @Test
    void ofCopiesTheGivenBytes() {
        byte[] b = {0, 0, 0, 1};
        FdtProperty p = FdtProperty.of("/", "x", b);
        b[3] = 2;
        assertThat(p.asU32()).isEqualTo(1);
        assertThat(p.path()).isEqualTo("/x");
        assertThat(p.offset()).isEqualTo(-1);
    }
}
