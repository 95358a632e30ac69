package org.dtcore.layout;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.DtcoreException;
import org.dtcore.input.InputException;
import org.dtcore.memory.MemoryMapException;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a JUnit user sees when a board cannot be read: the exception's message (the line a test report
 * prints) names the file, then what was wrong.
 */
class BoardLayoutErrorsTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("nope.dtb");
        assertThatThrownBy(() -> BoardLayout.load(missing))
                .isInstanceOf(InputException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void aTextFileIsNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.txt"), "a board's notes\n");
        assertThatThrownBy(() -> BoardLayout.load(text))
                .isInstanceOf(MemoryMapException.class)
                .hasMessageStartingWith(text + ": neither a device tree blob (magic 0xd00dfeed; found 0x")
                .hasMessageContaining("nor /proc/iomem text");
    }

    @Test
    void aBrokenBlobNamesTheFileAndTheOffset() throws IOException {
        Path good = DtsBoard.compile(dir, "good", "/ { memory@0 { device_type = \"memory\"; reg = <0 0x1000>; }; };");
        byte[] blob = Files.readAllBytes(good);
        // the header's totalsize (bytes 4-7, SPEC §1) says one byte more than the file has
        int total = blob.length + 1;
        blob[4] = (byte) (total >>> 24);
        blob[5] = (byte) (total >>> 16);
        blob[6] = (byte) (total >>> 8);
        blob[7] = (byte) total;
        Path bad = Files.write(dir.resolve("bad.dtb"), blob);
        assertThatThrownBy(() -> BoardLayout.load(bad))
                .isInstanceOf(DtcoreException.class)
                .hasMessageStartingWith(bad + ": ")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((DtcoreException) e).file())
                        .contains(bad));
    }

    @Test
    void aLayoutSaysWhatItWasReadWithAndNoPlaceholders() throws IOException {
        // reserved-memory.dts: one bank 0x40000000+2G; read with arm64's rules and nothing else given
        BoardLayout b = BoardLayout.load(Path.of("fdt-samples/reserved-memory.dtb"),
                org.dtcore.memory.ScanOptions.forArch(org.dtcore.memory.Arch.ARM64));
        org.assertj.core.api.Assertions.assertThat(b.toString())
                .startsWith("board layout of fdt-samples/reserved-memory.dtb (arm64 rules): 2 GiB of RAM in 1 range")
                .doesNotContain("=").doesNotContain("-1").doesNotContain("null");
        org.assertj.core.api.Assertions.assertThat(org.dtcore.memory.ScanOptions.forArch(org.dtcore.memory.Arch.ARM64)
                        .withPageSize(64 << 10).withKernelLoadAddress(0x8020_0000L).toString())
                .isEqualTo("arm64 rules, 64 KiB pages, kernel loaded at 0x80200000");
    }
}
