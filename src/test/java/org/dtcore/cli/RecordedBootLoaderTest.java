package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board whose RAM the boot loader fills in (Linux 6.12's Raspberry Pi 4 tree: /memory@0 is reg = <0 0 0>)
 * through {@code expect}, {@code map} and {@code check}: the missing RAM is said, an expectation of nothing
 * is refused unless asked, and the boot loader's view given to {@code expect} is recorded in the file and
 * applied by a plain {@code check}.
 */
class RecordedBootLoaderTest {
    private static final String B = "fdt-samples/boot-loader/";
    private static final String PI = B + "bcm2711-rpi-4-b.dtb";
    private static final Path RAMOOPS = Path.of(B + "rpi4-ramoops.dtbo");
    private static final String NO_RAM = "dtcore: warning: no RAM: every memory reg tuple has size 0";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void expectRefusesABoardWithoutRamAndSaysWhy() {
        Path out = tmp.resolve("pi.expect.json");

        CliRun r = CliRun.of("expect", PI, "--arch", "arm64", "-o", out.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(2);
        assertThat(r.err()).startsWith(NO_RAM).contains("dtcore: " + PI + ": no RAM, so the expectation would hold only"
                + " while the board has none; give the banks the boot loader writes (--memory START+SIZE), or"
                + " --allow-no-ram to write it anyway");
        assertThat(out).doesNotExist();
    }

    @Test
    void allowNoRamWritesItWithTheWarning() throws IOException {
        CliRun r = CliRun.of("expect", PI, "--arch", "arm64", "--allow-no-ram");

        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).startsWith(NO_RAM);
        assertThat(JSON.readTree(r.out()).get("ram")).isEmpty();
    }

    @Test
    void mapSaysTheBoardHasNoRam() {
        CliRun r = CliRun.of("map", PI, "--arch", "arm64", "-o", tmp.resolve("pi.svg").toString());
        assertThat(r.status()).isZero();
        assertThat(r.err()).startsWith(NO_RAM);
    }

    @Test
    void theBootLoadersViewIsRecordedAndAPlainCheckAppliesIt() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("expectations"));
        Path file = folder.resolve("pi.expect.json");

        CliRun made = CliRun.of("expect", PI, "--arch", "arm64", "--memory", "0+1G", "--overlay", RAMOOPS.toString(),
                "-o", file.toString());

        assertThat(made.status()).as(made.err()).isZero();
        JsonNode boot = JSON.readTree(file.toFile()).get("bootLoader");
        assertThat(boot.get("memory").get(0).get("start").asText()).isEqualTo("0x0");
        assertThat(boot.get("memory").get(0).get("end").asText()).isEqualTo("0x3fffffff");
        assertThat(boot.get("libfdt").asText()).isEqualTo("1.7");
        // relative to the expectation file's folder, where check looks for it
        Path recorded = Path.of(boot.get("overlays").get(0).asText());
        assertThat(recorded.isAbsolute()).isFalse();
        assertThat(folder.resolve(recorded).normalize()).isEqualTo(RAMOOPS.toAbsolutePath().normalize());

        CliRun check = CliRun.of("check", PI, file.toString());
        assertThat(check.status()).as(check.out()).isZero();
        // 1 GiB of bank less the overlay's 1 MiB no-map ramoops carve-out stays RAM: the overlay was applied
        assertThat(check.out()).contains("ok   ram: 1 range as expected", "ok   reserved: 2 regions as expected");

        ObjectNode without = (ObjectNode) JSON.readTree(file.toFile());
        without.remove("bootLoader");
        Path bare = folder.resolve("bare.expect.json");
        Files.writeString(bare, without.toString());
        assertThat(CliRun.of("check", PI, bare.toString()).status()).isEqualTo(1);
    }

    @Test
    void theCommandLineWinsOverTheRecord() throws IOException {
        Path file = tmp.resolve("pi.expect.json");
        assertThat(CliRun.of("expect", PI, "--memory", "0+1G", "-o", file.toString()).status()).isZero();

        CliRun r = CliRun.of("check", PI, file.toString(), "--memory", "0+2G");

        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL ram: 1 range differs");
    }

    @Test
    void aRecordedOverlayThatIsGoneIsOneLineNamingTheFieldAndThePath() throws IOException {
        Path file = tmp.resolve("pi.expect.json");
        assertThat(CliRun.of("expect", PI, "--memory", "0+1G", "--overlay", RAMOOPS.toString(), "-o",
                file.toString()).status()).isZero();
        Path recorded = Path.of(JSON.readTree(file.toFile()).get("bootLoader").get("overlays").get(0).asText());
        Path moved = Files.createDirectories(tmp.resolve("elsewhere")).resolve("pi.expect.json");
        Files.move(file, moved);

        CliRun r = CliRun.of("check", PI, moved.toString());

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).hasSize(1);
        assertThat(r.err()).startsWith("dtcore: " + moved + ": $.bootLoader.overlays[0]: no overlay at "
                + moved.toAbsolutePath().getParent().resolve(recorded).normalize() + " (an overlay path is relative to"
                + " the expectation file's folder)");
    }
}
