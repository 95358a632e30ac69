package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.dtcore.testing.ExternalTool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder given to a batch stands for every {@code *.dtb} entry in it, whatever the entry is: one that
 * is not a readable blob is a failed file, named with why in one line, in the summary and in JSON Lines,
 * and the batch exits 2. Nothing is skipped in silence, and nothing that could block (a FIFO) is opened.
 * The time-out only guards against a FIFO opened by mistake.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BatchEntryTest {
    @TempDir
    Path dir;
    private ServerSocketChannel socket;

    /** Each bad entry and a word its one-line reason must hold. */
    private final Map<String, String> bad = new LinkedHashMap<>();

    @BeforeEach
    void aFolderOfOneBlobAndEveryOtherKindOfEntry() throws IOException {
        Files.copy(CheckCommandTest.SAMPLES.resolve("qemu-arm64-virt-2g.dtb"), dir.resolve("good.dtb"));
        ExternalTool.output("mkfifo", dir.resolve("fifo.dtb").toString());
        bad.put("fifo.dtb", "FIFO");
        Files.createSymbolicLink(dir.resolve("device.dtb"), Path.of("/dev/null"));
        bad.put("device.dtb", "character device");
        Files.createSymbolicLink(dir.resolve("dangling.dtb"), dir.resolve("nowhere.dtb.missing"));
        bad.put("dangling.dtb", "link to nothing");
        Files.createSymbolicLink(dir.resolve("loop.dtb"), dir.resolve("loop.dtb"));
        bad.put("loop.dtb", "loop");
        Files.createDirectory(dir.resolve("folder.dtb"));
        Files.writeString(dir.resolve("folder.dtb").resolve("compatible"), "x\0");
        bad.put("folder.dtb", "folder");
        socket = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        socket.bind(UnixDomainSocketAddress.of(dir.resolve("socket.dtb")));
        bad.put("socket.dtb", "socket");
    }

    @AfterEach
    void closeSocket() throws IOException {
        socket.close();
    }

    @Test
    void chunksSummaryCountsEveryEntryAsAFile() {
        CliRun r = CliRun.of("chunks", "--summary", dir.toString());
        assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.out()).contains((bad.size() + 1) + " files, " + bad.size() + " failed");
        for (Map.Entry<String, String> e : bad.entrySet()) {
            assertThat(r.out()).as(e.getKey()).containsPattern("(?m)^\\S*" + e.getKey() + "\\s+FAILED");
            assertThat(r.out()).as(e.getKey()).contains(e.getValue());
        }
    }

    @Test
    void chunksJsonLinesHaveAFailedObjectPerEntry() throws IOException {
        CliRun r = CliRun.of("chunks", "--jsonl", dir.toString());
        assertThat(r.status()).isEqualTo(2);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : r.out().lines().toList()) {
            lines.add(new ObjectMapper().readTree(line));
        }
        assertThat(lines).hasSize(bad.size() + 1);
        for (JsonNode l : lines) {
            String name = Path.of(l.get("file").asText()).getFileName().toString();
            if (name.equals("good.dtb")) {
                assertThat(l.get("ok").asBoolean()).isTrue();
                continue;
            }
            assertThat(l.get("ok").asBoolean()).as(name).isFalse();
            assertThat(l.get("error").asText()).as(name).contains(name).contains(bad.get(name)).doesNotContain("\n");
        }
    }

    @Test
    void checkSummaryCountsEveryEntryAsUnreadable() throws IOException {
        Path expect = Files.createDirectory(dir.resolveSibling(dir.getFileName() + "-expect"));
        try {
            CliRun e = CliRun.of("expect", dir.resolve("good.dtb").toString(), "-o",
                    expect.resolve("good" + CheckCommand.SUFFIX).toString());
            assertThat(e.status()).as(e.err()).isZero();
            CliRun r = CliRun.of("check", "--summary", dir.toString(), expect.toString());
            assertThat(r.status()).as(r.out() + r.err()).isEqualTo(2);
            assertThat(r.out()).contains((bad.size() + 1) + " boards: 1 passed, 0 failed, " + bad.size()
                    + " unreadable");
            for (Map.Entry<String, String> b : bad.entrySet()) {
                assertThat(r.out()).as(b.getKey()).contains(b.getValue());
            }
        } finally {
            try (var s = Files.list(expect)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(expect);
        }
    }
}
