package org.dtcore.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import com.fasterxml.jackson.core.JsonGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * dtcore's JSON reader (RFC 8259, strictly) and its one writer layout. Positions are worked out by hand
 * from the text in each case: lines count line feeds, columns count characters from 1.
 */
class JsonTextTest {

    @Test
    void valuesKeepTheirLineAndColumn() {
        JsonValue v = JsonText.parse("{\n  \"a\": [1, \"x\"],\n\t\"b\": null\n}");

        assertThat(v.place()).isEqualTo("line 1 column 1");
        JsonValue a = v.get("a").orElseThrow();
        assertThat(a.place()).isEqualTo("line 2 column 8");
        assertThat(a.elements().get(1).place()).isEqualTo("line 2 column 12");
        assertThat(v.get("b").orElseThrow().place()).isEqualTo("line 3 column 7");
        assertThat(a.elements().get(0).text()).isEqualTo("1");
    }

    @Test
    void aCharacterOutsideTheBasicPlaneIsOneColumn() {
        // U+1F600 is two chars in Java, one character on screen and in an editor's column count
        JsonValue v = JsonText.parse("[\"\uD83D\uDE00\", 7]");
        assertThat(v.elements().get(1).place()).isEqualTo("line 1 column 7");
    }

    @Test
    void escapesAreDecoded() {
        assertThat(JsonText.parse("\"a\\n\\u00e9\\\"\\\\\\/\"").text()).isEqualTo("a\n\u00e9\"\\/");
    }

