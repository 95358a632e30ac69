package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `dtcore inspect` on the real kernels' headers, compared with readelf's reading of the same bytes. */
class InspectCommandTest {
    private static final Path TRUTH = Path.of("../shared/kernel-truth");

    @ParameterizedTest
    @ValueSource(strings = {"arm64-virt-2g", "ppc64le-pseries-4g", "riscv64-virt-2g"})
    void listsTheSameSegmentsAsReadelf(String kase) throws IOException {
        Path hdr = TRUTH.resolve(kase).resolve("elfcorehdr.bin");
        CliRun r = CliRun.of("inspect", "--format", "json", hdr.toString());
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        List<String> ours = new ArrayList<>();
        for (JsonNode s : j.get("segments")) {
            ours.add(s.get("type").asText() + " " + Long.decode(s.get("offset").asText()) + " "
                    + Long.parseUnsignedLong(s.get("vaddr").asText().substring(2), 16) + " "
                    + Long.decode(s.get("paddr").asText()) + " " + Long.decode(s.get("filesz").asText()));
        }
        List<String> theirs = new ArrayList<>();
        for (String line : ExternalTool.output("readelf", "-lW", hdr.toString()).lines().toList()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 6 && (f[0].equals("NOTE") || f[0].equals("LOAD"))) {
                theirs.add(f[0] + " " + Long.decode(f[1]) + " " + Long.parseUnsignedLong(f[2].substring(2), 16) + " "
                        + Long.decode(f[3]) + " " + Long.decode(f[4]));
            }
        }
        assertThat(ours).isNotEmpty().isEqualTo(theirs);
        assertThat(j.get("phnum").asInt()).isEqualTo(ours.size());
    }

    @Test
    void readsTheHeadOfAVmcoreFollowedByData(@TempDir Path tmp) throws IOException {
        Path vmcore = tmp.resolve("vmcore");
        byte[] hdr = Files.readAllBytes(TRUTH.resolve("arm64-virt-2g/elfcorehdr.bin"));
        byte[] file = new byte[hdr.length + (1 << 20)];
        System.arraycopy(hdr, 0, file, 0, hdr.length);
        Files.write(vmcore, file);
        CliRun r = CliRun.of("inspect", vmcore.toString());
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("ELF64 little-endian, type CORE, machine AArch64 (183)")
                .contains("6 program headers, starting at offset 64")
                .contains("LOAD   0xbda00000 0xffff00007da00000 0x00000000bda00000 0x2600000    0x2600000    RWE");
        assertThat(r.out().lines()).allSatisfy(l -> assertThat(l.length()).as(l).isLessThanOrEqualTo(100));
    }

    @Test
    void notAnElfFileIsOneLine() {
        CliRun r = CliRun.of("inspect", "pom.xml");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err().lines()).singleElement().asString().startsWith("dtcore: pom.xml: offset 0x0: magic");
    }
}
