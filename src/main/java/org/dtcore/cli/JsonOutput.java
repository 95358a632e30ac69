package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import java.io.IOException;
import java.io.Writer;

/**
 * JSON output through jackson-core's streaming generator: no object tree and no databind (whose ~430
 * classes a one-shot run would load, issue 13). Generators write to the command's writer and never
 * close it.
 */
final class JsonOutput {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private JsonOutput() {
    }

    /** A generator on {@code out}; {@code pretty}: indented as README shows, else one line (JSON Lines). */
    static JsonGenerator on(Writer out, boolean pretty) {
        try {
            JsonGenerator g = FACTORY.createGenerator(out);
            return pretty ? g.useDefaultPrettyPrinter() : g;
        } catch (IOException e) {
            throw new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
        }
    }
}
