package org.dtcore.context;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The vmcoreinfo line's words without a regex: the reference is {@code strip().split("\\s+")}. */
class SystemRootContextWordsTest {
    @Test
    void sameWordsAsTheRegexSplit() {
        for (String line : List.of("40a34000 1024\n", "", " ", "a", "a  \t b", "a\u000bb\fc\rd", "x\u0001y z",
                " 40a34000\t1024 extra ", "\u00a0a b")) {
            String s = line.strip();
            assertArrayEquals(s.split("\\s+"), SystemRootContext.words(s), line);
        }
    }
}
