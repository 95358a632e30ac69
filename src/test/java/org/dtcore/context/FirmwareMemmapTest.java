package org.dtcore.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.input.SystemRoot;
import org.dtcore.memory.MemoryRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sys/firmware/memmap as drivers/firmware/memmap.c lays it out: N/start, N/end ("0x%llx\n"), N/type. */
class FirmwareMemmapTest {
    @TempDir
    Path root;

    private void entry(int n, String start, String end, String type) throws IOException {
        Path d = root.resolve("sys/firmware/memmap/" + n);
        Files.createDirectories(d);
        Files.writeString(d.resolve("start"), start + "\n");
        Files.writeString(d.resolve("end"), end + "\n");
        Files.writeString(d.resolve("type"), type + "\n");
    }

    @Test
    void entriesComeInFolderOrderWithTheirTypeText() throws IOException {
        for (int i = 0; i < 11; i++) {
            entry(i, "0x" + Long.toHexString(i * 0x1000L), "0x" + Long.toHexString(i * 0x1000L + 0xfff),
                    i == 10 ? "ACPI Non-volatile Storage" : "System RAM");
        }

        List<FirmwareMemmap.Entry> e = FirmwareMemmap.read(SystemRoot.of(root)).orElseThrow();

        // numerically: 10 after 9, not after 1
        assertThat(e).hasSize(11);
        assertThat(e.get(10)).isEqualTo(new FirmwareMemmap.Entry(10, new MemoryRange(0xa000, 0xafff),
                "ACPI Non-volatile Storage"));
    }

    @Test
    void aRootWithoutTheFolderHasNone() {
        assertThat(FirmwareMemmap.read(SystemRoot.of(root))).isEmpty();
    }

    @Test
    void badValuesNameTheFileAndNotItsContents() throws IOException {
        entry(0, "0x1000", "zz-secret", "System RAM");

        assertThatThrownBy(() -> FirmwareMemmap.read(SystemRoot.of(root))).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).oneLine()).contains("sys/firmware/memmap/0/end")
                        .doesNotContain("secret"));
    }

    @Test
    void anEndBelowTheStartAndAMissingFileAreRefused() throws IOException {
        entry(0, "0x2000", "0x1000", "Reserved");
        assertThatThrownBy(() -> FirmwareMemmap.read(SystemRoot.of(root))).isInstanceOf(ContextException.class)
                .hasMessageContaining("below the entry's start");

        Files.delete(root.resolve("sys/firmware/memmap/0/end"));
        assertThatThrownBy(() -> FirmwareMemmap.read(SystemRoot.of(root))).isInstanceOf(ContextException.class)
                .satisfies(e -> assertThat(((ContextException) e).oneLine()).contains("sys/firmware/memmap/0/end")
                        .contains("every memmap entry has"));
    }
}
