package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dtcore map}: the SVG is written whole, with no temporary file left, and never over an input. */
class MapCommandTest {
    @Test
    void writesTheSvgAtomically(@TempDir Path tmp) throws IOException {
        Path svg = tmp.resolve("map.svg");
        Files.writeString(svg, "old");
        CliRun r = CliRun.of("map", "fdt-samples/reserved-memory.dtb", "-o", svg.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(svg).content().startsWith("<?xml").contains("<svg").endsWith("</svg>\n")
                .contains("reserved no-map 2 MiB at 0x4e000000 secmon@4e000000")
                .contains("crash kernel 256 MiB at 0x60000000")
                .contains("/reserved-memory/linux,cma: 64 MiB");
        try (var files = Files.list(tmp)) {
            assertThat(files).containsExactly(svg);
        }
    }

    @Test
    void refusesToOverwriteTheInput(@TempDir Path tmp) throws IOException {
        Path dtb = tmp.resolve("board.dtb");
        Files.copy(Path.of("fdt-samples/qemu-arm64-virt-numa.dtb"), dtb);
        CliRun r = CliRun.of("map", dtb.toString(), "-o", dtb.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("refusing to write over the input");
        assertThat(Files.readAllBytes(dtb)).isEqualTo(Files.readAllBytes(Path.of("fdt-samples/qemu-arm64-virt-numa.dtb")));
    }
}
