package org.dtcore.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;
import org.dtcore.text.JsonText;
import org.dtcore.text.JsonValue;
import org.dtcore.text.TextException;

/**
 * dtcore's JSON reader ({@link JsonText#parse}) against a reference: jackson-databind, configured as strictly
 * (duplicate keys and trailing content refused, 64 levels, no length limits that dtcore does not have).
 * On any text (a leading byte order mark aside, which dtcore skips) both must accept or both refuse, and
 * what both accept must be the same tree, numbers equal as decimals. dtcore may only throw a
 * {@link TextException}, and its message is one line that names no Java.
 *
 * <p>Without JAZZER_FUZZ this replays {@code JsonTextFuzzTestInputs/text/}; see docs/fuzzing.md.
 */
class JsonTextFuzzTest {
    private static final ObjectMapper REFERENCE = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(JsonText.MAX_DEPTH)
                    .maxNumberLength(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build()).build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final Pattern JAVA = Pattern.compile("(?i)jackson|exception|java\\.|\\bcom\\.|Feature");
    /**
     * A backslash-u escape with a non-ASCII character among its four digits: jackson-core 2.20 reads such a
     * character as the hex digit of its low byte (U+0163 as 'c'), where RFC 8259 §7 wants four HEXDIG and
     * dtcore refuses. Found by this target (input reference-reads-non-ascii-hex-digit.json); not compared.
     */
    private static final Pattern REFERENCE_LENIENT_ESCAPE = Pattern.compile("\\\\u[0-9A-Fa-f]{0,3}[^\\x00-\\x7f]");

    @FuzzTest(maxDuration = "10m")
    void text(byte[] input) {
        String s = new String(input, StandardCharsets.UTF_8);
        if (s.startsWith("\uFEFF")) {
            return; // RFC 8259 §8.1 lets a reader skip it, and dtcore does; the reference does not
        }
        boolean comparable = !REFERENCE_LENIENT_ESCAPE.matcher(s).find();
        JsonValue ours = null;
        TextException refused = null;
        try {
            ours = JsonText.parse(s);
        } catch (TextException e) {
            refused = e;
            check(!JAVA.matcher(e.oneLine()).find() && e.oneLine().indexOf('\n') < 0, "message: " + e.oneLine());
            check(e.location().startsWith("line "), "no line: " + e.oneLine());
        }
        if (!comparable || ours != null && !decimals(ours)) {
            return; // a number whose exponent no BigDecimal holds: dtcore keeps its text, the reference cannot
        }
        JsonNode theirs;
        try {
            theirs = REFERENCE.readTree(s);
        } catch (Exception e) {
            theirs = null;
        }
        if (theirs != null && theirs.isMissingNode()) {
            theirs = null; // an empty text: no value
        }
        check((ours == null) == (theirs == null), (ours == null ? "dtcore refused (" + refused.oneLine() + ")"
                : "dtcore accepted") + " what the reference " + (theirs == null ? "refused" : "accepted"));
        if (ours != null) {
            check(same(ours, theirs), "trees differ");
        }
    }

    /** True when every number in {@code v} is a BigDecimal (an exponent within an int's range). */
    private static boolean decimals(JsonValue v) {
        if (v.is(JsonValue.Type.NUMBER)) {
            try {
                new BigDecimal(v.text());
                return true;
            } catch (NumberFormatException | ArithmeticException e) {
                return false;
            }
        }
        for (JsonValue e : v.elements()) {
            if (!decimals(e)) {
                return false;
            }
        }
        for (JsonValue m : v.members().values()) {
            if (!decimals(m)) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(JsonValue v, JsonNode n) {
        switch (v.type()) {
            case OBJECT:
                if (!n.isObject() || n.size() != v.members().size()) {
                    return false;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    JsonValue member = v.members().get(e.getKey());
                    if (member == null || !same(member, e.getValue())) {
                        return false;
                    }
                }
                return true;
            case ARRAY:
                if (!n.isArray() || n.size() != v.elements().size()) {
                    return false;
                }
                for (int i = 0; i < n.size(); i++) {
                    if (!same(v.elements().get(i), n.get(i))) {
                        return false;
                    }
                }
                return true;
            case STRING:
                return n.isTextual() && n.textValue().equals(v.text());
            case NUMBER:
                return n.isNumber() && new BigDecimal(v.text()).compareTo(n.decimalValue()) == 0;
            case BOOLEAN:
                return n.isBoolean() && String.valueOf(n.booleanValue()).equals(v.text());
            default:
                return n.isNull();
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