    @Test
    void aLeadingByteOrderMarkIsSkippedAnywhereElseRefused() {
        byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, '{', '}'};
        assertThat(JsonText.parse(bom).members()).isEmpty();
        assertThatThrownBy(() -> JsonText.parse("{ \uFEFF}")).isInstanceOf(TextException.class)
                .hasMessageContaining("byte order mark (U+FEFF)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\uFEFF"));
    }

    @Test
    void invalidUtf8IsNamedByLineColumnAndOffset() {
        byte[] text = "{\n \"a\": \"\u00e9\u00e9\"}".getBytes(StandardCharsets.UTF_8);
        byte[] broken = java.util.Arrays.copyOf(text, text.length);
        broken[broken.length - 4] = (byte) 0xff; // the second é's lead byte: line 2, after ' "a": "é'
        assertThatThrownBy(() -> JsonText.parse(broken)).isInstanceOfSatisfying(TextException.class, e -> {
            assertThat(e.kind()).isEqualTo(TextException.Kind.NOT_UTF8);
            assertThat(e.location()).isEqualTo("line 2 column 9");
            assertThat(e.detail()).isEqualTo("byte 0xff (offset " + (broken.length - 4) + ") is not UTF-8 text");
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"a\":1}{}`| line 1 column 8 | more after the JSON value",
        "`{/* c */}` | line 1 column 2 | a comment (JSON has no comments)",
        "`// c\n{}` | line 1 column 1 | a comment (JSON has no comments)",
        "`[NaN]` | line 1 column 2 | NaN and Infinity are not JSON numbers",
        "`[-Infinity]` | line 1 column 3 | NaN and Infinity are not JSON numbers",
        "`{'a': 1}` | line 1 column 2 | a single quote (JSON strings take double quotes)",
        "`[1,]` | line 1 column 4 | a comma before ']': JSON allows no trailing comma",
        "`{\"a\":1,}` | line 1 column 8 | a comma before '}': JSON allows no trailing comma",
        "`[01]` | line 1 column 2 | a number with a leading zero",
        "`[+1]` | line 1 column 2 | a JSON number takes no '+'",
        "`[1.]` | line 1 column 4 | a number needs a digit after its decimal point",
        "`[1e]` | line 1 column 4 | a number needs a digit in its exponent",
        "`[True]` | line 1 column 2 | true, false and null are lower case",
        "`{\"a\" 1}` | line 1 column 6 | expected ':' after the key, found a number",
        "`{\"a\":1 \"b\":2}` | line 1 column 8 | expected ',' or '}' after a member",
        "`[1 2]` | line 1 column 4 | expected ',' or ']' after an element",
        "`{\"a\":[1,2` | line 1 column 10 | the text ends inside an array that starts at line 1 column 6",
        "`{\"a\":\"x` | line 1 column 8 | the text ends inside a string that starts at line 1 column 6",
        "`\"\\q\"` | line 1 column 2 | an escape sequence JSON does not have",
        "`\"\\u12\"` | line 1 column 2 | \\u must be followed by four hex digits",
        // RFC 8259 §7: four HEXDIG; jackson-core 2.20 reads U+0163 as the digit c (JsonTextFuzzTest's finding)
        "`\"\\u00e\u0163\"` | line 1 column 2 | \\u must be followed by four hex digits",
        "`{\"a\":1,\"a\":2}` | line 1 column 8 | a key this object already has (first at line 1 column 6)",
        "`  ` | line 1 column 3 | no JSON value",
    })
    void everyRefusalSaysWhereAndWhatInWords(String json, String where, String words) {
        assertThatThrownBy(() -> JsonText.parse(json)).isInstanceOfSatisfying(TextException.class, e -> {
            assertThat(e.kind()).isEqualTo(TextException.Kind.NOT_JSON);
            assertThat(e.location()).isEqualTo(where);
            assertThat(e.getMessage()).contains(words);
        });
    }

    @Test
    void controlCharactersAreNamedNotPrinted() {
        assertThatThrownBy(() -> JsonText.parse("[\"a\u0000b\"]")).hasMessageContaining("a control character (U+0000)"
                + " inside a string").satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
        assertThatThrownBy(() -> JsonText.parse("[\u001b]")).hasMessageContaining("a control character (U+001B)")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
    }

    @Test
    void nestingStopsAt64Levels() {
        assertThat(JsonText.parse("[".repeat(64) + "]".repeat(64)).is(JsonValue.Type.ARRAY)).isTrue();
        // a million brackets: refused at the 65th, without a deep stack or a tree of a million arrays
        assertThatThrownBy(() -> JsonText.parse("[".repeat(1_000_000))).isInstanceOfSatisfying(TextException.class,
                e -> assertThat(e.location()).isEqualTo("line 1 column 65"))
                .hasMessageContaining(": " + "nested deeper than 64 levels");
    }

    @Test
    void aHugeNumberIsKeptAsTextAndItsFieldRefusesIt() {
        String digits = "9".repeat(100_000);
        JsonValue v = JsonText.parse("{\"n\": " + digits + "e999999999}");
        assertThat(v.get("n").orElseThrow().text()).hasSize(100_010);
        JsonField n = JsonField.root(v).get("n");
        assertThatThrownBy(() -> n.integer(64)).hasMessageEndingWith(": " + "expected an integer from 0 to 64 (digits only: no fraction"
                + " or exponent)");
        assertThatThrownBy(n::number).hasMessageContaining(": " + "expected a string such as \"0x40000000\" or \"256M\","
                + " found a JSON number");
    }

    @Test
    void fieldsSayWhereTheyAreAndWhatTheyMustBe() {
        JsonField root = JsonField.root(JsonText.parse("{\n  \"a\": {\"b\": \"lots\", \"c\": \"010\", \"d\": 5,"
                + " \"e\": \"0x10000000000000000\"}\n}"));
        JsonField a = root.get("a");
        assertThatThrownBy(() -> a.get("b").number()).isInstanceOfSatisfying(TextException.class, e -> {
            assertThat(e.location()).isEqualTo("line 2 column 14: $.a.b");
            assertThat(e.detail()).startsWith("not a number").doesNotContain("lots");
        });
        assertThatThrownBy(() -> a.get("c").number()).hasMessageContaining(": " + "a decimal with a leading zero");
        assertThatThrownBy(() -> a.get("e").number()).hasMessageEndingWith(": " + "does not fit in 64 bits");
        assertThat(a.get("e").size().full()).as("2^64 is a size (the whole space), not an address").isTrue();
        assertThatThrownBy(() -> a.get("missing").number()).isInstanceOfSatisfying(TextException.class,
                e -> assertThat(e.location()).isEqualTo("line 2 column 8: $.a.missing")).hasMessageEndingWith(": " + "missing");
        assertThat(a.get("d").integer(5)).isEqualTo(5);
        assertThatThrownBy(() -> a.get("d").integer(4)).hasMessageEndingWith(": " + "is larger than 4");
        assertThatThrownBy(() -> a.object(Set.of("b", "c", "d"))).isInstanceOfSatisfying(TextException.class,
                e -> assertThat(e.location()).isEqualTo("line 2 column 47: $.a"))
                .hasMessageEndingWith(": " + "a field this object does not have (known here: b, c, d)");
    }

    @Test
    void theDocumentLayoutIsTwoSpacesOneMemberPerLineAsJqPrints() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonText.document(out)) {
            g.writeStartObject();
            g.writeStringField("a", "x");
            g.writeArrayFieldStart("b");
            g.writeNumber(1);
            g.writeStartObject();
            g.writeEndObject();
            g.writeEndArray();
            g.writeArrayFieldStart("c");
            g.writeEndArray();
            g.writeNullField("d");
            g.writeEndObject();
        }
        // written out by hand: what `jq .` prints for {"a":"x","b":[1,{}],"c":[],"d":null}
        assertThat(out.toString()).isEqualTo("{\n  \"a\": \"x\",\n  \"b\": [\n    1,\n    {}\n  ],\n  \"c\": [],\n"
                + "  \"d\": null\n}");
    }

    @Test
    void aRecordIsOneLineWithoutBlanks() throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JsonText.record(out)) {
            g.writeStartObject();
            g.writeStringField("a", "line\nbreak");
            g.writeArrayFieldStart("b");
            g.writeNumber(1);
            g.writeEndArray();
            g.writeEndObject();
        }
        assertThat(out.toString()).isEqualTo("{\"a\":\"line\\nbreak\",\"b\":[1]}");
    }
}
