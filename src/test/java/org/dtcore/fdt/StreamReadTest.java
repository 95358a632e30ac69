package org.dtcore.fdt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FdtParser.read on inputs that are not regular files (procfs, pipes, devices) reads as a stream: only
 * as many bytes as the header's totalsize claims (SPEC §1: no allocation larger than the input demands).
 */
class StreamReadTest {

    @Test
    void anEndlessStreamIsNotReadToTheEnd() {
        // used to read 2 GiB of zeros before the magic was looked at
        assertThatThrownBy(() -> FdtParser.read(Path.of("/dev/zero")))
                .isInstanceOfSatisfying(FdtException.class, e -> assertThat(e.kind()).isEqualTo(FdtException.Kind.BAD_MAGIC))
                .hasMessage("bad magic 0x00000000 (an FDT starts with 0xd00dfeed)");
    }

    @Test
    void aStreamedBlobIsReadUpToItsTotalsize(@TempDir Path dir) throws Exception {
        byte[] blob = BlobBuilder.minimal();
        Path fifo = dir.resolve("blob");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Thread writer = new Thread(() -> {
            try {
                byte[] withTail = java.util.Arrays.copyOf(blob, blob.length + 100); // bytes past totalsize
                Files.write(fifo, withTail);
            } catch (java.io.IOException e) {
                // the reader closed early: fine
            }
        });
        writer.setDaemon(true); // never keeps the test JVM alive, whatever happens to the reader
        writer.start();
        DeviceTree t = FdtParser.read(fifo);
        writer.join(10_000);
        assertThat(t.node("/chosen")).isPresent();
    }
}
