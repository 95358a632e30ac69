package org.dtcore.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The published JSON Schemas (schemas/*.schema.json, draft 2020-12) applied with networknt's validator,
 * so that every JSON document a test makes dtcore write is checked against the schema users are given,
 * and the schemas are checked against what dtcore writes and reads.
 */
public final class JsonSchemas {
    /** The repository's schemas folder (tests run from the project root). */
    public static final Path FOLDER = Path.of("schemas");

    /** A chunks --format json document. */
    public static final String MEMORY_MAP = "memory-map";
    /** One chunks --jsonl line. */
    public static final String CHUNKS_RECORD = "chunks-record";
    /** A check --format json document. */
    public static final String CHECK_REPORT = "check-report";
    /** One check --jsonl line. */
    public static final String CHECK_RECORD = "check-record";
    /** A diff --format json document. */
    public static final String DIFF_REPORT = "diff-report";
    /** An inspect --format json document. */
    public static final String INSPECT = "inspect";
    /** A context file, as dtcore context writes it and --context reads it. */
    public static final String CONTEXT = "context";
    /** An expectation file, as dtcore expect writes it and check reads it. */
    public static final String EXPECTATION = "expectation";
    /** capture-memmap --format json. */
    public static final String CAPTURE_MEMMAP = "capture-memmap";
    /** dtcore-snapshot.json, the manifest dtcore snapshot writes into a snapshot. */
    public static final String SNAPSHOT_MANIFEST = "snapshot-manifest";
    /** audit --format json. */
    public static final String AUDIT_REPORT = "audit-report";
    /** Every schema published. */
    public static final List<String> ALL = List.of("common", MEMORY_MAP, CHUNKS_RECORD, CHECK_REPORT, CHECK_RECORD,
            DIFF_REPORT, INSPECT, CONTEXT, EXPECTATION, CAPTURE_MEMMAP, SNAPSHOT_MANIFEST, AUDIT_REPORT);

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private JsonSchemas() {
    }

    /** The file of schema {@code name}. */
    public static Path file(String name) {
        return FOLDER.resolve(name + ".schema.json");
    }

    /** What the validator finds wrong with {@code json} under schema {@code name}; empty when it is valid. */
    public static List<String> problems(String name, String json) {
        // from the class path, where the build copies schemas/ (PublishedSchemasTest holds the copies equal);
        // relative $refs between the schemas resolve there as they do beside each other in the folder
        Schema schema = LOADED.computeIfAbsent(name, n -> REGISTRY.getSchema(
                SchemaLocation.of("classpath:org/dtcore/schemas/" + n + ".schema.json")));
        return schema.validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    /** Fails unless {@code json} is valid under schema {@code name}. */
    public static void assertValid(String name, String json) {
        assertThat(problems(name, json)).as("%s.schema.json against:%n%s", name, shortened(json)).isEmpty();
    }

    /** Fails unless each line of {@code jsonLines} is valid under schema {@code name}. */
    public static void assertEachLineValid(String name, String jsonLines) {
        jsonLines.lines().filter(l -> !l.isEmpty()).forEach(l -> assertValid(name, l));
    }

    /** What the 2020-12 meta-schema finds wrong with the schema {@code name} itself. */
    public static List<String> metaProblems(String name, String schemaText) {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));
        return meta.validate(schemaText, InputFormat.JSON).stream().map(e -> name + ": " + e).toList();
    }

    private static String shortened(String json) {
        return json.length() > 4000 ? json.substring(0, 4000) + "..." : json;
    }
}
