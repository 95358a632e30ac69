package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.dtcore.input.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FdtParser.read opens regular files only: a device never ends and a FIFO without a
 * writer blocks the open itself, so both are refused by their type before anything is opened.
 */
class StreamReadTest {

    @Test
    void anEndlessDeviceIsRefusedUnread() {
        // once read 2 GiB of zeros before the magic was looked at, later only the claimed totalsize
        assertThatThrownBy(() -> FdtParser.read(Path.of("/dev/zero")))
                .isInstanceOfSatisfying(InputException.class,
                        e -> assertThat(e.kind()).isEqualTo(InputException.Kind.NOT_REGULAR))
                .hasMessageContaining(": " + "is a character device");
    }

    @Test
    void aFifoWithoutAWriterIsRefusedWithoutBlocking(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("blob");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // nobody writes: opening it would wait forever
        assertThatThrownBy(() -> FdtParser.read(fifo)).isInstanceOfSatisfying(InputException.class,
                e -> assertThat(e.kind()).isEqualTo(InputException.Kind.NOT_REGULAR));
    }
}
