package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dtcore.testing.DtsBoard;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --memory, --overlay and {@code dtcore overlay} from the command line: README's worked example on the
 * Raspberry Pi 4 runs as written, the merged blob is fdtoverlay's, and every refusal is one line.
 */
class BootLoaderCliTest {
    private static final String B = "fdt-samples/boot-loader/";
    private static final String PI = B + "bcm2711-rpi-4-b.dtb";
    private static final String RAMOOPS = B + "rpi4-ramoops.dtbo";
    private static final String[] BANKS = {"--memory", "0+0x3b400000", "--memory", "0x40000000+0xbc000000"};

    @TempDir
    Path dir;

    private static String[] args(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static void oneLine(CliRun r, String... contains) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).endsWith("\n");
        // one line; a usage error may add the hint to --help
        java.util.List<String> lines = r.err().lines().toList();
        assertThat(lines.size()).as(r.err()).isBetween(1, 2);
        if (lines.size() == 2) {
            assertThat(lines.get(1)).startsWith("Try 'dtcore ").endsWith(" --help' for more.");
        }
        assertThat(lines.get(0)).startsWith("dtcore: ").contains(contains).doesNotContain("Exception", "internal error");
    }

    @Test
    void readmeCheckHolds() {
        CliRun r = CliRun.of(args(new String[] {"check", PI, B + "rpi4-4gb.expect.json", "--arch", "arm64"},
                args(BANKS, "--overlay", RAMOOPS)));
        assertThat(r.status()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("all 8 checks hold");
    }

    @Test
    void withoutTheBootLoaderThePiHasNoRam() {
        CliRun r = CliRun.of("check", PI, B + "rpi4-4gb.expect.json");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.out()).contains("FAIL ram");
    }

    @Test
    void chunksWarnsThatTheBanksCameFromTheCommandLine() {
        CliRun r = CliRun.of(args(new String[] {"chunks", PI, "--format", "json"}, BANKS));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"0x3b3fffff\"", "come from the command line (--memory), not from the tree:"
                + " written to /memory@0 as U-Boot's fdt_fixup_memory_banks does");
    }

    @Test
    void overlayCommandWritesWhatFdtoverlayWrites() throws IOException {
        Path ours = dir.resolve("ours.dtb");
        // Debian's fdtoverlay carries dtc 1.6.1's libfdt
        CliRun r = CliRun.of("overlay", PI, RAMOOPS, "-o", ours.toString(), "--libfdt", "1.6");
        assertThat(r.status()).as(r.err()).isZero();
        Path theirs = dir.resolve("fdtoverlay.dtb");
        ExternalTool.output("fdtoverlay", "-i", PI, "-o", theirs.toString(), RAMOOPS);
        Path laidOut = dir.resolve("fdtoverlay-dtc.dtb");
        ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", laidOut.toString(), theirs.toString());
        assertThat(Files.readAllBytes(ours)).isEqualTo(Files.readAllBytes(laidOut));
    }

    @Test
    void anUnknownLibfdtVersionIsOneLine() {
        oneLine(CliRun.of("chunks", PI, "--overlay", RAMOOPS, "--libfdt", "1.5"), "--libfdt '1.5': give 1.7 or 1.6");
    }

    @Test
    void overlayCommandRefusesToWriteOverAnInput() throws IOException {
        Path copy = dir.resolve("ramoops.dtbo");
        Files.copy(Path.of(RAMOOPS), copy);
        byte[] before = Files.readAllBytes(copy);
        oneLine(CliRun.of("overlay", PI, copy.toString(), "-o", copy.toString()), "refusing to write over the input");
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
    }

    @Test
    void anUnknownLabelNamesBoardOverlayFragmentAndLibfdtError() throws IOException {
        Path bad = DtsBoard.compileTo(dir.resolve("bad.dtbo"), "/dts-v1/;\n/plugin/;\n&nosuch { status = \"okay\"; };\n",
                "-@");
        oneLine(CliRun.of("chunks", PI, "--overlay", bad.toString()), PI + ": overlay bad.dtbo, /fragment@0: "
                + "FDT_ERR_NOTFOUND: /__fixups__/nosuch: no symbol nosuch in the base's /__symbols__");
    }

    @Test
    void anOverlayThatEmptiesTheRootCellsIsOneLine() throws IOException {
        Path bad = DtsBoard.compileTo(dir.resolve("cells.dtbo"),
                "/dts-v1/;\n/ { fragment@0 { target-path = \"/\"; __overlay__ { #address-cells; }; }; };\n");
        oneLine(CliRun.of("chunks", PI, "--overlay", bad.toString()), PI + ": ", "#address-cells");
        oneLine(CliRun.of(args(new String[] {"chunks", PI, "--overlay", bad.toString()}, BANKS)),
                PI + ": /#address-cells: 0 bytes, not one cell: U-Boot's fdt_fixup_memory_banks");
    }

    @Test
    void aBrokenOverlayBlobIsNamed() throws IOException {
        Path junk = dir.resolve("junk.dtbo");
        Files.write(junk, new byte[] {1, 2, 3});
        oneLine(CliRun.of("chunks", PI, "--overlay", junk.toString()), junk.toString() + ": ");
        oneLine(CliRun.of("chunks", PI, "--overlay", dir.resolve("missing.dtbo").toString()), "missing.dtbo: no such file");
    }

    @Test
    void banksNeedATreeAndAShape() throws IOException {
        Path iomem = dir.resolve("iomem");
        Files.writeString(iomem, "40000000-7fffffff : System RAM\n");
        oneLine(CliRun.of("chunks", iomem.toString(), "--memory", "0x40000000+1G"),
                "is /proc/iomem text: memory banks and overlays need a device tree");
        oneLine(CliRun.of("chunks", PI, "--memory", "0x40000000"), "--memory '0x40000000': give START+SIZE");
        oneLine(CliRun.of("chunks", PI, "--memory", "0x40000000+0"), "a bank of size 0 holds no RAM");
        oneLine(CliRun.of("chunks", PI, "--memory", "0xffffffffffff0000+1M"), "runs past the end");
    }

    @Test
    void headerAndDiffSeeTheBanks() {
        Path out = dir.resolve("elfcorehdr");
        CliRun h = CliRun.of(args(new String[] {"header", PI, "--arch", "arm64", "-o", out.toString(),
                "--crashkernel", "256M@0x20000000", "--vmcoreinfo", "0x3a100000", "--cpu-note", "0,0x3a000000",
                "--cpu-note", "1,0x3a001000", "--cpu-note", "2,0x3a002000", "--cpu-note", "3,0x3a003000"}, BANKS));
        assertThat(h.err()).contains("dtcore: warning: RAM banks 0x0+0x3b400000, 0x40000000+0xbc000000 come from");
        CliRun d = CliRun.of(args(new String[] {"diff", PI, PI}, BANKS));
        assertThat(d.status()).as(d.err()).isEqualTo(1);
        assertThat(d.out()).contains("0x0000000040000000-0x00000000fbffffff");
        assertThat(List.of(h.status())).as(h.err()).containsExactly(0);
        // two banks, the first split by the crash kernel: three PT_LOADs (SPEC §8)
        assertThat(h.out()).contains("3 PT_LOAD");
    }

    @Test
    void captureDtbEditsTheTreeTheBootLoaderLeft() throws IOException {
        Path out = dir.resolve("capture.dtb");
        CliRun r = CliRun.of(args(new String[] {"capture-dtb", PI, "--arch", "arm64", "--elfcorehdr", "0x2ff00000,0x1000",
                "--crashkernel", "0x20000000-0x2fffffff", "-o", out.toString(), "--overlay", RAMOOPS}, BANKS));
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.err()).contains("come from the command line (--memory)");
        org.dtcore.fdt.DeviceTree capture = org.dtcore.fdt.FdtParser.read(out);
        // the banks as U-Boot packs them under 2+1 root cells: <hi lo size> per bank
        assertThat(capture.node("/memory@0").orElseThrow().property("reg").orElseThrow().asReg(2, 1))
                .containsExactly(new org.dtcore.fdt.RegEntry(0, 0x3b40_0000L), new org.dtcore.fdt.RegEntry(0x4000_0000L, 0xbc00_0000L));
        assertThat(capture.node("/reserved-memory/ramoops@3b300000")).isPresent();
    }

    /**
     * A kernel pairing on which the two libfdt versions differ (imx53-qsb-hdmi: an overlay node merged
     * into a base node with a phandle): by default the kernel's own fdtoverlay's blob (recorded by
     * bench/kernel-overlays/record.py), with --libfdt 1.6 Debian's.
     */
    @Test
    void overlayCommandFollowsTheLibfdtAsked() throws IOException {
        Path k = Path.of("src/test/resources/org/dtcore/fdt/kernel-overlays");
        String base = k.resolve("arm/boot/dts/nxp/imx/imx53-qsb.dtb").toString();
        String hdmi = k.resolve("arm/boot/dts/nxp/imx/imx53-qsb-hdmi.dtbo").toString();
        Path v17 = dir.resolve("v17.dtb");
        Path v16 = dir.resolve("v16.dtb");
        assertThat(CliRun.of("overlay", base, hdmi, "-o", v17.toString()).status()).isZero();
        assertThat(CliRun.of("overlay", base, hdmi, "-o", v16.toString(), "--libfdt", "1.6").status()).isZero();
        assertThat(Files.readAllBytes(v17)).isEqualTo(Files.readAllBytes(k.resolve("dtc-1.7/imx53-qsb-hdmi.dtb")));
        Path theirs = dir.resolve("debian.dtb");
        ExternalTool.output("fdtoverlay", "-i", base, "-o", theirs.toString(), hdmi);
        Path laidOut = dir.resolve("debian-dtc.dtb");
        ExternalTool.output("dtc", "-q", "-I", "dtb", "-O", "dtb", "-o", laidOut.toString(), theirs.toString());
        assertThat(Files.readAllBytes(v16)).isEqualTo(Files.readAllBytes(laidOut))
                .isNotEqualTo(Files.readAllBytes(v17));
    }
}
