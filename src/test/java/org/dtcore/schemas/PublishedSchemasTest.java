package org.dtcore.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.dtcore.DtcoreException;
import org.dtcore.context.ContextJson;
import org.dtcore.layout.ExpectationReader;
import org.dtcore.memory.Arch;
import org.dtcore.testing.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The JSON Schemas in schemas/ (docs/json.md) against the 2020-12 meta-schema, against the files dtcore
 * reads (every committed expectation file; every fuzz-corpus file the readers accept), and as packaged in
 * the jar. What dtcore writes is validated where each test makes it (cli OutputSchemas).
 */
class PublishedSchemasTest {
    private static final Path FUZZ = Path.of("src", "test", "resources", "org", "dtcore", "fuzz");

    static Stream<String> schemas() {
        return JsonSchemas.ALL.stream();
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void eachSchemaIsADraft202012Schema(String name) throws IOException {
        String text = Files.readString(JsonSchemas.file(name));
        assertThat(JsonSchemas.metaProblems(name, text)).isEmpty();
        assertThat(text).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    }

    @ParameterizedTest
    @MethodSource("schemas")
    void theJarCarriesTheSameSchemas(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/org/dtcore/schemas/" + name + ".schema.json")) {
            assertThat(in).as("org/dtcore/schemas/%s.schema.json on the class path", name).isNotNull();
            assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(JsonSchemas.file(name)));
        }
    }

    static Stream<Path> committedExpectations() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path folder : List.of(Path.of("fdt-samples", "expected-layout"), Path.of("fdt-samples", "boot-loader"))) {
            try (Stream<Path> s = Files.list(folder)) {
                s.filter(p -> p.toString().endsWith(".expect.json")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("committedExpectations")
    void everyCommittedExpectationFileIsValid(Path file) throws IOException {
        ExpectationReader.read(file);
        JsonSchemas.assertValid(JsonSchemas.EXPECTATION, Files.readString(file));
    }

    /** The schema is no stricter than the reader: whatever the reader takes, the schema takes. */
    @Test
    void everyExpectationTheReaderAcceptsTheSchemaAccepts() throws IOException {
        int accepted = 0;
        for (Path p : corpus("ExpectationFuzzTestInputs/expectationFile")) {
            byte[] bytes = Files.readAllBytes(p);
            try {
                ExpectationReader.parse(bytes);
            } catch (DtcoreException refused) {
                continue;
            }
            accepted++;
            assertThat(JsonSchemas.problems(JsonSchemas.EXPECTATION, withoutByteOrderMark(bytes))).as(p.toString())
                    .isEmpty();
        }
        assertThat(accepted).isPositive();
    }

    @Test
    void everyContextFileTheReaderAcceptsTheSchemaAccepts() throws IOException {
        int accepted = 0;
        for (Path p : corpus("ContextJsonFuzzTestInputs/contextFile")) {
            byte[] bytes = Files.readAllBytes(p);
            String text = withoutByteOrderMark(bytes);
            boolean any = false;
            for (Arch arch : Arch.values()) {
                try {
                    ContextJson.parse(text, p.toString(), arch);
                    any = true;
                } catch (DtcoreException refused) {
                    // another architecture's file, or not a context file
                }
            }
            if (any) {
                accepted++;
                assertThat(JsonSchemas.problems(JsonSchemas.CONTEXT, text)).as(p.toString()).isEmpty();
            }
        }
        assertThat(accepted).isPositive();
    }

    /** Both the reader and the schema refuse the commonest mistakes: one rule, written twice, must agree. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "expectation | {\"ram\": [{\"start\": 1073741824, \"size\": \"1G\"}]}",
        "expectation | {\"ram\": [{\"start\": \"0x40000000\"}]}",
        "expectation | {\"rules\": {\"totalRamAtLest\": \"1G\"}}",
        "expectation | {\"chunks\": [{\"start\": \"0x0\", \"size\": \"1G\", \"numaNode\": \"0\"}]}",
        "expectation | {\"numa\": {\"00\": {\"total\": \"1G\"}}}",
        "expectation | {\"numa\": {\"0\": {}}}",
        "expectation | {\"format\": \"dtcore-expect/2\"}",
        "expectation | {\"ram\": [{\"start\": \"010M\", \"size\": \"1G\"}]}",
        "expectation | {\"bootLoader\": {\"overlays\": [\"\"]}}",
        "expectation | {\"bootLoader\": {\"libfdt\": \"1.8\"}}",
        "expectation | {\"dynamic\": [{\"node\": \"/x\", \"size\": \"1M\", \"alignment\": 0}]}",
        "context | {\"eFlags\": 0}",
        "context | {\"cpus\": [{\"cpu\": \"0\", \"address\": \"0x1000\"}]}",
        "context | {\"vaBits\": 65}",
        "context | {\"cpus\": [{\"cpu\": 0}]}",
        "context | {\"pageSize\": \"4k \", \"extra\": 1}",
    })
    void theReaderAndTheSchemaRefuseTheSameMistakes(String schema, String json) {
        assertThat(JsonSchemas.problems(schema, json)).as("schema").isNotEmpty();
        if (schema.equals(JsonSchemas.EXPECTATION)) {
            assertThatThrownBy(() -> ExpectationReader.parse(json)).isInstanceOf(DtcoreException.class);
        } else {
            assertThatThrownBy(() -> ContextJson.parse(json, "c.json", Arch.ARM64)).isInstanceOf(DtcoreException.class);
        }
    }

    private static List<Path> corpus(String folder) throws IOException {
        try (Stream<Path> s = Files.list(FUZZ.resolve(folder))) {
            return s.sorted().toList();
        }
    }

    /** The text after a UTF-8 byte order mark, which dtcore's reader skips and the validator's may not. */
    private static String withoutByteOrderMark(byte[] bytes) {
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
