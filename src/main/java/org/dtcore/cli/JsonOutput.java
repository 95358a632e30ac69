package org.dtcore.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Writer;
import org.dtcore.text.JsonText;

/**
 * The command line's JSON output: the library's one writer ({@link JsonText}, jackson-core's streaming
 * generator; no object tree and no databind, whose classes a one-shot run would load), on the command's
 * writer, which generators never close.
 */
final class JsonOutput {
    private JsonOutput() {
    }

    /** A generator on {@code out}: {@code document}, indented as docs/json.md shows; else one JSON Lines record. */
    static JsonGenerator on(Writer out, boolean document) {
        try {
            return document ? JsonText.document(out) : JsonText.record(out);
        } catch (IOException e) {
            throw writeFailure(e);
        }
    }

    /** The one line a failed write to standard output becomes. */
    static CommandFailure writeFailure(IOException e) {
        return new CommandFailure("standard output: cannot write: " + e.getMessage(), e);
    }
}
