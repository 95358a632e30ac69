package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.layout.BoardLayout;
import org.dtcore.memory.Arch;
import org.dtcore.memory.KernelVersion;
import org.dtcore.memory.ScanOptions;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --kernel-version} on the map commands (chunks, map, expect, check): the memory rules that changed
 * between Linux 6.1 and 6.12 (memory/KernelVersion), 6.1's when it is absent.
 */
class ScanKernelVersionTest {
    /** QEMU virt riscv64: 1 GiB at 0x80000000, where the firmware sits below the kernel at + 2 MiB. */
    static final String RISCV = """
            / { #address-cells = <2>; #size-cells = <2>;
              memory@80000000 { device_type = "memory"; reg = <0 0x80000000 0 0x40000000>; };
            };
            """;

    @TempDir
    Path tmp;

    private JsonNode chunks(Path dtb, String... options) throws IOException {
        String[] args = new String[options.length + 4];
        args[0] = "chunks";
        args[1] = "--format";
        args[2] = "json";
        System.arraycopy(options, 0, args, 3, options.length);
        args[args.length - 1] = dtb.toString();
        CliRun r = CliRun.of(args);
        assertThat(r.status()).as(r.err()).isZero();
        return new ObjectMapper().readTree(r.out());
    }

    @Test
    void riscvRamBelowTheKernelIsDroppedBy61AndKeptBy612() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "riscv", RISCV);

        // 6.1 setup_vm(): MIN_MEMBLOCK_ADDR is the load address (lowest RAM + 2 MiB by default), RAM below
        // it is clipped; 6.12 sets va_pa_offset after the scan and keeps it (arch/riscv/mm/init.c)
        String absent = chunks(dtb, "--arch", "riscv64").get("memory").get(0).get("start").asText();
        String v61 = chunks(dtb, "--arch", "riscv64", "--kernel-version", "6.1.192").get("memory").get(0)
                .get("start").asText();
        String v612 = chunks(dtb, "--arch", "riscv64", "--kernel-version", "6.12.117-kt").get("memory").get(0)
                .get("start").asText();

        assertThat(v61).isEqualTo("0x80200000");
        assertThat(absent).as("absent: 6.1's rules").isEqualTo(v61);
        assertThat(v612).isEqualTo("0x80000000");
    }

    @Test
    void powerpcMemoryLimitIsRoundedAsTheReleaseDoes() throws IOException {
        // mem= of 768 MiB + 64 KiB: 6.1 PAGE_ALIGNs it (64 KiB pages: unchanged), 6.12 aligns it down to
        // 16 MiB (arch/powerpc/kernel/prom.c early_init_devtree)
        Path dtb = DtsBoard.compile(tmp, "pseries", """
                / { #address-cells = <2>; #size-cells = <2>;
                  chosen { bootargs = "mem=0x30010000"; };
                  memory@0 { device_type = "memory"; reg = <0 0 0 0x40000000>; };
                };
                """);

        JsonNode v61 = chunks(dtb, "--arch", "ppc64");
        JsonNode v612 = chunks(dtb, "--arch", "ppc64", "--kernel-version", "6.12");

        assertThat(v61.get("memory").get(0).get("end").asText()).isEqualTo("0x3000ffff");
        assertThat(v612.get("memory").get(0).get("end").asText()).isEqualTo("0x2fffffff");
    }

    @Test
    void expectRecordsTheReleaseAndCheckReadsItBack() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "riscv", RISCV);
        Path expect = tmp.resolve("riscv.expect.json");

        CliRun e = CliRun.of("expect", dtb.toString(), "--arch", "riscv64", "--kernel-version", "6.12", "-o",
                expect.toString());
        assertThat(e.status()).as(e.err()).isZero();
        assertThat(Files.readString(expect)).contains("\"kernelVersion\": \"6.12\"").contains("0x80000000");

        // no options: the file's rules, 6.12's, hold; 6.1's given on the command line do not
        assertThat(CliRun.of("check", dtb.toString(), expect.toString()).status()).isZero();
        assertThat(CliRun.of("check", dtb.toString(), expect.toString(), "--arch", "riscv64", "--kernel-version",
                "6.1").status()).isEqualTo(1);
    }

    @Test
    void aBadReleaseInAnExpectationFileIsOneLineNamingTheField() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "riscv", RISCV);
        Path expect = tmp.resolve("riscv.expect.json");
        assertThat(CliRun.of("expect", dtb.toString(), "--arch", "riscv64", "--kernel-version", "6.12", "-o",
                expect.toString()).status()).isZero();
        Files.writeString(expect, Files.readString(expect).replace("\"kernelVersion\": \"6.12\"",
                "\"kernelVersion\": \"linux\""));

        CliRun r = CliRun.of("check", dtb.toString(), expect.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("kernelVersion").contains("MAJOR.MINOR");
    }

    @Test
    void aBadReleaseIsOneLineNamingTheOption() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "riscv", RISCV);

        CliRun r = CliRun.of("map", dtb.toString(), "--kernel-version", "linux", "-o", tmp.resolve("m.svg").toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().contains("--kernel-version").contains("MAJOR.MINOR");
    }

    @Test
    void boardLayoutTakesTheReleaseInItsScanOptions() throws IOException {
        Path dtb = DtsBoard.compile(tmp, "riscv", RISCV);

        BoardLayout v61 = BoardLayout.load(dtb, ScanOptions.forArch(Arch.RISCV64));
        BoardLayout v612 = BoardLayout.load(dtb,
                ScanOptions.forArch(Arch.RISCV64).withKernel(KernelVersion.LINUX_6_12));

        assertThat(v61.map().chunks().get(0).range().start()).isEqualTo(0x8020_0000L);
        assertThat(v612.map().chunks().get(0).range().start()).isEqualTo(0x8000_0000L);
    }
}
