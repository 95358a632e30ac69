package org.dtcore.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration for dtcore's JSON (context files, expectation files, command output):
 * strict reading, because a duplicate key would silently replace a section and trailing content be
 * ignored, and a nesting bound far below the stack's (the deepest schema needs 5 levels:
 * {@code $.numa.N.ranges[i]}).
 */
public final class JsonText {
    /** Deepest nesting read; nothing deeper can be one of dtcore's files. */
    public static final int MAX_DEPTH = 64;

    /** Reads strictly; writes one line per document. Thread-safe once configured, as Jackson documents. */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonText() {
    }
}
