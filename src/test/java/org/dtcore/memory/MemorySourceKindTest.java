package org.dtcore.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MemorySourceKindTest {
    private static final Path TRUTH = Path.of("../shared/kernel-truth");

    @TempDir
    Path tmp;

    private Path text(String s) throws IOException {
        return Files.write(tmp.resolve("input"), s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64-virt-2g", "ppc64le-pseries-4g", "riscv64-virt-2g"})
    void realKernelsFiles(String board) {
        assertThat(MemorySourceKind.detect(TRUTH.resolve(board).resolve("booted.dtb"))).isEqualTo(MemorySourceKind.DTB);
        assertThat(MemorySourceKind.detect(TRUTH.resolve(board).resolve("iomem.txt"))).isEqualTo(MemorySourceKind.IOMEM);
        assertThat(MemorySourceKind.detect(TRUTH.resolve(board))).isEqualTo(MemorySourceKind.FOLDER);
    }

    @Test
    void aFolderIsAFolder() throws IOException {
        assertThat(MemorySourceKind.detect(Files.createDirectory(tmp.resolve("dt")))).isEqualTo(MemorySourceKind.FOLDER);
    }

    @Test
    void theMagicAloneMakesABlob() throws IOException {
        Path p = Files.write(tmp.resolve("x.dtb"), new byte[] {(byte) 0xd0, 0x0d, (byte) 0xfe, (byte) 0xed});
        assertThat(MemorySourceKind.detect(p)).isEqualTo(MemorySourceKind.DTB);
    }

    @Test
    void iomemAfterBlankLinesAndWithAnEmptyName() throws IOException {
        assertThat(MemorySourceKind.detect(text("\n\r\n  \n00000000-00000fff : Reserved\n"))).isEqualTo(MemorySourceKind.IOMEM);
        assertThat(MemorySourceKind.detect(text("1000-1fff :\n"))).isEqualTo(MemorySourceKind.IOMEM);
    }

    @Test
    void onlyAPrefixIsRead() throws IOException {
        Path p = tmp.resolve("big");
        Files.write(p, "00000000-00000fff : Reserved\n".getBytes(StandardCharsets.US_ASCII));
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(1L << 40); // a sparse terabyte: reading it whole would never finish
        }
        assertThat(MemorySourceKind.detect(p)).isEqualTo(MemorySourceKind.IOMEM);
    }

    @Test
    void anythingElseIsAnErrorNamingTheFileAndTheMagicFound() throws IOException {
        Path p = text("/dts-v1/;\n/ { };\n");
        assertThatThrownBy(() -> MemorySourceKind.detect(p))
                .isInstanceOfSatisfying(MemoryMapException.class, e -> assertThat(e.location()).isEqualTo(p.toString()))
                .hasMessageContaining("neither a device tree blob (magic 0xd00dfeed; found 0x2f647473)")
                .hasMessageContaining("a folder, nor /proc/iomem text");
    }

    @Test
    void aLittleEndianMagicIsNotABlob() throws IOException {
        Path p = Files.write(tmp.resolve("le.dtb"), new byte[] {(byte) 0xed, (byte) 0xfe, 0x0d, (byte) 0xd0, 0, 0, 0, 0});
        assertThatThrownBy(() -> MemorySourceKind.detect(p)).hasMessageContaining("found 0xedfe0dd0");
    }

    @Test
    void shortEmptyOrAlmostIomemFilesAreErrors() throws IOException {
        assertThatThrownBy(() -> MemorySourceKind.detect(text("ab"))).hasMessageContaining("only 2 bytes");
        assertThatThrownBy(() -> MemorySourceKind.detect(text(""))).hasMessageContaining("only 0 bytes");
        assertThatThrownBy(() -> MemorySourceKind.detect(text("\n\n\n\n"))).isInstanceOf(MemoryMapException.class);
        assertThatThrownBy(() -> MemorySourceKind.detect(text("0000-0fff System RAM\n")))
                .isInstanceOf(MemoryMapException.class);
        assertThatThrownBy(() -> MemorySourceKind.detect(text("hello-world : x\n")))
                .isInstanceOf(MemoryMapException.class);
    }

    @Test
    void aMissingFileIsAnErrorNamingIt() {
        Path p = tmp.resolve("absent");
        assertThatThrownBy(() -> MemorySourceKind.detect(p))
                .isInstanceOfSatisfying(org.dtcore.input.InputException.class,
                        e -> assertThat(e.location()).isEqualTo(p.toString()))
                .hasMessageEndingWith(": " + "no such file");
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = tmp.resolve("pipe");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> MemorySourceKind.detect(fifo)).isInstanceOf(org.dtcore.input.InputException.class)
                .hasMessageContaining("is a FIFO, not a regular file");
    }
}
