package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded input through the CLI: an endless device, a FIFO and a huge line each end in one line and exit
 * 2. The {@link Timeout}s only guard against a hang (a FIFO opened with no writer); no test asserts
 * how fast anything is.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BoundedInputCliTest {
    private static final String SAMPLE = "fdt-samples/qemu-arm64-virt-2g.dtb";

    @TempDir
    Path dir;

    private static String oneLine(CliRun r) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        String line = r.err().lines().findFirst().orElseThrow();
        assertThat(line).startsWith("dtcore: ").doesNotContain("Exception").doesNotContain("internal error");
        return line;
    }

    private Path fifo() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        return fifo;
    }

    @Test
    void checkAgainstDevZeroIsOneLine() {
        // read 4.3 GB of zeros, then died with a Java trace
        assertThat(oneLine(CliRun.of("check", SAMPLE, "/dev/zero")))
                .isEqualTo("dtcore: /dev/zero: is a character device, not a regular file; refusing to open it"
                        + " (it could block or never end)");
    }

    @Test
    void inspectAndCheckNeverWaitOnAFifo() throws Exception {
        Path fifo = fifo();
        assertThat(oneLine(CliRun.of("inspect", fifo.toString()))).contains(fifo + ": is a FIFO");
        assertThat(oneLine(CliRun.of("check", SAMPLE, fifo.toString()))).contains(fifo + ": is a FIFO");
        assertThat(oneLine(CliRun.of("check", fifo.toString(), "fdt-samples/expected-layout/cells-1-1.expect.json")))
                .contains(fifo + ": is a FIFO");
    }

    @Test
    void aSystemMapWithoutNewlineIsRefusedAtTheLineCap() throws IOException {
        // 2 GiB of zeros without a newline (sparse): took 3.3 GB of heap and died with a trace
        Path map = dir.resolve("System.map");
        try (RandomAccessFile f = new RandomAccessFile(map.toFile(), "rw")) {
            f.setLength(2L << 30);
        }
        Path root = Files.createDirectories(dir.resolve("root/proc"));
        Files.writeString(root.resolve("iomem"), "40000000-7fffffff : System RAM\n  40210000-41ffffff : Kernel code\n");
        CliRun r = CliRun.of("context", SAMPLE, "--arch", "arm64", "--sysroot", dir.resolve("root").toString(),
                "--system-map", map.toString());
        assertThat(oneLine(r)).contains(map + " line 1: longer than 4096 bytes");
    }
}
