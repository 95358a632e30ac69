package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batch runs: every sample plus one corrupt blob; the bad one is reported and the rest go on. */
class BatchTest {
    @TempDir
    Path dir;
    int samples;

    @BeforeEach
    void copySamplesAndACorruptOne() throws IOException {
        try (Stream<Path> s = Files.list(CheckCommandTest.SAMPLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".dtb")).toList()) {
                Files.copy(p, dir.resolve(p.getFileName()));
                samples++;
            }
        }
        byte[] corrupt = Files.readAllBytes(CheckCommandTest.SAMPLES.resolve("qemu-arm64-virt-2g.dtb"));
        corrupt[8] = 0x7f; // off_dt_struct far past totalsize
        Files.write(dir.resolve("corrupt.dtb"), corrupt);
    }

    @Test
    void chunksJsonLinesReportTheCorruptFileAndMapTheRest() throws IOException {
        CliRun r = CliRun.of("chunks", "--jsonl", dir.toString());

        assertThat(r.status()).isEqualTo(2);
        ObjectMapper mapper = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            lines.add(mapper.readTree(line));
        }
        assertThat(lines).hasSize(samples + 1);
        JsonNode bad = lines.stream().filter(l -> l.get("file").asText().endsWith("corrupt.dtb")).findFirst().orElseThrow();
        assertThat(bad.get("ok").asBoolean()).isFalse();
        assertThat(bad.get("error").asText()).contains("corrupt.dtb").contains("offset");
        assertThat(lines.stream().filter(l -> l.get("ok").asBoolean())).hasSize(samples)
                .allSatisfy(l -> assertThat(l.get("map").get("memory")).isNotNull());
        JsonNode numa = lines.stream().filter(l -> l.get("file").asText().endsWith("qemu-arm64-virt-numa.dtb"))
                .findFirst().orElseThrow();
        assertThat(numa.get("map").get("chunks").get(1).get("numaNode").asInt()).isEqualTo(1);
    }

    @Test
    void chunksSummaryHasOneRowPerFile() {
        CliRun r = CliRun.of("chunks", "--summary", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("FAILED").contains((samples + 1) + " files, 1 failed");
        assertThat(r.out().lines().filter(l -> l.contains(" ok "))).hasSize(samples);
    }

    @Test
    void checkOverAFolderReportsTheCorruptFileAndChecksTheRest() {
        CliRun r = CliRun.of("check", "--summary", dir.toString(), CheckCommandTest.EXPECTED.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out()).contains("ERROR  " + dir.resolve("corrupt.dtb"))
                .contains((samples + 1) + " boards: " + samples + " passed, 0 failed, 1 unreadable");
    }

    @Test
    void checkJsonLinesNameFailingSections() throws IOException {
        Files.delete(dir.resolve("corrupt.dtb"));
        CliRun r = CliRun.of("check", "--jsonl", dir.resolve("qemu-arm64-virt-2g.dtb").toString(),
                dir.resolve("qemu-arm64-virt-numa.dtb").toString(), CheckCommandTest.EXPECTED.toString());
        assertThat(r.status()).isZero();
        assertThat(r.out().lines()).hasSize(2).allSatisfy(l -> assertThat(l).contains("\"passed\":true"));
    }
}
