package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dtcore.testing.DtsBoard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A board without RAM has 0 bytes of it everywhere (table, --summary, SVG title, expect),
 * a size-0 dynamic reservation is 0 bytes, and RAM over all 2^64 bytes has no 65-bit JSON size. The
 * boards are compiled by dtc from the source written here.
 */
class ZeroIsZeroTest {
    @TempDir
    Path tmp;

    private Path dtb(String name, String body) {
        return DtsBoard.compile(tmp, name, "/ {\n#address-cells = <2>;\n#size-cells = <2>;\n" + body + "};\n");
    }

    @Test
    void noRamIsZeroBytesInEveryOutput() throws Exception {
        Path board = dtb("empty", "cpus { };\n");

        CliRun table = CliRun.of("chunks", board.toString());
        assertThat(table.status()).as(table.err()).isZero();
        assertThat(table.out()).contains("RAM: 0 ranges, 0 B").doesNotContain("EiB");
        assertThat(table.out()).contains("no RAM: the tree has no memory node");

        CliRun summary = CliRun.of("chunks", "--summary", board.toString(), board.toString());
        assertThat(summary.out()).contains("0 B").doesNotContain("EiB");

        Path svg = tmp.resolve("m.svg");
        CliRun map = CliRun.of("map", board.toString(), "-o", svg.toString());
        assertThat(map.status()).as(map.err()).isZero();
        assertThat(Files.readString(svg)).contains(": 0 B RAM in 0 ranges").doesNotContain("EiB");
    }

    @Test
    void aSizeZeroDynamicReservationIsZeroBytesAndExpectReadsBack() throws Exception {
        Path board = dtb("dyn", "memory@40000000 { device_type = \"memory\"; reg = <0 0x40000000 0 0x40000000>; };\n"
                + "reserved-memory { #address-cells = <2>; #size-cells = <2>; ranges;\n"
                + "  pool { size = <0 0>; }; };\n");

        CliRun table = CliRun.of("chunks", board.toString());
        assertThat(table.out()).contains("  0 B        -").doesNotContain("EiB");

        Path expect = tmp.resolve("dyn.expect.json");
        CliRun written = CliRun.of("expect", board.toString(), "-o", expect.toString());
        assertThat(written.status()).as(written.err()).isZero();
        assertThat(Files.readString(expect)).doesNotContain("16E").contains("\"size\": \"0\"");
        CliRun check = CliRun.of("check", board.toString(), expect.toString());
        assertThat(check.status()).as(check.out() + check.err()).isZero();
    }

    /** Decided (docs/numbers.md): the range over all 2^64 bytes has "size": null; end says where it stops. */
    @Test
    void ramOverTheWholeSpaceHasNoSixtyFiveBitSize() throws Exception {
        Path board = dtb("all", "memory@0 { device_type = \"memory\"; reg = <0 0 0x80000000 0 0x80000000 0 0x80000000 0>; };\n");

        CliRun json = CliRun.of("chunks", "--format", "json", board.toString());
        assertThat(json.status()).as(json.err()).isZero();
        assertThat(json.out()).doesNotContain("0x10000000000000000");
        JsonNode ram = new ObjectMapper().readTree(json.out()).findValue("memory").get(0);
        assertThat(ram.get("start").asText()).isEqualTo("0x0");
        assertThat(ram.get("end").asText()).isEqualTo("0xffffffffffffffff");
        assertThat(ram.get("size").isNull()).isTrue();
        assertThat(CliRun.of("chunks", board.toString()).out()).contains("16 EiB");

        // expect writes the whole space's size as "16E" (2^64, which sizes may be) and check reads it back
        Path expect = tmp.resolve("all.expect.json");
        assertThat(CliRun.of("expect", board.toString(), "-o", expect.toString()).status()).isZero();
        assertThat(Files.readString(expect)).contains("\"size\": \"16E\"");
        CliRun check = CliRun.of("check", board.toString(), expect.toString());
        assertThat(check.status()).as(check.out() + check.err()).isZero();
    }
}
