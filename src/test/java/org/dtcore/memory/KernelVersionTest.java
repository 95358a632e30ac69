package org.dtcore.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * KernelVersion.parse reads releases by hand (no regex on the header path). The grammar it must keep is the
 * regex it replaced, written here: optional blanks, MAJOR.MINOR of 1-4 digits, then blanks only or one of
 * {@code . - + ~ _} and anything. Releases are uname strings as Debian and kernel.org builds print them.
 */
class KernelVersionTest {
    private static final Pattern GRAMMAR = Pattern.compile("\\s*(\\d{1,4})\\.(\\d{1,4})(?:[.\\-+~_].*|)\\s*",
            Pattern.DOTALL);

    @Test
    void readsRealReleases() {
        KernelVersion debian = KernelVersion.parse("6.1.0-28-amd64", "osrelease");
        assertEquals(6, debian.major());
        assertEquals(1, debian.minor());
        KernelVersion stable = KernelVersion.parse("6.12.117-kt\n", "osrelease");
        assertEquals(12, stable.minor());
        assertEquals("6.12.117-kt", stable.release());
    }

    @Test
    void agreesWithTheGrammarOnEdgeCases() {
        List<String> cases = List.of("6.1", " 6.12 ", "6.1\n", "\t6.1.0", "6.1-rc1", "6.1+", "6.1~x", "6.1_y",
                "6.1.\nz", "1234.5678", "12345.1", "6.12345", "6.1 x", "6.1foo", "v6.1", "6", "6.", ".1", "",
                " ", "6.1\u000B", "6..1", "06.01", "6.1\u00a0", "٦.١");
        for (String c : cases) {
            Matcher m = GRAMMAR.matcher(c);
            if (m.matches()) {
                KernelVersion v = KernelVersion.parse(c, "t");
                assertEquals(Integer.parseInt(m.group(1)), v.major(), c);
                assertEquals(Integer.parseInt(m.group(2)), v.minor(), c);
            } else {
                assertThrows(MemoryMapException.class, () -> KernelVersion.parse(c, "t"), c);
            }
        }
    }
}
