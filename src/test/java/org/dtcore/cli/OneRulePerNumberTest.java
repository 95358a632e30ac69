package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The same number gets the same answer in every command and file format. Each case
 * runs the command line and the file forms side by side and compares their verdicts.
 */
class OneRulePerNumberTest {
    private static final String BOARD = "fdt-samples/qemu-arm64-virt-2g.dtb";

    @TempDir
    Path tmp;

    /** 0, 2G and 8E were pages to chunks (0 meaning 4 KiB) and errors to header; 512 is below 1 KiB. */
    @ParameterizedTest
    @ValueSource(strings = {"0", "512", "3K", "2G", "8E"})
    void aPageSizeOutsideOneKibToOneGibIsRefusedEverywhere(String page) throws Exception {
        CliRun chunks = CliRun.of("chunks", BOARD, "--arch", "arm64", "--page-size", page);
        CliRun context = CliRun.of("context", "--arch", "arm64", "--page-size", page, "--cpu-note", "0,0x1000",
                "--kernel-text", "0xffff800080000000,0x40200000,0x1000000", "--vmcoreinfo", "0x2000");
        Path expect = tmp.resolve("e.json");
        Files.writeString(expect, "{\"scan\": {\"pageSize\": \"" + page + "\"}}");
        CliRun check = CliRun.of("check", BOARD, expect.toString());
        Path ctx = tmp.resolve("c.json");
        Files.writeString(ctx, "{\"pageSize\": \"" + page + "\"}");
        CliRun contextFile = CliRun.of("context", "--arch", "arm64", "--context", ctx.toString(), "--cpu-note",
                "0,0x1000", "--kernel-text", "0xffff800080000000,0x40200000,0x1000000", "--vmcoreinfo", "0x2000");

        for (CliRun r : new CliRun[] {chunks, context, check, contextFile}) {
            assertThat(r.status()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).contains("is not a power of two from 1 KiB to 1 GiB");
        }
    }

    @Test
    void aGoodPageSizeIsAcceptedEverywhere() {
        assertThat(CliRun.of("chunks", BOARD, "--arch", "arm64", "--page-size", "64K").status()).isZero();
        CliRun context = CliRun.of("context", "--arch", "arm64", "--page-size", "64K", "--phys-offset", "0x40000000",
                "--cpu-note", "0,0x1000",
                "--kernel-text", "0xffff800080000000,0x40200000,0x1000000", "--vmcoreinfo", "0x2000");
        assertThat(context.status()).as(context.err()).isZero();
        assertThat(context.out()).contains("\"pageSize\": \"0x10000\"");
    }

    /** vaBits 0 in a context file and --va-bits 0 on the command line: one answer, for every arch. */
    @ParameterizedTest
    @ValueSource(strings = {"arm64", "riscv64", "x86_64", "ppc64"})
    void vaBitsZeroGetsOneAnswer(String arch) throws Exception {
        Path ctx = tmp.resolve("c.json");
        Files.writeString(ctx, "{\"vaBits\": 0}");
        String[] common = {"--arch", arch, "--cpu-note", "0,0x1000", "--phys-offset", "0x80000000",
            "--kernel-text", "0xffff800080000000,0x40200000,0x1000000", "--vmcoreinfo", "0x2000"};
        CliRun file = CliRun.of(concat(new String[] {"context", "--context", ctx.toString()}, common));
        CliRun option = CliRun.of(concat(new String[] {"context", "--va-bits", "0"}, common));

        assertThat(option.status()).as(option.err()).isEqualTo(file.status());
        assertThat(option.err().replace("--va-bits", "vaBits")).isEqualTo(file.err().replace(ctx.toString() + ": ", ""));
        if (arch.equals("arm64") || arch.equals("riscv64")) {
            assertThat(file.status()).isEqualTo(2);
            assertThat(file.err()).contains("VA_BITS 0");
        }
    }

    /** Invalid UTF-8 was U+FFFD in a context file and an error in an expectation file. */
    @Test
    void invalidUtf8IsRefusedInBothFileFormats() throws Exception {
        byte[] bytes = "{\"board\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1); // 0xe9 alone
        Path expect = tmp.resolve("e.json");
        Files.write(expect, bytes);
        Path ctx = tmp.resolve("c.json");
        Files.write(ctx, "{\"arch\": \"arm\u00e964\"}".getBytes(StandardCharsets.ISO_8859_1));

        CliRun check = CliRun.of("check", BOARD, expect.toString());
        CliRun context = CliRun.of("context", "--arch", "arm64", "--context", ctx.toString());

        assertThat(check.status()).isEqualTo(2);
        assertThat(check.err()).contains(expect + ": line 1 column 15: byte 0xe9 (offset 14) is not UTF-8 text");
        assertThat(context.status()).isEqualTo(2);
        assertThat(context.err()).contains(ctx + ": line 1 column 14: byte 0xe9 (offset 13) is not UTF-8 text");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
