package org.dtcore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The reports CI systems read: {@code check --junit} (validated against the JUnit XSD by
 * {@link OutputSchemas} on every run, its content read back here with the JDK's DOM parser), {@code check}
 * and {@code diff} as JSON (validated against schemas/ the same way), and the text report's rows. The
 * board is reserved-memory.dtb against its committed expectation with three sections broken by hand, so
 * the failing sections and rows are known without running dtcore: RAM 2 GiB where 4 GiB is expected, the
 * secure-monitor region's no-map flag, and a total of at least 8 GiB.
 */
class CiReportsTest {
    private static final Path SAMPLES = Path.of("fdt-samples");
    private static final String BOARD = SAMPLES.resolve("reserved-memory.dtb").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    private Path broken;

    @BeforeEach
    void breakThreeSections() throws IOException {
        String text = Files.readString(SAMPLES.resolve("expected-layout/reserved-memory.expect.json"))
                .replace("\"end\": \"0xbfffffff\", \"size\": \"2G\"}\n  ],\n  \"chunks\"",
                        "\"end\": \"0x13fffffff\", \"size\": \"4G\"}\n  ],\n  \"chunks\"")
                .replace("\"totalRamAtLeast\": \"2G\"", "\"totalRamAtLeast\": \"8G\"")
                .replace("\"node\": \"/reserved-memory/secmon@4e000000\", \"noMap\": true",
                        "\"node\": \"/reserved-memory/secmon@4e000000\", \"noMap\": false");
        broken = tmp.resolve("broken.expect.json");
        Files.writeString(broken, text);
    }

    @Test
    void checkAsJsonNamesTheFailingSectionsAndOnlyTheRowsThatDiffer() throws IOException {
        CliRun r = CliRun.of("check", BOARD, broken.toString(), "--format", "json");

        assertThat(r.status()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("passed").asBoolean()).isFalse();
        assertThat(texts(doc.get("failures"))).containsExactly("ram", "reserved", "rules.totalRamAtLeast");
        JsonNode reserved = section(doc, "reserved");
        assertThat(reserved.get("outcome").asText()).isEqualTo("fail");
        assertThat(reserved.get("summary").asText()).isEqualTo("1 region differs; 6 expected, 6 found");
        assertThat(reserved.get("rows")).hasSize(1);
        assertThat(reserved.get("rows").get(0).get("mark").asText()).isEqualTo("differs");
        assertThat(reserved.get("rows").get(0).get("actual").asText()).contains("no-map", "secmon@4e000000");
        assertThat(section(doc, "dynamic").get("outcome").asText()).isEqualTo("pass");
        assertThat(section(doc, "dynamic").get("rows")).isEmpty();
        assertThat(doc.get("report").asText()).contains("FAIL ram").doesNotContain("ok   dynamic");
    }

    @Test
    void allRowsShowsTheAgreeingRowsOfAFailingSection() throws IOException {
        CliRun text = CliRun.of("check", BOARD, broken.toString(), "--all-rows");
        assertThat(text.out()).contains("0x0000000048000000-0x00000000480fffff", "vpu@58000000");
        CliRun json = CliRun.of("check", BOARD, broken.toString(), "--format", "json", "--all-rows");
        JsonNode rows = section(JSON.readTree(json.out()), "reserved").get("rows");
        // the six regions of reserved-memory.dts: one differs, five agree
        assertThat(rows).hasSize(6);
        assertThat(texts(rows, "mark")).containsOnly("agrees", "differs").filteredOn("differs"::equals).hasSize(1);
    }

    @Test
    void junitHasOneCaseWithAFailurePerFailingSection() throws Exception {
        Path xml = tmp.resolve("report.xml");
        CliRun r = CliRun.of("check", BOARD, broken.toString(), "--junit", xml.toString());

        assertThat(r.status()).isEqualTo(1);
        Element suite = suite(xml);
        assertThat(suite.getAttribute("tests")).isEqualTo("1");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("0");
        Element testCase = (Element) suite.getElementsByTagName("testcase").item(0);
        assertThat(testCase.getAttribute("name")).isEqualTo(BOARD);
        List<Element> failures = elements(testCase, "failure");
        assertThat(failures).extracting(f -> f.getAttribute("type"))
                .containsExactly("ram", "reserved", "rules.totalRamAtLeast");
        assertThat(failures.get(0).getAttribute("message")).isEqualTo("ram: 1 range differs; 1 expected, 1 found");
        assertThat(failures.get(0).getTextContent())
                .contains("! 0x0000000040000000-0x000000013fffffff (4 GiB) | 0x0000000040000000-0x00000000bfffffff (2 GiB)")
                .doesNotContain("reserved");
        assertThat(elements(testCase, "system-out").get(0).getTextContent()).contains("ok   dynamic",
                "3 of 11 checks failed");
    }

    @Test
    void junitOfABatchHasACasePerBoardAndAnErrorForOneUnreadable() throws Exception {
        Path boards = Files.createDirectories(tmp.resolve("boards"));
        Path expect = Files.createDirectories(tmp.resolve("expect"));
        Files.copy(SAMPLES.resolve("qemu-arm64-virt-2g.dtb"), boards.resolve("good.dtb"));
        Files.copy(SAMPLES.resolve("expected-layout/qemu-arm64-virt-2g.expect.json"), expect.resolve("good.expect.json"));
        Files.copy(SAMPLES.resolve("reserved-memory.dtb"), boards.resolve("bad & <odd>.dtb"));
        Files.copy(broken, expect.resolve("bad & <odd>.expect.json"));
        Files.writeString(boards.resolve("garbage.dtb"), "not a blob");
        Files.copy(broken, expect.resolve("garbage.expect.json"));
        Path xml = tmp.resolve("batch.xml");

        CliRun r = CliRun.of("check", boards.toString(), expect.toString(), "--junit", xml.toString(), "--jsonl");

        assertThat(r.status()).isEqualTo(2);
        assertThat(r.out().lines()).hasSize(3);
        Element suite = suite(xml);
        assertThat(suite.getAttribute("tests")).isEqualTo("3");
        assertThat(suite.getAttribute("failures")).isEqualTo("1");
        assertThat(suite.getAttribute("errors")).isEqualTo("1");
        List<Element> cases = elements(suite, "testcase");
        // folder order: by name
        assertThat(cases).extracting(c -> c.getAttribute("name")).containsExactly(
                boards.resolve("bad & <odd>.dtb").toString(), boards.resolve("garbage.dtb").toString(),
                boards.resolve("good.dtb").toString());
        assertThat(elements(cases.get(0), "failure")).hasSize(3);
        assertThat(elements(cases.get(1), "error").get(0).getAttribute("message"))
                .startsWith(boards.resolve("garbage.dtb").toString());
        assertThat(elements(cases.get(2), "failure")).isEmpty();
        assertThat(elements(cases.get(2), "error")).isEmpty();
    }

    @Test
    void diffAsJsonComparesAndJudgesNothing() throws IOException {
        CliRun r = CliRun.of("diff", BOARD, SAMPLES.resolve("reserved-memory-no-ranges.dtb").toString(), "--format",
                "json");

        assertThat(r.status()).isEqualTo(1);
        JsonNode doc = JSON.readTree(r.out());
        assertThat(doc.get("compared").asText()).isEqualTo("memory maps");
        assertThat(doc.get("equal").asBoolean()).isFalse();
        assertThat(texts(doc.get("differences"))).containsExactly("ram", "chunks", "reserved", "dynamic",
                "chosen.crashKernels");
        assertThat(texts(doc.get("sections"), "outcome")).containsOnly("different");
        assertThat(texts(section(doc, "reserved").get("rows"), "mark")).hasSize(6).containsOnly("onlyInA");
        assertThat(r.out()).doesNotContain("FAIL", "\"fail\"");

        CliRun same = CliRun.of("diff", BOARD, BOARD, "--format", "json");
        assertThat(same.status()).isZero();
        assertThat(JSON.readTree(same.out()).get("equal").asBoolean()).isTrue();
    }

    @Test
    void jsonLinesMapsAreTheFormatJsonMap() throws IOException {
        String a = SAMPLES.resolve("qemu-arm64-virt-numa.dtb").toString();
        CliRun lines = CliRun.of("chunks", "--jsonl", a, BOARD, "--arch", "arm64", "--page-size", "64K");
        CliRun one = CliRun.of("chunks", a, "--format", "json", "--arch", "arm64", "--page-size", "64K");

        JsonNode record = JSON.readTree(lines.out().lines().findFirst().orElseThrow());
        JsonNode document = JSON.readTree(one.out());
        assertThat(record.get("map").get("arch").asText()).isEqualTo("arm64");
        assertThat(record.get("map").get("pageSize").asText()).isEqualTo("0x10000");
        ((com.fasterxml.jackson.databind.node.ObjectNode) document).remove("file");
        assertThat(record.get("map")).isEqualTo(document);
    }

    private static JsonNode section(JsonNode doc, String name) {
        for (JsonNode s : doc.get("sections")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        throw new AssertionError("no section " + name);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }

    private static Element suite(Path xml) throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(Files.readAllBytes(xml)));
        assertThat(d.getDocumentElement().getTagName()).isEqualTo("testsuites");
        return (Element) d.getElementsByTagName("testsuite").item(0);
    }

    private static List<Element> elements(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }
}
