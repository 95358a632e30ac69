package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Help and usage as a new user meets them, and no Java in error lines. */
class HelpAndUsageTest {
    @TempDir
    Path tmp;

    @Test
    void bareDtcoreListsTheCommandsAndExitsTwo() {
        CliRun r = CliRun.of();
        assertThat(r.status()).isEqualTo(2);
        for (String c : DtcoreCommand.NAMES) {
            assertThat(r.err()).contains("  " + c + " ");
        }
    }

    @Test
    void everyCommandsHelpFitsAHundredColumnsAndSortsItsOptions() {
        for (String c : DtcoreCommand.NAMES) {
            CliRun r = CliRun.of(c, "--help");
            assertThat(r.status()).as(c).isZero();
            assertThat(r.out().lines()).as(c).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(100));
            List<String> names = new ArrayList<>();
            List<String> lines = r.out().lines().toList();
            for (String l : lines.subList(lines.indexOf("Options:") + 1, lines.size())) {
                // "  -o, --output OUT  ..." or "      --arch ARCH  ...": the long name after the alias, if any
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("^  (?:-[a-zA-Z], |    )--([a-z-]+)")
                        .matcher(l);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
            assertThat(names).as(c).isNotEmpty().isSorted();
        }
    }

    @Test
    void requiredArchIsNotDescribedAsHavingADefault() {
        for (String c : List.of("header", "capture-dtb", "context")) {
            String help = CliRun.of(c, "--help").out();
            assertThat(help).as(c).doesNotContain("default: generic rules").contains("(required)");
        }
        assertThat(CliRun.of("chunks", "--help").out()).contains("default: generic rules");
    }

    @Test
    void checkSynopsisAndDiffOperandsSayWhatTheyAre() {
        String check = CliRun.of("check", "--help").out();
        assertThat(check).startsWith("Usage: dtcore check BOARD... EXPECT [").doesNotContain("EXPECT BOARD");
        String diff = CliRun.of("diff", "--help").out();
        assertThat(diff).containsPattern("(?m)^  A +the old side").containsPattern("(?m)^  B +the new side");
    }

    @Test
    void usageErrorsAreOneLinePlusTheHintAndNameNoJava() throws IOException {
        Path bad = Files.writeString(tmp.resolve("ctx.json"), "{\"arch\": \"arm64\", \"cpus\": [ {\"cpu\": 0, \"address\": 1e999999999");
        List<String[]> cases = List.of(new String[] {"chunks", "--page-size", "3", "fdt-samples/qemu-arm64-virt-2g.dtb"},
                new String[] {"chunks", "--page-size", "nope", "x.dtb"},
                new String[] {"chunks", "--arch", "vax", "x.dtb"},
                new String[] {"chunks", "--frobnicate", "x.dtb"},
                new String[] {"chunks", "--arch"},
                new String[] {"header", "--arch", "arm64", "fdt-samples/qemu-arm64-virt-2g.dtb"},
                new String[] {"nosuchcommand"},
                new String[] {"context", "--arch", "arm64", "--context", bad.toString()});
        for (String[] args : cases) {
            CliRun r = CliRun.of(args);
            String what = String.join(" ", args);
            assertThat(r.status()).as(what).isEqualTo(2);
            List<String> lines = r.err().lines().toList();
            assertThat(lines).as(what).hasSizeBetween(1, 2);
            assertThat(lines.get(0)).as(what).startsWith("dtcore: ");
            if (lines.size() == 2) {
                assertThat(lines.get(1)).as(what).startsWith("Try 'dtcore").endsWith("--help' for more.");
            }
            assertThat(r.err()).as(what).doesNotContain("Exception").doesNotContain("picocli")
                    .doesNotContain("com.fasterxml").doesNotContain("org.apache").doesNotContain("org.dtcore")
                    .doesNotContain("internal error").doesNotContain("StreamReadConstraints");
        }
        // errors about a context file name it
        assertThat(CliRun.of("context", "--arch", "arm64", "--context", bad.toString()).err()).contains(bad.toString());
    }

