package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reaches the terminal is text. A tree whose node names and bootargs hold ESC, CR,
 * BEL and a newline (all legal bytes in an FDT name or string) is printed as a table, a check report, a
 * warning and an SVG map: none of those bytes may come out raw, and each row stays one line.
 */
class TerminalSafeOutputTest {
    private static final String NODE = "memory@40000000\u001b[31m\r\nFAKE";
    private static final String BOOTARGS = "console=ttyS0 \u001b]0;title\u0007 quiet";
    /** A disabled memory node: its name is quoted in a warning. */
    private static final String DISABLED = "memory@80000000\u001b[2J\nGONE";

    @TempDir
    Path tmp;

    /** A minimal valid FDT (SPEC §1) written here, since the writers refuse such names. */
    static byte[] hostileBlob() {
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        java.util.Map<String, Integer> offsets = new java.util.HashMap<>();
        java.util.function.BiConsumer<String, byte[]> prop = (name, value) -> {
            int off = offsets.computeIfAbsent(name, n -> {
                int o = strings.size();
                strings.writeBytes((n + "\0").getBytes(StandardCharsets.ISO_8859_1));
                return o;
            });
            st.writeBytes(ByteBuffer.allocate(12).putInt(3).putInt(value.length).putInt(off).array());
            st.writeBytes(value);
            st.writeBytes(new byte[(4 - value.length % 4) % 4]);
        };
        java.util.function.Consumer<String> begin = name -> {
            byte[] n = (name + "\0").getBytes(StandardCharsets.ISO_8859_1);
            st.writeBytes(ByteBuffer.allocate(4).putInt(1).array());
            st.writeBytes(n);
            st.writeBytes(new byte[(4 - n.length % 4) % 4]);
        };
        Runnable end = () -> st.writeBytes(ByteBuffer.allocate(4).putInt(2).array());
        begin.accept("");
        prop.accept("#address-cells", ByteBuffer.allocate(4).putInt(2).array());
        prop.accept("#size-cells", ByteBuffer.allocate(4).putInt(2).array());
        begin.accept(NODE);
        prop.accept("device_type", "memory\0".getBytes(StandardCharsets.ISO_8859_1));
        prop.accept("reg", ByteBuffer.allocate(16).putLong(0x40000000L).putLong(0x40000000L).array());
        end.run();
        begin.accept(DISABLED);
        prop.accept("device_type", "memory\0".getBytes(StandardCharsets.ISO_8859_1));
        prop.accept("status", "disabled\0".getBytes(StandardCharsets.ISO_8859_1));
        prop.accept("reg", ByteBuffer.allocate(16).putLong(0x80000000L).putLong(0x40000000L).array());
        end.run();
        begin.accept("chosen");
        prop.accept("bootargs", (BOOTARGS + "\0").getBytes(StandardCharsets.ISO_8859_1));
        end.run();
        end.run();
        st.writeBytes(ByteBuffer.allocate(4).putInt(9).array());
        byte[] rsv = new byte[16];
        int offRsv = 40;
        int offStruct = offRsv + rsv.length;
        int offStrings = offStruct + st.size();
        int total = offStrings + strings.size();
        return ByteBuffer.allocate(total).putInt(0xd00dfeed).putInt(total).putInt(offStruct).putInt(offStrings)
                .putInt(offRsv).putInt(17).putInt(16).putInt(0).putInt(strings.size()).putInt(st.size())
                .put(rsv).put(st.toByteArray()).put(strings.toByteArray()).array();
    }

    private static void printable(String text) {
        // a line terminator is the only control character allowed
        assertThat(text.chars().filter(c -> c != '\n' && (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0)))
                .as(text).isEmpty();
        assertThat(text).doesNotContain("\nFAKE").doesNotContain("\nGONE");
    }

    @Test
    void tablesWarningsReportsAndMapsEscapeControlCharacters() throws IOException {
        Path blob = Files.write(tmp.resolve("hostile.dtb"), hostileBlob());

        CliRun table = CliRun.of("chunks", blob.toString());
        assertThat(table.status()).as(table.err()).isZero();
        printable(table.out() + table.err());
        assertThat(table.out()).contains("memory@40000000\\x1b[31m\\r\\nFAKE reg")
                .contains("console=ttyS0 \\x1b]0;title\\x07 quiet").contains("memory@80000000\\x1b[2J\\nGONE: status");

        CliRun check = CliRun.of("check", blob.toString(), "fdt-samples/expected-layout/cells-1-1.expect.json");
        assertThat(check.status()).as(check.err()).isEqualTo(1);
        printable(check.out() + check.err());
        assertThat(check.out()).contains("\\x1b[31m\\r\\nFAKE");

        CliRun header = CliRun.of("header", blob.toString(), "--arch", "arm64", "--cpu-note", "0,0x7fff0000",
                "--vmcoreinfo", "0x7ffe0000", "--no-kernel-text", "-o", tmp.resolve("hdr").toString());
        printable(header.out() + header.err());
        assertThat(header.status()).as(header.err()).isZero();
        // the disabled node is named in a warning, escaped
        assertThat(header.err()).contains("memory@80000000\\x1b[2J\\nGONE: status");

        Path svg = tmp.resolve("map.svg");
        CliRun map = CliRun.of("map", blob.toString(), "-o", svg.toString());
        assertThat(map.status()).as(map.err()).isZero();
        String text = Files.readString(svg);
        printable(text);
        assertThat(text).contains("\\x1b[31m");
    }

    /**
     * Found by OutputPathFuzzTest (input {@code newline-in-a-name-under-a-missing-folder}): an output name
     * with a newline split the failure into three lines, the temporary file's name among them.
     */
    @Test
    void aFailureNamingAPathWithANewlineIsOneLine() {
        String target = tmp.resolve("sub").resolve("..").resolve("r\n-") .toString();
        CliRun r = CliRun.of("expect", "--arch", "arm64", "fdt-samples/qemu-arm64-virt-2g.dtb", "-o", target);
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1);
        assertThat(r.err()).contains("r\\n-");
    }
}
