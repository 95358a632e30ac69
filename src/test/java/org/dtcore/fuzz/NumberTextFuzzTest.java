package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.dtcore.memory.MemoryRange;
import org.dtcore.memory.RangeText;
import org.dtcore.text.ByteSize;
import org.dtcore.text.Memparse;
import org.dtcore.text.Numbers;
import org.dtcore.text.TextException;

/**
 * dtcore's number grammar, the kernel's memparse and the range grammar (docs/numbers.md) on any text:
 * only a {@link TextException} may leave, and whatever is read prints back to itself: a number through
 * {@link ByteSize#compact()} and {@link Numbers#hex}, a range through {@link RangeText#format}.
 *
 * <p>Without JAZZER_FUZZ this replays {@code NumberTextFuzzTestInputs/text/}; see docs/fuzzing.md.
 */
class NumberTextFuzzTest {

    @FuzzTest(maxDuration = "10m")
    void text(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        try {
            long v = Numbers.parse(s);
            check(Numbers.parseSize(ByteSize.of(v).compact()).equals(ByteSize.of(v)), s);
            check(Numbers.parse(Numbers.hex(v)) == v, s);
        } catch (TextException refused) {
            // refused with what is accepted: a valid answer
        }
        try {
            Memparse.parse(s);
        } catch (TextException refused) {
            // the kernel would stop early; dtcore refuses
        }
        try {
            MemoryRange r = RangeText.parse(s);
            check(RangeText.parse(RangeText.format(r)).equals(r), s);
        } catch (TextException refused) {
            // not a range
        }
        try {
            ByteSize size = Numbers.parseSize(s);
            check(size.human().length() <= 12, s);
        } catch (TextException refused) {
            // not a size
        }
    }

    private static void check(boolean holds, String input) {
        if (!holds) {
            throw new AssertionError("does not print back to itself: '" + input + "'");
        }
    }
}