    @Test
    void aFolderOfBlobsIsABatchForChunksAndRefusedWhereOneSourceIsRead() throws IOException {
        Path blobs = Files.createDirectory(tmp.resolve("blobs"));
        Files.copy(Path.of("fdt-samples/qemu-arm64-virt-2g.dtb"), blobs.resolve("a.dtb"));
        Files.copy(Path.of("fdt-samples/reserved-memory.dtb"), blobs.resolve("b.dtb"));
        Path empty = Files.createDirectory(tmp.resolve("empty"));
        assertThat(CliRun.of("chunks", blobs.toString()).out()).contains("2 files, 0 failed");
        for (Path folder : List.of(blobs, empty)) {
            for (String[] args : List.of(new String[] {"map", folder.toString(), "-o", tmp.resolve("m.svg").toString()},
                    new String[] {"expect", folder.toString()}, new String[] {"chunks", folder.toString()},
                    new String[] {"diff", folder.toString(), "fdt-samples/qemu-arm64-virt-2g.dtb"})) {
                if (folder.equals(blobs) && args[0].equals("chunks")) {
                    continue;
                }
                CliRun r = CliRun.of(args);
                assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
                assertThat(r.err().lines().toList()).as(String.join(" ", args)).singleElement().asString()
                        .startsWith("dtcore: " + folder + ": ");
            }
        }
        assertThat(Files.exists(tmp.resolve("m.svg"))).isFalse();
    }

    @Test
    void quietPrintsNothingButErrorsOnSuccess() throws IOException {
        // without a crash kernel region header warns; --quiet says nothing at all
        Path out = tmp.resolve("hdr");
        CliRun loud = CliRun.of("header", "fdt-samples/qemu-arm64-virt-2g.dtb", "--arch", "arm64", "--cpu-note",
                "0,0x13fb00000", "--vmcoreinfo", "0x40a34000", "--no-kernel-text", "-o", out.toString());
        assertThat(loud.status()).as(loud.err()).isZero();
        assertThat(loud.out()).isNotEmpty();
        assertThat(loud.err()).contains("warning");
        CliRun quiet = CliRun.of("header", "fdt-samples/qemu-arm64-virt-2g.dtb", "--arch", "arm64", "--cpu-note",
                "0,0x13fb00000", "--vmcoreinfo", "0x40a34000", "--no-kernel-text", "--quiet", "-o", out.toString());
        assertThat(quiet.status()).isZero();
        assertThat(quiet.out()).isEmpty();
        assertThat(quiet.err()).isEmpty();

        Path capture = tmp.resolve("capture.dtb");
        CliRun cap = CliRun.of("capture-dtb", "fdt-samples/qemu-arm64-virt-2g.dtb", "--arch", "arm64", "--crashkernel",
                "256M@0x60000000", "--elfcorehdr", "0x6f000000,0x1000", "--quiet", "-o", capture.toString());
        assertThat(cap.status()).as(cap.err()).isZero();
        assertThat(cap.out()).isEmpty();
        assertThat(cap.err()).isEmpty();
        assertThat(Files.size(capture)).isPositive();
    }

    @Test
    void aBadFileIsNamedOnceInEveryCommand() throws IOException {
        Path bad = Files.writeString(tmp.resolve("garbage.dtb"), "garbage\n");
        for (String[] args : List.of(new String[] {"chunks", bad.toString()},
                new String[] {"header", bad.toString(), "--arch", "arm64", "-o", tmp.resolve("h").toString()},
                new String[] {"context", bad.toString(), "--arch", "arm64"},
                new String[] {"expect", bad.toString()})) {
            CliRun r = CliRun.of(args);
            assertThat(r.status()).as(args[0]).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(args[0]).singleElement().asString()
                    .startsWith("dtcore: " + bad + ": neither a device tree blob");
        }
    }

    @Test
    void versionIsOneLine() {
        CliRun r = CliRun.of("--version");
        assertThat(r.status()).isZero();
        assertThat(r.out().lines().toList()).singleElement().asString().startsWith("dtcore ");
    }
}
