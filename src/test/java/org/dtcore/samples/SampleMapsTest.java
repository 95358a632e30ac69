package org.dtcore.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.cli.DtcoreCommand;
import org.dtcore.testing.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample's memory map, as `dtcore chunks --format json` prints it, equals the map derived by hand
 * from the tree and SPEC §2–§6 (fdt-samples/expected/NAME.json, written without running dtcore).
 */
class SampleMapsTest {
    private static final Path SAMPLES = Path.of("fdt-samples");
    private static final List<String> COMPARED = List.of("memory", "chunks", "reserved", "dynamicReserved");
    private final ObjectMapper mapper = new ObjectMapper();

    static Stream<String> samples() throws IOException {
        try (Stream<Path> s = Files.list(SAMPLES)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".dtb"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @Test
    void everySampleHasAnExpectedMap() throws IOException {
        assertThat(samples()).isNotEmpty().allSatisfy(name ->
                assertThat(SAMPLES.resolve("expected").resolve(name + ".json")).exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void chunksJsonMatchesTheHandDerivedMap(String name) throws IOException {
        JsonNode expected = mapper.readTree(SAMPLES.resolve("expected").resolve(name + ".json").toFile());
        JsonNode actual = mapper.readTree(runChunks(SAMPLES.resolve(name + ".dtb")));
        ObjectNode want = mapper.createObjectNode();
        ObjectNode got = mapper.createObjectNode();
        for (String key : COMPARED) {
            want.set(key, expected.get(key));
            got.set(key, actual.get(key));
        }
        assertThat(got.toPrettyString()).as(name).isEqualTo(want.toPrettyString());
    }

    private static String runChunks(Path file) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = DtcoreCommand.run(new String[] {"chunks", "--format", "json", file.toString()},
                new PrintWriter(out), new PrintWriter(err));
        // the hand-derived maps follow the generic rules, which chunks says it relies on
        assertThat(err.toString().lines()).singleElement().asString()
                .startsWith("dtcore: warning: no --arch: the generic memory rules apply");
        assertThat(status).isZero();
        JsonSchemas.assertValid(JsonSchemas.MEMORY_MAP, out.toString());
        return out.toString();
    }
}
