package org.dtcore;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void everyControlCharacterBecomesVisible() {
        assertThat(TerminalText.escape("a\u001b[31mb\r\n\t\u0000\u007f\u009b\u2028c\\d"))
                .isEqualTo("a\\x1b[31mb\\r\\n\\t\\x00\\x7f\\x9b\\u2028c\\d");
    }

    @Test
    void printableTextIsReturnedAsItIs() {
        String s = "/memory@40000000 reg é 日本";
        assertThat(TerminalText.escape(s)).isSameAs(s);
        assertThat(TerminalText.escape(null)).isNull();
    }
}
