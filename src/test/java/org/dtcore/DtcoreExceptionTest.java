package org.dtcore;

import static org.assertj.core.api.Assertions.assertThat;

import org.dtcore.fdt.FdtException;
import org.dtcore.memory.MemoryMapException;
import org.junit.jupiter.api.Test;

/** SPEC §12: the CLI's message is one line, whatever names the input puts into it. */
class DtcoreExceptionTest {

    @Test
    void controlCharactersInNodeNamesAreEscaped() {
        // an FDT node name may hold any byte but NUL; a folder entry name any but '/'
        MemoryMapException e = new MemoryMapException("/mem\nory@0/reg", "base 0x1 + size 0x2\r wraps\t\u0007");
        assertThat(e.oneLine()).isEqualTo("/mem\\nory@0/reg: base 0x1 + size 0x2\\r wraps\\t\\x07")
                .doesNotContain("\n");
    }

    @Test
    void plainMessagesAreUnchanged() {
        FdtException e = FdtException.at(FdtException.Kind.TRUNCATED, 0x28, "structure block ends at 0x28");
        assertThat(e.oneLine()).isEqualTo("offset 0x28: structure block ends at 0x28");
    }
}
