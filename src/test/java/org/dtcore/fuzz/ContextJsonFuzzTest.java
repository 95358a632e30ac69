package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import org.dtcore.DtcoreException;
import org.dtcore.context.ContextJson;
import org.dtcore.memory.Arch;

/**
 * A JSON context file (SPEC §10, docs/context.md), parsed for every architecture, since the file's "arch"
 * must match the one asked for and the fields after it are read only when it does. The bytes are read as
 * {@code ContextJson.read} decodes a file (UTF-8, a bad byte becoming U+FFFD) and one byte per char (ISO
 * 8859-1), which reaches characters UTF-8 decoding cannot produce from short inputs. Only
 * {@link DtcoreException}s may leave: a Jackson exception, a deep-nesting StackOverflowError or a number
 * conversion failure is a finding, and so is a message that is not one line or names Java.
 *
 * <p>Without JAZZER_FUZZ this replays {@code ContextJsonFuzzTestInputs/contextFile/}; see docs/fuzzing.md.
 */
class ContextJsonFuzzTest {
    /** What a message naming Java (a class, an exception, a parser feature) would show. */
    static final java.util.regex.Pattern JAVA = java.util.regex.Pattern.compile(
            "(?i)jackson|databind|exception|java\\.|\\bcom\\.|Feature|StreamReadConstraints");

    @FuzzTest(maxDuration = "10m")
    void contextFile(byte[] input) {
        parseForEachArch(new String(input, StandardCharsets.UTF_8));
        parseForEachArch(new String(input, StandardCharsets.ISO_8859_1));
    }

    private static void parseForEachArch(String json) {
        for (Arch arch : Arch.values()) {
            try {
                ContextJson.parse(json, "ctx.json", arch);
            } catch (DtcoreException expected) {
                // refused, naming the file and the field: a valid answer, if it is one line without Java in it
                String line = expected.oneLine();
                if (line.indexOf('\n') >= 0 || JAVA.matcher(line).find() || !line.startsWith("ctx.json")) {
                    throw new IllegalStateException("not one plain line naming the file: " + line);
                }
            }
        }
    }
}
