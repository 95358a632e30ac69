package org.dtcore.text;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.Writer;

/**
 * dtcore's JSON, both ways, one way each (docs/json.md).
 * <ul>
 * <li>Reading: {@link #parse} takes a file's bytes as RFC 8259 says and nothing more (UTF-8, one value,
 * no comments, no duplicate key), at most {@link #MAX_DEPTH} deep; every refusal is one
 * {@link TextException} at a line and column. Fields are then read through {@link JsonField}, which holds
 * the one rule for numbers.</li>
 * <li>Writing: jackson-core's streaming generator, in one of two layouts: a document ({@link #document})
 * indented by two spaces with {@code "key": value}, one member or element per line and empty containers
 * as {@code []} and {@code {}} (the layout {@code jq .} prints, so a file passed through jq diffs as
 * nothing); a JSON Lines record ({@link #record}) on one line without blanks.</li>
 * </ul>
 */
public final class JsonText {
    /** Deepest nesting read; dtcore's deepest file needs 5 levels ({@code $.numa.N.ranges[i]}). */
    public static final int MAX_DEPTH = 64;

    private JsonText() {
    }

    /** The writer's configuration, made on first write: reading a file loads no Jackson class. */
    private static final class Writers {
        static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
        static final DefaultPrettyPrinter DOCUMENT = new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("").withArrayEmptySeparator(""))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));

        private Writers() {
        }
    }

    /**
     * The one JSON value in a file's bytes. A UTF-8 byte order mark at the start is skipped (RFC 8259 §8.1
     * lets a reader ignore it; editors on some systems write one); anywhere else it is refused.
     *
     * @param bytes a whole file, UTF-8
     * @return the value, with the line and column of each part
     * @throws TextException of kind {@link TextException.Kind#NOT_UTF8} or {@link TextException.Kind#NOT_JSON},
     *                       at a line and column
     */
    public static JsonValue parse(byte[] bytes) {
        int from = bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb
                && (bytes[2] & 0xff) == 0xbf ? 3 : 0;
        return JsonSyntax.parse(Utf8.strict(bytes, from), 0);
    }

    /**
     * The one JSON value in text already decoded; a byte order mark at its start is skipped, as
     * {@link #parse(byte[])} skips it.
     *
     * @param text the whole document
     * @return the value, with the line and column of each part
     * @throws TextException of kind {@link TextException.Kind#NOT_JSON}, at a line and column
     */
    public static JsonValue parse(String text) {
        return JsonSyntax.parse(text, text.startsWith("\uFEFF") ? 1 : 0);
    }

    /**
     * A generator that writes one indented document to {@code out}; closing it flushes but leaves {@code out}
     * open. The caller ends the document with a line feed.
     *
     * @param out where the document goes
     * @return a generator in the document layout (the class comment)
     * @throws IOException when the generator cannot be made over {@code out}
     */
    public static JsonGenerator document(Writer out) throws IOException {
        return Writers.FACTORY.createGenerator(out).setPrettyPrinter(Writers.DOCUMENT.createInstance());
    }

    /**
     * A generator that writes one JSON Lines record, on one line without blanks; the caller ends the line.
     * Closing it flushes but leaves {@code out} open.
     *
     * @param out where the record goes
     * @return a generator in the record layout
     * @throws IOException when the generator cannot be made over {@code out}
     */
    public static JsonGenerator record(Writer out) throws IOException {
        return Writers.FACTORY.createGenerator(out);
    }
}
