package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The words are what {@code trim().split("\\s+")} gives (the regex is the reference here). */
class CommandLineWordsTest {
    @Test
    void sameWordsAsTheRegexSplit() {
        for (String s : List.of("", " ", "a", " a ", "console=ttyS0 crashkernel=256M  mem=2G",
                "\tnuma=off\n", "a\u000bb\fc\rd", "x\u0001y z", "\u0001a b\u0001", "a  \t  b", "   lead", "trail   ")) {
            assertThat(CommandLineWords.of(s)).as("'%s'", s).containsExactly(s.trim().split("\\s+"));
        }
    }
}
